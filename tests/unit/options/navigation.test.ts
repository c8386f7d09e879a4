// @vitest-environment happy-dom
// The options page's routing rules (entrypoints/options/navigation.ts) against the real registry:
// which groups each vault state offers, and which group and section a URL fragment opens.
import { describe, expect, it } from 'vitest';
import { fragmentId, groupsIn, resolveRoute } from '../../../entrypoints/options/navigation';
import { GROUPS, SECTIONS } from '../../../entrypoints/options/registry';

const ids = (list: readonly { id: string }[]) => list.map((entry) => entry.id);

describe('options navigation', () => {
  it('offers one group without a vault, and what works while locked when locked', () => {
    expect(ids(groupsIn(GROUPS, SECTIONS, 'empty'))).toEqual(['start']);
    expect(ids(groupsIn(GROUPS, SECTIONS, 'locked'))).toEqual(['security', 'autofill', 'sync']);
    expect(ids(groupsIn(GROUPS, SECTIONS, 'unlocked'))).toEqual(ids(GROUPS).filter((id) => id !== 'start'));
  });

  it('opens a locked vault on the group with the unlock form, reset and settings', () => {
    const route = resolveRoute('', 'locked', GROUPS, SECTIONS);
    expect(route).toEqual({ group: 'security', section: null, matched: false });
    const shown = SECTIONS.filter((s) => s.group === 'security' && s.states.includes('locked'));
    expect(ids(shown)).toEqual(['keys-changed', 'unlock', 'forgot', 'settings', 'reset']);
  });

  it('a group fragment shows that group; a section fragment its group and that section', () => {
    expect(resolveRoute('#transfer', 'unlocked', GROUPS, SECTIONS)).toEqual({
      group: 'transfer',
      section: null,
      matched: true,
    });
    expect(resolveRoute('#biometric', 'unlocked', GROUPS, SECTIONS)).toEqual({
      group: 'unlocking',
      section: 'biometric',
      matched: true,
    });
    expect(resolveRoute('#restore', 'empty', GROUPS, SECTIONS)).toEqual({
      group: 'start',
      section: 'restore',
      matched: true,
    });
  });

  it('a fragment not shown in this state, unknown or malformed falls back to the first group', () => {
    for (const fragment of ['#biometric', '#transfer', '#nope', '#<img>', '#%E0%A4%A', '#Security']) {
      expect(resolveRoute(fragment, 'locked', GROUPS, SECTIONS)).toEqual({
        group: 'security',
        section: null,
        matched: false,
      });
    }
  });

  it('fragmentId keeps lower-case words and hyphens only', () => {
    expect(fragmentId('#file-import')).toBe('file-import');
    expect(fragmentId('file-import')).toBe('file-import');
    expect(fragmentId('#a"b')).toBe('');
    expect(fragmentId('#%')).toBe('');
  });

  it('every section and group id is unique, and every section names a registered group', () => {
    expect(new Set(ids(SECTIONS)).size).toBe(SECTIONS.length);
    expect(new Set(ids(GROUPS)).size).toBe(GROUPS.length);
    const groups = new Set<string>(ids(GROUPS));
    for (const section of SECTIONS) expect(groups.has(section.group), section.id).toBe(true);
  });
});
