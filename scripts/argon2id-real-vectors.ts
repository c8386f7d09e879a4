// Writes tests/unit/crypto/vectors/argon2/tessera-parameters.json: Argon2id tags at the parameters
// Tessera really uses (KDF_FLOOR and the calibration presets), with real-looking master passwords
// (NFC UTF-8, non-ASCII included) and 16-byte salts: `npx tsx scripts/argon2id-real-vectors.ts`.
//
// Why: the published vectors use small or unusual parameters; a vault is hashed at 19-256 MiB with
// p = 1 or 4. Each tag is computed by three independent implementations (hash-wasm, which wrote
// every vault before issue 18; the `argon2id` SIMD build; @noble/hashes in plain JavaScript) and
// written only if all three agree. The unit tests then hold both of our engines to the file.
import { writeFileSync } from 'node:fs';
import { argon2id as nobleArgon2id } from '@noble/hashes/argon2.js';
import { KDF_PRESETS } from '../entrypoints/options/kdf-calibration';
import { hashWasmEngine, simdEngine } from '../src/crypto/argon2id-engine';
import { toHex, utf8Encode } from '../src/crypto/encoding';
import { KDF_FLOOR } from '../src/crypto/kdf';
import { vectorPath } from '../tests/unit/crypto/vectors';

const costs = [
  { label: 'KDF_FLOOR', memoryKiB: KDF_FLOOR.memoryKiB, iterations: KDF_FLOOR.iterations, parallelism: 1 },
  ...KDF_PRESETS.map(({ id, memoryKiB, iterations, parallelism }) => ({
    label: `preset ${id}`,
    memoryKiB,
    iterations,
    parallelism,
  })),
];
const passwords = [
  'correct horse battery staple',
  'Fixture format 1: ünïcode ✓ 🔐 correct horse',
  'caf\u00e9 \u00e0 la cr\u00e8me',
  'pw-Local-Secret!',
  '密码 пароль كلمة السر',
];

const vectors = [];
for (const [i, cost] of costs.entries()) {
  const password = passwords[i % passwords.length]!;
  const passwordBytes = utf8Encode(password.normalize('NFC'));
  const salt = Uint8Array.from({ length: 16 }, (_, k) => (k * 37 + i * 11 + 5) & 0xff);
  const input = { password: passwordBytes, salt, ...cost, hashLength: 32 };
  const tags = [
    await hashWasmEngine.hash(input),
    await simdEngine.hash(input),
    nobleArgon2id(passwordBytes, salt, {
      m: cost.memoryKiB,
      t: cost.iterations,
      p: cost.parallelism,
      dkLen: 32,
    }),
  ].map(toHex);
  if (new Set(tags).size !== 1) throw new Error(`${cost.label}: implementations disagree: ${tags.join(' ')}`);
  vectors.push({
    label: cost.label,
    memory_kib: cost.memoryKiB,
    iterations: cost.iterations,
    parallelism: cost.parallelism,
    password,
    salt_hex: toHex(salt),
    tag_length: 32,
    tag_hex: tags[0],
  });
  console.log(`${cost.label}: ${tags[0]}`);
}
writeFileSync(
  vectorPath('argon2', 'tessera-parameters.json'),
  `${JSON.stringify({ _source: 'scripts/argon2id-real-vectors.ts: hash-wasm, argon2id (SIMD) and @noble/hashes agree', vectors }, null, 2)}\n`,
);
