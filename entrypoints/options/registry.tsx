/**
 * Every part of the options page: the navigation groups, in the order the sidebar lists them, and
 * the sections, in page order, each with its group and the vault states it is shown in. Adding a
 * section is one line in SECTIONS (and a group, if it needs a new one, one line in GROUPS); App.tsx
 * and the navigation read only these lists.
 *
 * A state with a single group (empty: restore or create) shows no navigation. The first group of a
 * state is where the page opens: for a locked vault that is the one with the unlock form.
 * Changing state unmounts the sections of the old one, so nothing typed or shown (a recovery key)
 * survives a lock.
 */

import type { ComponentType } from 'preact';
import type { VaultState } from '../../src/messages/protocol';
import type { MessageKey } from '../../src/ui/i18n';
import type { GroupEntry, SectionEntry } from './navigation';
import { BackupSection } from './sections/BackupSection';
import { BiometricSection } from './sections/BiometricSection';
import { ChangePasswordSection } from './sections/ChangePasswordSection';
import { CreateVaultSection } from './sections/CreateVaultSection';
import { ExportSection } from './sections/ExportSection';
import { ForgotPasswordSection } from './sections/ForgotPasswordSection';
import { HealthSection } from './sections/HealthSection';
import { ImportSection } from './sections/ImportSection';
import { JoinSyncSection } from './sections/JoinSyncSection';
import { KdfSection } from './sections/KdfSection';
import { KeysChangedNotice } from './sections/KeysChangedNotice';
import { NeverSaveSection } from './sections/NeverSaveSection';
import { RecoveryKeySection } from './sections/RecoveryKeySection';
import { ResetSection } from './sections/ResetSection';
import { RestoreSection } from './sections/RestoreSection';
import { SettingsSection } from './sections/SettingsSection';
import { SyncSection } from './sections/SyncSection';
import { UnlockSection } from './sections/UnlockSection';

export interface OptionsGroup extends GroupEntry {
  readonly title: MessageKey;
}

export const GROUPS = [
  { id: 'start', title: 'options_group_start' },
  { id: 'security', title: 'options_group_security' },
  { id: 'unlocking', title: 'options_group_unlocking' },
  { id: 'transfer', title: 'options_group_transfer' },
  { id: 'autofill', title: 'options_group_autofill' },
  { id: 'health', title: 'options_group_health' },
  { id: 'sync', title: 'options_group_sync' },
] as const satisfies readonly OptionsGroup[];

export type GroupId = (typeof GROUPS)[number]['id'];

export interface OptionsSection extends SectionEntry<GroupId> {
  /** Rendered with the vault's current state (a section shown in several states may differ). */
  readonly component: ComponentType<{ state: VaultState }>;
}

const LOCKED_OR_UNLOCKED: readonly VaultState[] = ['locked', 'unlocked'];

export const SECTIONS: readonly OptionsSection[] = [
  { id: 'restore', group: 'start', states: ['empty'], component: RestoreSection },
  { id: 'create', group: 'start', states: ['empty'], component: CreateVaultSection },
  { id: 'sync-join', group: 'start', states: ['empty'], component: JoinSyncSection },
  { id: 'keys-changed', group: 'security', states: LOCKED_OR_UNLOCKED, component: KeysChangedNotice },
  { id: 'unlock', group: 'security', states: ['locked'], component: UnlockSection },
  { id: 'forgot', group: 'security', states: ['locked'], component: ForgotPasswordSection },
  { id: 'password', group: 'security', states: ['unlocked'], component: ChangePasswordSection },
  { id: 'settings', group: 'security', states: LOCKED_OR_UNLOCKED, component: SettingsSection },
  { id: 'kdf', group: 'security', states: ['unlocked'], component: KdfSection },
  { id: 'reset', group: 'security', states: LOCKED_OR_UNLOCKED, component: ResetForState },
  { id: 'biometric', group: 'unlocking', states: ['unlocked'], component: BiometricSection },
  { id: 'recovery', group: 'unlocking', states: ['unlocked'], component: RecoveryKeySection },
  { id: 'backup', group: 'transfer', states: ['unlocked'], component: BackupSection },
  { id: 'file-import', group: 'transfer', states: ['unlocked'], component: ImportSection },
  { id: 'file-export', group: 'transfer', states: ['unlocked'], component: ExportSection },
  { id: 'never-save', group: 'autofill', states: LOCKED_OR_UNLOCKED, component: NeverSaveSection },
  { id: 'health', group: 'health', states: ['unlocked'], component: HealthSection },
  { id: 'sync-server', group: 'sync', states: LOCKED_OR_UNLOCKED, component: SyncSection },
];

function ResetForState({ state }: { state: VaultState }) {
  return <ResetSection unlocked={state === 'unlocked'} />;
}
