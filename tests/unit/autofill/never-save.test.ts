// The "Never for this site" list (src/autofill/never-save.ts): adding, removing, what a damaged
// stored value reads as, and that queued writes running at the same time do not lose one another.

import { describe, expect, it } from 'vitest';
import { addNeverSave, createNeverSaveList, loadNeverSave, removeNeverSave } from '@/src/autofill/never-save';
import { type KeyValueArea, memoryArea } from '@/src/session/storage-area';

const KEY = 'autofill.neverSave';

describe('never-save list', () => {
  it('adds each origin once, in answer order', async () => {
    const area = memoryArea();
    await addNeverSave(area, 'https://a.example');
    await addNeverSave(area, 'http://b.example:8080');
    await addNeverSave(area, 'https://a.example');
    expect(await loadNeverSave(area)).toEqual(['https://a.example', 'http://b.example:8080']);
  });

  it('removes exactly the origin named, and nothing for one that is not listed', async () => {
    const area = memoryArea();
    for (const origin of ['https://a.example', 'http://a.example', 'https://a.example:8443'])
      await addNeverSave(area, origin);
    await removeNeverSave(area, 'http://a.example');
    expect(await loadNeverSave(area)).toEqual(['https://a.example', 'https://a.example:8443']);

    const writes: unknown[] = [];
    const watched: KeyValueArea = { ...area, set: async (items) => void writes.push(items) };
    await removeNeverSave(watched, 'https://other.example');
    await removeNeverSave(watched, 'https://a.example/');
    expect(writes).toEqual([]);
  });

  it('reads a missing or damaged stored value as a list of its strings only', async () => {
    const area = memoryArea();
    expect(await loadNeverSave(area)).toEqual([]);
    await area.set({ [KEY]: 'https://a.example' });
    expect(await loadNeverSave(area)).toEqual([]);
    await area.set({ [KEY]: ['https://a.example', 42, null, { origin: 'x' }] });
    expect(await loadNeverSave(area)).toEqual(['https://a.example']);
    await removeNeverSave(area, 'https://a.example');
    expect(area.data.get(KEY)).toEqual([]);
  });

  it('keeps the newest 1,000 sites', async () => {
    const area = memoryArea();
    await area.set({ [KEY]: Array.from({ length: 1_000 }, (_, i) => `https://s${i}.example`) });
    await addNeverSave(area, 'https://newest.example');
    const list = await loadNeverSave(area);
    expect(list).toHaveLength(1_000);
    expect(list[0]).toBe('https://s1.example');
    expect(list.at(-1)).toBe('https://newest.example');
  });

  it('runs writes one at a time, so changes made together all land', async () => {
    const area = memoryArea();
    await area.set({ [KEY]: ['https://a.example', 'https://b.example', 'https://c.example'] });
    const list = createNeverSaveList(area);
    // Unqueued, each of these would read the same list and write back its own change only.
    await Promise.all([
      list.remove('https://a.example'),
      list.add('https://d.example'),
      list.remove('https://b.example'),
    ]);
    expect(await list.load()).toEqual(['https://c.example', 'https://d.example']);
  });

  it('reports a failed write to its caller and still runs the next one', async () => {
    const area = memoryArea();
    let fail = true;
    const flaky: KeyValueArea = {
      ...area,
      set: async (items) => {
        if (fail) {
          fail = false;
          throw new Error('quota');
        }
        await area.set(items);
      },
    };
    const list = createNeverSaveList(flaky);
    const first = list.add('https://a.example');
    const second = list.add('https://b.example');
    await expect(first).rejects.toThrow('quota');
    await second;
    expect(await list.load()).toEqual(['https://b.example']);
  });
});
