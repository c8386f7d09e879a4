// Freezes a vault written by the current code as a fixture: `npx tsx scripts/freeze-vault-fixture.ts`.
//
// Writes tests/fixtures/vaults/format-<FORMAT_VERSION>/ with:
//   database.json   every IndexedDB store and record (tests/unit/vault/fixtures-dump.ts)
//   items.json      every item as the vault returns it (overview and secrets), in list order
//   proofs.json     what opens it: master password, biometric (PRF) credential id and output,
//                   recovery key, and the backup's password
//   backup.txt      an encrypted backup file of the same items (src/vault/backup.ts), byte for byte as
//                   Tessera writes it (.txt so that the JSON formatter leaves it alone)
//   README.md       which commit wrote it, and that it must never be regenerated
//
// Run it once per vault format, when FORMAT_VERSION changes (before the release that changes it):
// the tests in tests/unit/vault/fixtures.test.ts then open every frozen version with today's code.
// Safety facts: it refuses to overwrite an existing version folder (a fixture is a promise about
// data already on people's disks; rewriting it would hide a break), and refuses to run on
// uncommitted changes under src/ (the README must name the code that wrote the fixture).
import 'fake-indexeddb/auto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unwrap } from 'idb';
import { toBase64, toBase64Url } from '../src/crypto/encoding';
import { encryptBackup } from '../src/vault/backup';
import { DB_NAME, FORMAT_VERSION } from '../src/vault/format';
import { emptyItem } from '../src/vault/item-schema';
import { openVaultDatabase } from '../src/vault/store';
import type { ItemInput, StoredPasskey } from '../src/vault/types';
import { UnlockedVault } from '../src/vault/vault';
import { dumpDatabase } from '../tests/unit/vault/fixtures-dump';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = path.join(REPO_ROOT, 'tests', 'fixtures', 'vaults', `format-${FORMAT_VERSION}`);

/**
 * The lowest Argon2id cost the floor allows (KDF_FLOOR), so every test that opens the fixture stays
 * quick. The default cost (64 MiB, t=3) took 1.7 s in Node on the 2-core CI machine, too slow to
 * open in every unit test, so it is not frozen; its parameters are only numbers in the same record.
 */
const COST = { memoryKiB: 19456, iterations: 2, parallelism: 1 };

const PASSWORD = `Fixture format ${FORMAT_VERSION}: ünïcode ✓ 🔐 correct horse`;
const BACKUP_PASSWORD = `Backup of format ${FORMAT_VERSION}: paper kite ocean`;
/** Fixed bytes standing for a WebAuthn credential and its PRF output (what the authenticator returns). */
const PRF = {
  credentialId: Uint8Array.from({ length: 16 }, (_, i) => 0xc0 + i),
  prfSalt: Uint8Array.from({ length: 32 }, (_, i) => i * 7),
  prfOutput: Uint8Array.from({ length: 32 }, (_, i) => 255 - i * 3),
  label: 'Fixture security key',
};

/** Every field the item schema allows, each in several shapes: full, empty, unicode, edge values. */
function variedItems(): ItemInput[] {
  return [
    {
      ...emptyItem(),
      name: 'Bank – everything filled',
      username: 'alice@example.com',
      password: 'Tr0ub4dor&3 "quoted" \\back\\slash <tag> ✓',
      urls: ['https://bank.example.com/login', 'https://m.bank.example.com/', 'android://com.example.bank'],
      match: 'domain',
      favorite: true,
      notes: 'Line one\nLine two with tab\tand unicode: ß, 你好, مرحبا, 🏦, e\u0301\n',
      totp: 'otpauth://totp/Bank:alice?secret=JBSWY3DPEHPK3PXP&issuer=Bank&digits=6&period=30',
      fields: [
        { name: 'PIN', value: '0042', hidden: true },
        { name: 'Customer number', value: '12-345-678', hidden: false },
        { name: '', value: '', hidden: false },
      ],
    },
    {
      ...emptyItem(),
      name: 'Empty optional fields',
      username: '',
      password: 'only-a-password',
      match: 'host',
    },
    {
      ...emptyItem(),
      name: 'Never autofill',
      username: 'bob',
      password: 'n3ver-fill',
      urls: ['http://intranet.test:8080/sign-in?next=%2Fhome#frag'],
      match: 'never',
      totp: 'JBSWY3DPEHPK3PXP',
    },
    {
      ...emptyItem(),
      name: 'Ünïcödé 名前 🗝️',
      username: 'ユーザー@例え.jp',
      password: 'пароль-密码-🔑',
      urls: ['https://例え.jp/', 'https://xn--r8jz45g.jp/login'],
      notes: 'RTL: שלום עולם; combining: a\u0308; zero-width joiner: 👩\u200d💻',
      fields: [{ name: 'Sicherheitsfrage', value: 'Straße', hidden: true }],
    },
    {
      ...emptyItem(),
      name: 'Many URLs and fields',
      username: 'carol',
      password: 'x'.repeat(128),
      urls: Array.from({ length: 12 }, (_, i) => `https://s${i}.many.example.org/path/${i}`),
      favorite: true,
      fields: Array.from({ length: 8 }, (_, i) => ({
        name: `field ${i}`,
        value: `value ${i}`,
        hidden: i % 2 === 0,
      })),
    },
  ];
}

/**
 * A login with two passkeys (format 3 stores their RP IDs in the overview chunk's own column): real
 * P-256 keys, so a later release can also sign with them.
 */
