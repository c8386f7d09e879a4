/**
 * The vault's plaintext head: is there a vault at all, and is its header one this version reads.
 */

import { VaultError } from './errors';
import { FORMAT_VERSION, type HeaderRecord } from './format';
import { readHead, type StoredHead, type VaultDatabase } from './store';

/** Is there a vault in this database? Never throws for "none". */
export async function hasVault(db: VaultDatabase): Promise<boolean> {
  const head = await readHead(db);
  return head.header !== undefined || head.wrappers.length > 0;
}

/** The header, or a VaultError saying why the vault cannot be opened by this version. */
export function checkHeader(head: StoredHead): HeaderRecord {
  const { header } = head;
  if (!header) {
    if (head.wrappers.length === 0 && !head.manifest)
      throw new VaultError('no-vault', 'There is no vault yet.');
    throw new VaultError('corrupt-header', 'The vault header is missing.', 'header');
  }
  if (
    typeof header.formatVersion !== 'number' ||
    typeof header.vaultId !== 'string' ||
    header.vaultId === ''
  ) {
    throw new VaultError('corrupt-header', 'The vault header is damaged.', 'header');
  }
  if (header.formatVersion !== FORMAT_VERSION) {
    throw new VaultError(
      'unsupported-version',
      header.formatVersion > FORMAT_VERSION
        ? `This vault was written by a newer version of Tessera (format ${header.formatVersion}). Update Tessera to open it.`
        : `This vault uses an unknown format (${header.formatVersion}).`,
      'header',
    );
  }
  return header;
}
