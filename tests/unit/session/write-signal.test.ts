// Which requests tell sync that the vault changed (SessionDeps.onWrite, issue 14 item 3): every
// write a person makes does; reads that take the queue only to be ordered with a lock (the health
// report, the exports) do not, so opening the health report or exporting never makes a sync.
import { describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../../entrypoints/background/handlers';
import type { Handlers } from '../../../src/messages/router';
import { Session } from '../../../src/session/session';
import { memoryArea } from '../../../src/session/storage-area';
import { freshDb, login, TEST_COST } from '../vault/helpers';
import { PAGE } from './handlers-for';

const PASSWORD = 'master password';

async function setup() {
  const db = freshDb();
  const onWrite = vi.fn();
  const session = new Session({
    openDb: () => db,
    sessionArea: memoryArea(),
    now: () => 1_000_000,
    onLocked: vi.fn(),
    onActive: vi.fn(),
    kdfCost: TEST_COST,
    onWrite,
  });
  const handlers = createHandlers({
    session,
    touch: vi.fn(async () => undefined),
    getSettings: vi.fn(async () => ({ passwordAgeDays: 365 })) as never,
    setSettings: vi.fn(),
    clearLocalState: vi.fn(),
    autofill: {} as never,
    offers: {} as never,
    neverSave: {} as never,
    health: { report: vi.fn(async (open: { allItems(): Promise<unknown> }) => open.allItems()) } as never,
    menu: {} as never,
    passkeys: {} as never,
    sync: {} as never,
  }) as Required<Handlers>;
  await session.create(PASSWORD);
  const ask = (request: Record<string, unknown>) =>
    (handlers as unknown as Record<string, (r: unknown, s: unknown) => Promise<unknown>>)[
      request.type as string
    ]!(request, PAGE);
  return { onWrite, ask };
}

describe('which requests schedule a sync', () => {
  it('writes do: an item saved, deleted, the password changed', async () => {
    const { onWrite, ask } = await setup();
    const saved = (await ask({ type: 'vault.put', item: login(1) })) as { id: string };
    expect(onWrite).toHaveBeenCalledTimes(1);
    await ask({ type: 'vault.delete', id: saved.id });
    expect(onWrite).toHaveBeenCalledTimes(2);
    await ask({ type: 'vault.changePassword', current: PASSWORD, next: 'another master password' });
    expect(onWrite).toHaveBeenCalledTimes(3);
  });

  it('reads on the queue do not: the health report, the plaintext export, the encrypted backup', async () => {
    const { onWrite, ask } = await setup();
    await ask({ type: 'vault.put', item: login(1) });
    onWrite.mockClear();
    await ask({ type: 'health.report' });
    await ask({ type: 'vault.exportItems', password: PASSWORD });
    await ask({ type: 'backup.export', current: PASSWORD, password: 'backup file password' });
    expect(onWrite).not.toHaveBeenCalled();
  });
});
