// The date of each imported password (Item.passwordChangedAt, src/transfer/dates.ts), read from
// the other manager's own fields, so "unchanged for a year" in Health is right from the first day.
import { describe, expect, it } from 'vitest';
import { bitwardenJson } from '../../../src/transfer/importers/bitwarden-json';
import { firefoxCsv } from '../../../src/transfer/importers/firefox-csv';
import { onePassword1pux } from '../../../src/transfer/importers/onepassword-1pux';
import { IMPORTS, sample, textFile } from './helpers';

const dates = (items: readonly { passwordChangedAt?: number }[]) => items.map((i) => i.passwordChangedAt);

describe('password dates of imported items', () => {
  it('Bitwarden JSON: passwordRevisionDate, else the newest history entry, else creation', () => {
    const login = (extra: object, loginExtra: object = {}) => ({
      type: 1,
      name: 'x',
      creationDate: '2020-01-01T00:00:00.000Z',
      revisionDate: '2025-01-01T00:00:00.000Z',
      login: { username: 'u', password: 'p', ...loginExtra },
      ...extra,
    });
    const file = {
      encrypted: false,
      items: [
        login({}, { passwordRevisionDate: '2022-03-04T05:06:07.000Z' }),
        login({
          passwordHistory: [
            { lastUsedDate: '2021-01-01T00:00:00.000Z', password: 'a' },
            { lastUsedDate: '2023-06-01T00:00:00.000Z', password: 'b' },
          ],
        }),
        login({}),
        login({ creationDate: 'not a date' }),
        login({ creationDate: '1970-01-02T00:00:00.000Z' }), // a wrong unit, not a real date
      ],
    };
    const result = bitwardenJson.parse(textFile('bw.json', JSON.stringify(file)));
    expect(dates(result.items)).toEqual([
      Date.UTC(2022, 2, 4, 5, 6, 7),
      Date.UTC(2023, 5, 1),
      Date.UTC(2020, 0, 1),
      undefined,
      undefined,
    ]);
  });

  it('1PUX: the newest password history time, else creation (seconds)', () => {
    const item = (extra: string) =>
      `{"categoryUuid":"001","createdAt":1600000000,"updatedAt":1700000000,"overview":{"title":"T"},"details":{"password":"p"${extra}}}`;
    const data = `{"accounts":[{"vaults":[{"items":[${item(',"passwordHistory":[{"value":"a","time":1650000000},{"value":"b","time":1640000000}]')},${item('')}]}]}]}`;
    const result = onePassword1pux.parse({ name: 'export.data', bytes: new TextEncoder().encode(data) });
    expect(dates(result.items)).toEqual([1_650_000_000_000, 1_600_000_000_000]);
  });

  it.skipIf(IMPORTS === null)("Firefox CSV: timePasswordChanged of Firefox's own export", () => {
    const result = firefoxCsv.parse(sample('firefox', 'firefox-csv', 'simple-password-data.csv'));
    expect(dates(result.items)[0]).toBe(1_612_345_678_900);
  });
});
