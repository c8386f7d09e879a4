/**
 * Which part of the options page is shown: the page is split into groups (Vault and security,
 * Unlock and recovery, ...) and shows one group at a time, chosen by the URL fragment. A fragment
 * names a group (`options.html#health`) or a section (`options.html#restore`, the older deep links);
 * a section's fragment shows its group and lands on that section.
 *
 * Pure: the registry (registry.tsx) is passed in, so the rules are tested without rendering.
 * Safety fact: a fragment only ever selects among registered ids, never becomes markup or a selector.
 */

import type { VaultState } from '../../src/messages/protocol';

export interface GroupEntry<G extends string = string> {
  readonly id: G;
}

export interface SectionEntry<G extends string = string> {
  readonly id: string;
  readonly group: G;
  /** The vault states in which the section is shown (what works while locked says so here). */
  readonly states: readonly VaultState[];
}

export interface Route<G extends string = string> {
  /** The group to show. */
  readonly group: G;
  /** A section the fragment named, to scroll to and focus once shown; null for a group or nothing. */
  readonly section: string | null;
  /** Whether the fragment named something shown in this state (false: the default group). */
  readonly matched: boolean;
}

/** The sections of one state, in registry order. */
export function sectionsIn<S extends SectionEntry>(sections: readonly S[], state: VaultState): S[] {
  return sections.filter((section) => section.states.includes(state));
}

/** The groups that have at least one section in this state, in registry order. */
export function groupsIn<G extends GroupEntry>(
  groups: readonly G[],
  sections: readonly SectionEntry[],
  state: VaultState,
): G[] {
  const shown = new Set(sectionsIn(sections, state).map((section) => section.group));
  return groups.filter((group) => shown.has(group.id));
}

/**
 * The group (and section) a fragment selects in a state. A group id wins over a section id of the
 * same name. Anything unknown, or not shown in this state (#health while locked), falls back to
 * the state's first group: the locked page's first group holds the unlock form, and the fragment
 * stays in the address bar, so the page opens on that group once unlocked.
 */
export function resolveRoute<G extends string>(
  fragment: string,
  state: VaultState,
  groups: readonly GroupEntry<G>[],
  sections: readonly SectionEntry<G>[],
): Route<G> | null {
  const available = groupsIn(groups, sections, state);
  const first = available[0];
  if (!first) return null;
  const id = fragmentId(fragment);
  const group = available.find((g) => g.id === id);
  if (group) return { group: group.id, section: null, matched: true };
  const section = sectionsIn(sections, state).find((s) => s.id === id);
  if (section) return { group: section.group, section: section.id, matched: true };
  return { group: first.id, section: null, matched: false };
}

/** `#file-import` -> `file-import`; anything but lower-case words and hyphens -> ''. */
export function fragmentId(fragment: string): string {
  let id: string;
  try {
    id = decodeURIComponent(fragment.replace(/^#/, ''));
  } catch {
    return '';
  }
  return /^[a-z][a-z-]*$/.test(id) ? id : '';
}
