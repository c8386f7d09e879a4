import { describe, expect, it } from 'vitest';
import { createWelcomeOpener, WELCOME_OPENED_KEY } from '../../../entrypoints/background/welcome';

function memoryArea(initial: Record<string, unknown> = {}) {
  const data = { ...initial };
  return {
    data,
    get: async (key: string) => (key in data ? { [key]: data[key] } : {}),
    set: async (items: Record<string, unknown>) => void Object.assign(data, items),
  };
}

function setup(initial?: Record<string, unknown>) {
  const local = memoryArea(initial);
  let opened = 0;
  const onInstalled = createWelcomeOpener(local, async () => {
    opened++;
  });
  return { local, onInstalled, opened: () => opened };
}

describe('welcome page at install', () => {
  it('opens at a first install and marks the profile', async () => {
    const { local, onInstalled, opened } = setup();
    await onInstalled({ reason: 'install' });
    expect(opened()).toBe(1);
    expect(local.data[WELCOME_OPENED_KEY]).toBe(true);
  });

  it('opens once per profile, even when the browser reports install again (--load-extension starts)', async () => {
    const { onInstalled, opened } = setup();
    await onInstalled({ reason: 'install' });
    await onInstalled({ reason: 'install' });
    expect(opened()).toBe(1);
  });

  it.each(['update', 'browser_update', 'chrome_update', 'shared_module_update'])(
    'never on %s',
    async (reason) => {
      const { local, onInstalled, opened } = setup();
      await onInstalled({ reason });
      expect(opened()).toBe(0);
      expect(local.data).toEqual({});
    },
  );

  it('opens again after a reset cleared storage.local (the vault is gone too)', async () => {
    const { local, onInstalled, opened } = setup({ [WELCOME_OPENED_KEY]: true });
    await onInstalled({ reason: 'install' });
    expect(opened()).toBe(0);
    delete local.data[WELCOME_OPENED_KEY];
    await onInstalled({ reason: 'install' });
    expect(opened()).toBe(1);
  });
});
