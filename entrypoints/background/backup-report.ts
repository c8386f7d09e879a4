/** Counting what a backup import does, and turning backup errors into refusals with their codes. */

import type { BackupImportReport } from '../../src/messages/protocol';
import { BackupError } from '../../src/vault/backup';
import { VaultError } from '../../src/vault/errors';
import type { ItemInput, ItemOverview } from '../../src/vault/types';

export function backupImportReport(
  mode: BackupImportReport['mode'],
  backup: { items: ItemInput[]; createdAt: string },
  current: readonly ItemOverview[],
): BackupImportReport {
  const inVault = new Set(current.map((o) => o.id));
  const inBackup = new Set(backup.items.map((i) => i.id));
  const updated = backup.items.filter((i) => i.id !== undefined && inVault.has(i.id)).length;
  return {
    mode,
    createdAt: backup.createdAt,
    inBackup: backup.items.length,
    added: backup.items.length - updated,
    updated,
    onlyInVault: current.filter((o) => !inBackup.has(o.id)).length,
  };
}

export function toVaultError(err: unknown): never {
  if (err instanceof BackupError) {
    throw new VaultError(
      err.code === 'wrong-password-or-damaged' ? 'wrong-password' : 'invalid-item',
      err.message,
    );
  }
  throw err;
}
