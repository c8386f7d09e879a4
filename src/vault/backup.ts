/**
 * Encrypted backup files: the whole vault in one file, encrypted under a password the user picks.
 *
 * Format (JSON text, version 1):
 *   { "format": "tessera-backup", "version": 1, "createdAt": ISO date, "itemCount": n,
 *     "kdf": { "algorithm": "argon2id", "memoryKiB", "iterations", "parallelism", "salt": base64 },
 *     "data": base64(nonce || XChaCha20-Poly1305 ciphertext || tag) }
 * The key is Argon2id(backup password, salt); the AAD is every other field of the file, so a
 * changed count, date or cost is detected like a changed byte of the ciphertext. The plaintext is
 * JSON { items: Item[] }, each item checked again by the vault's schema on the way in.
 *
 * Safety facts: a wrong password and a damaged file are indistinguishable by design (that is what
 * authentication means) and both change nothing; KDF settings below the floor are refused.
 */

import { DecryptError, open, seal } from '../crypto/aead';
import { fromBase64, toBase64, utf8Decode, utf8Encode, wipe } from '../crypto/encoding';
import {
  checkKdfParams,
  deriveKeyFromPassword,
  type KdfParams,
  KdfParamsError,
  newKdfParams,
} from '../crypto/kdf';
import { parseItemInput } from './item-schema';
import type { Item, ItemInput } from './types';
import type { KdfCost } from './wrappers';

export const BACKUP_FORMAT = 'tessera-backup';
export const BACKUP_VERSION = 1;

export type BackupErrorCode =
  | 'not-a-backup'
  | 'unsupported-version'
  | 'kdf-too-weak'
  | 'wrong-password-or-damaged'
  | 'invalid-item';

export class BackupError extends Error {
  override readonly name = 'BackupError';
  constructor(
    readonly code: BackupErrorCode,
    message: string,
  ) {
    super(message);
  }
}

interface BackupFile {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  itemCount: number;
  kdf: { algorithm: 'argon2id'; memoryKiB: number; iterations: number; parallelism: number; salt: string };
  data: string;
}

function aadOf(file: Omit<BackupFile, 'data'>): Uint8Array {
  const k = file.kdf;
  return utf8Encode(
    [
      file.format,
      file.version,
      file.createdAt,
      file.itemCount,
      k.algorithm,
      k.memoryKiB,
      k.iterations,
      k.parallelism,
      k.salt,
    ].join('|'),
  );
}

export async function encryptBackup(
  items: readonly Item[],
  password: string,
  cost: KdfCost = {},
): Promise<string> {
  if (!password) throw new BackupError('wrong-password-or-damaged', 'Choose a password for the backup.');
  const kdf = newKdfParams(cost);
  const head: Omit<BackupFile, 'data'> = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: new Date().toISOString(),
    itemCount: items.length,
    kdf: {
      algorithm: 'argon2id',
      memoryKiB: kdf.memoryKiB,
      iterations: kdf.iterations,
      parallelism: kdf.parallelism,
      salt: toBase64(kdf.salt),
    },
  };
  const key = await deriveKeyFromPassword(password, kdf);
  try {
    const plain = utf8Encode(JSON.stringify({ items }));
    const data = toBase64(seal(key, plain, aadOf(head)));
    wipe(plain);
    return JSON.stringify({ ...head, data });
  } finally {
    wipe(key);
  }
}

/** Reads the plaintext header without the password (for "N items, made on ..." before asking). */
export function inspectBackup(text: string): { createdAt: string; itemCount: number } {
  const file = parseFile(text);
  return { createdAt: file.createdAt, itemCount: file.itemCount };
}

export async function decryptBackup(
  text: string,
  password: string,
): Promise<{ items: ItemInput[]; createdAt: string }> {
  const file = parseFile(text);
  let kdf: KdfParams;
  let sealed: Uint8Array;
  try {
    kdf = { ...file.kdf, salt: fromBase64(file.kdf.salt) };
    sealed = fromBase64(file.data);
  } catch {
    throw new BackupError('not-a-backup', 'The backup file is damaged (bad encoding).');
  }
  try {
    checkKdfParams(kdf);
  } catch (err) {
    const weak = err instanceof KdfParamsError && err.reason === 'below-floor';
    throw new BackupError(
      weak ? 'kdf-too-weak' : 'not-a-backup',
      `The backup's key settings are not acceptable (${String(err)}).`,
    );
  }
  const key = await deriveKeyFromPassword(password, kdf);
  let plain: Uint8Array;
  try {
    plain = open(key, sealed, aadOf(file));
  } catch (err) {
    if (!(err instanceof DecryptError)) throw err;
    throw new BackupError(
      'wrong-password-or-damaged',
      'The backup password is wrong, or the file is damaged. Nothing was changed.',
    );
  } finally {
    wipe(key);
  }
  const body = JSON.parse(utf8Decode(plain)) as { items?: unknown };
  wipe(plain);
  if (!Array.isArray(body.items) || body.items.length !== file.itemCount) {
    throw new BackupError('not-a-backup', 'The backup does not hold the items it announces.');
  }
  const items = body.items.map((raw, i) => {
    const { createdAt: _c, updatedAt: _u, ...input } = raw as Item;
    try {
      return parseItemInput(input);
    } catch (err) {
      throw new BackupError('invalid-item', `Backup item ${i + 1} is not valid: ${(err as Error).message}`);
    }
  });
  return { items, createdAt: file.createdAt };
}

function parseFile(text: string): BackupFile {
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    throw new BackupError(
      'not-a-backup',
      'This is not a Tessera backup file (it is not JSON, or it was cut short).',
    );
  }
  const f = file as Partial<BackupFile> | null;
  if (!f || typeof f !== 'object' || f.format !== BACKUP_FORMAT) {
    throw new BackupError('not-a-backup', 'This is not a Tessera backup file.');
  }
  if (f.version !== BACKUP_VERSION) {
    throw new BackupError(
      'unsupported-version',
      `This backup was made by a newer version of Tessera (format ${String(f.version)}).`,
    );
  }
  const k = f.kdf;
  if (
    typeof f.createdAt !== 'string' ||
    typeof f.itemCount !== 'number' ||
    typeof f.data !== 'string' ||
    !k ||
    k.algorithm !== 'argon2id' ||
    typeof k.salt !== 'string' ||
    ![k.memoryKiB, k.iterations, k.parallelism].every(Number.isInteger)
  ) {
    throw new BackupError('not-a-backup', 'The backup file is damaged (missing fields).');
  }
  return f as BackupFile;
}