async function passkeyItem(): Promise<ItemInput> {
  const passkey = async (rpId: string, user: string): Promise<StoredPasskey> => {
    const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
    return {
      credentialId: toBase64Url(crypto.getRandomValues(new Uint8Array(16))),
      rpId,
      userHandle: toBase64Url(crypto.getRandomValues(new Uint8Array(32))),
      userName: user,
      userDisplayName: `Display ${user} ✓`,
      privateKey: toBase64Url(new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey))),
      algorithm: -7,
      counter: 0,
      createdAt: 1_764_720_000_000,
      discoverable: true,
    };
  };
  return {
    ...emptyItem(),
    name: 'Passkeys on two sites',
    username: 'dana@passkeys.example',
    password: '',
    urls: ['https://passkeys.example/', 'https://login.例え.jp/'],
    passkeys: [await passkey('passkeys.example', 'dana'), await passkey('login.例え.jp', 'dana@例え')],
  };
}

/** Enough plain logins to fill more than one overview chunk (CHUNK_CAPACITY is 256). */
function bulkItems(): ItemInput[] {
  return Array.from({ length: 260 }, (_, i) => ({
    ...emptyItem(),
    name: `Bulk ${String(i).padStart(3, '0')}`,
    username: `user${i}@bulk.example.net`,
    password: `bulk-pw-${i}`,
    urls: [`https://site${i}.bulk.example.net/`],
  }));
}

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
}

function writeJson(name: string, value: unknown): void {
  writeFileSync(path.join(OUT_DIR, name), `${JSON.stringify(value, null, 2)}\n`);
}

async function main(): Promise<void> {
  if (existsSync(OUT_DIR)) {
    console.error(
      `${path.relative(REPO_ROOT, OUT_DIR)} exists. A frozen fixture is never regenerated: ` +
        'bump FORMAT_VERSION (src/vault/format.ts) and add a migration first; then freeze the new version.',
    );
    process.exit(1);
  }
  if (git('status', '--porcelain', '--', 'src') !== '') {
    console.error(
      'src/ has uncommitted changes: commit them first, so the fixture names the code that wrote it.',
    );
    process.exit(1);
  }
  const commit = git('rev-parse', 'HEAD');
  const subject = git('log', '-1', '--format=%s');

  const db = await openVaultDatabase(DB_NAME);
  const vault = await UnlockedVault.create(db, PASSWORD, COST);
  const [first, second, third] = variedItems();
  // One at a time (put), then a batch (putMany), then an edit and a removal, as people use it.
  const edited = await vault.put(first);
  await vault.put(second);
  const removed = await vault.put({ ...third!, name: 'Removed before freezing' });
  await vault.putMany([third!, ...variedItems().slice(3), ...bulkItems()]);
  await vault.put({ ...first!, id: edited.id, notes: `${first!.notes}(edited once)` });
  await vault.delete(removed.id);
  await vault.put(await passkeyItem());
  await vault.enrolBiometric(PRF);
  const recoveryKey = await vault.createRecoveryKey();

  const { items, damaged } = await vault.allItems();
  if (damaged.length > 0) throw new Error(`damaged items while freezing: ${damaged.join(', ')}`);
  const backup = await encryptBackup(items, BACKUP_PASSWORD, COST);
  const dump = await dumpDatabase(unwrap(db));
  vault.lock();
  db.close();

  mkdirSync(OUT_DIR, { recursive: true });
  writeJson('database.json', dump);
  writeJson('items.json', items);
  writeJson('proofs.json', {
    password: PASSWORD,
    prf: { credentialId: toBase64(PRF.credentialId), prfOutput: toBase64(PRF.prfOutput) },
    recoveryKey,
    backupPassword: BACKUP_PASSWORD,
  });
  writeFileSync(path.join(OUT_DIR, 'backup.txt'), backup);
  writeFileSync(
    path.join(OUT_DIR, 'README.md'),
    `# Vault format ${FORMAT_VERSION}, frozen

Written on ${new Date().toISOString().slice(0, 10)} by \`scripts/freeze-vault-fixture.ts\` running the vault code of
commit \`${commit}\` ("${subject}"), with fake-indexeddb in Node.

**Never regenerate or edit these files.** They stand for vaults already on people's disks; every later
release must open them (\`tests/unit/vault/fixtures.test.ts\`, \`tests/e2e/vault-fixtures.spec.ts\`). A new
format version gets its own folder beside this one.

- \`database.json\`: every IndexedDB store and record of the \`${DB_NAME}\` database (binary values as
  \`{ "$bytes": base64 }\`): the header (format ${FORMAT_VERSION}), the manifest, ${Object.keys(dump.stores).length} stores, a password key
  record (Argon2id ${COST.memoryKiB} KiB, t=${COST.iterations}, p=${COST.parallelism}: the floor, so tests stay fast), a biometric (PRF)
  key record and a recovery key record.
- \`items.json\`: the ${items.length} items it holds (${items.length - bulkItems().length} varied ones covering every field the item schema
  allows, then ${bulkItems().length} plain logins so the overviews span two chunks), as the vault returns them.
- \`proofs.json\`: what opens it. Master password: \`${PASSWORD}\`. Biometric: credential id and PRF
  output (base64) as an authenticator would return them. Recovery key: \`${recoveryKey}\`.
- \`backup.txt\`: an encrypted backup file of the same items (backup format 1), password \`${BACKUP_PASSWORD}\`.
`,
  );
  console.log(
    `Froze format ${FORMAT_VERSION} (${items.length} items) in ${path.relative(REPO_ROOT, OUT_DIR)}.`,
  );
}

await main();
