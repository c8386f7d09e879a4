// The failed-biometric marks (src/ui/biometric-marks.ts): which enrolments the pages still offer,
// and that the marks in storage.local are kept, merged and cleared by record id.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { KeyRecordView } from '../../../src/messages/protocol';

const area: Record<string, unknown> = {};
vi.mock('wxt/browser', () => ({
  browser: {
    storage: {
      local: {
        get: async (key: string) => (key in area ? { [key]: area[key] } : {}),
        set: async (items: Record<string, unknown>) => void Object.assign(area, items),
      },
    },
  },
}));
const { clearUnavailable, loadUnavailable, markUnavailable, usableBiometric } = await import(
  '../../../src/ui/biometric-marks'
);

const record = (id: string, kind: KeyRecordView['kind']): KeyRecordView => ({ id, kind, createdAt: 0 });
const RECORDS = [
  record('password', 'password'),
  record('prf:aa', 'prf'),
  record('prf:bb', 'prf'),
  record('recovery', 'recovery'),
];

describe('failed-biometric marks', () => {
  beforeEach(() => {
    for (const key of Object.keys(area)) delete area[key];
  });

  it('offers only biometric records that are not marked', () => {
    expect(usableBiometric(RECORDS, new Set()).map((r) => r.id)).toEqual(['prf:aa', 'prf:bb']);
    expect(usableBiometric(RECORDS, new Set(['prf:aa'])).map((r) => r.id)).toEqual(['prf:bb']);
    expect(usableBiometric(RECORDS, new Set(['prf:aa', 'prf:bb']))).toEqual([]);
  });

  it('keeps marks across loads, adds without duplicates and clears by id', async () => {
    expect(await loadUnavailable()).toEqual(new Set());
    await markUnavailable(['prf:aa']);
    await markUnavailable(['prf:aa', 'prf:bb']);
    expect(area['biometric.unavailable']).toEqual(['prf:aa', 'prf:bb']);
    expect(await clearUnavailable(['prf:aa'])).toEqual(new Set(['prf:bb']));
    expect(await loadUnavailable()).toEqual(new Set(['prf:bb']));
  });

  it('ignores a stored value that is not a list of ids', async () => {
    area['biometric.unavailable'] = ['prf:aa', 7, null];
    expect(await loadUnavailable()).toEqual(new Set(['prf:aa']));
    area['biometric.unavailable'] = 'prf:aa';
    expect(await loadUnavailable()).toEqual(new Set());
  });
});
