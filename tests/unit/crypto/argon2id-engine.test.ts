// The two Argon2id engines (src/crypto/argon2id-engine.ts) and the choice between them.
//
// Both must return the same bytes as RFC 9106 Argon2id, or vaults written by one would not open
// with the other: each runs the RFC 9106 §5.3 inputs, the phc-winner-argon2 test.c vectors and the
// vectors at Tessera's real parameters (tessera-parameters.json, where three implementations
// agreed when it was written). kdf.test.ts runs the same published vectors through argon2idRaw,
// i.e. through whichever engine this runtime chose.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { argon2id as nobleArgon2id } from '@noble/hashes/argon2.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type Argon2idEngine,
  argon2idEngine,
  hashWasmEngine,
  SIMD_PROBE,
  simdEngine,
  wasmSimdSupported,
} from '../../../src/crypto/argon2id-engine';
import {
  ARGON2ID_PACKAGE_VERSION,
  ARGON2ID_SIMD_WASM_BASE64,
  ARGON2ID_SIMD_WASM_SHA256,
} from '../../../src/crypto/argon2id-simd-wasm';
import { fromBase64, fromHex, toHex, utf8Encode } from '../../../src/crypto/encoding';
import { type Argon2idCase, phcArgon2idCases, type Rfc9106Vector, readVectors } from './vectors';

const require = createRequire(import.meta.url);
const engines: [string, Argon2idEngine][] = [
  ['wasm-simd', simdEngine],
  ['hash-wasm', hashWasmEngine],
];

interface RealParamsVector {
  label: string;
  memory_kib: number;
  iterations: number;
  parallelism: number;
  password: string;
  salt_hex: string;
  tag_length: number;
  tag_hex: string;
}

const rfc = readVectors<Rfc9106Vector>('argon2', 'rfc9106-argon2id.json');

/** The vectors at Tessera's real parameters as known answers (passwords NFC, as the vault hashes them). */
function realParamsCases(): Argon2idCase[] {
  return readVectors<{ vectors: RealParamsVector[] }>('argon2', 'tessera-parameters.json').vectors.map(
    (v) => ({
      label: v.label,
      input: {
        password: utf8Encode(v.password.normalize('NFC')),
        salt: fromHex(v.salt_hex),
        memoryKiB: v.memory_kib,
        iterations: v.iterations,
        parallelism: v.parallelism,
        hashLength: v.tag_length,
      },
      tagHex: v.tag_hex,
    }),
  );
}

describe('the embedded SIMD build', () => {
  it('is byte for byte the installed argon2id package’s dist/simd.wasm, at the pinned version', () => {
    const installed = readFileSync(require.resolve('argon2id/dist/simd.wasm'));
    const embedded = fromBase64(ARGON2ID_SIMD_WASM_BASE64);
    expect(toHex(embedded)).toBe(installed.toString('hex'));
    expect(createHash('sha256').update(embedded).digest('hex')).toBe(ARGON2ID_SIMD_WASM_SHA256);
    const pkg = JSON.parse(readFileSync(require.resolve('argon2id/package.json'), 'utf8')) as {
      version: string;
    };
    expect(pkg.version).toBe(ARGON2ID_PACKAGE_VERSION);
    const ours = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    // Pinned exactly, so the embedded copy and the dependency cannot drift apart on an install.
    expect(ours.dependencies.argon2id).toBe(ARGON2ID_PACKAGE_VERSION);
  });

  it('needs SIMD: it does not validate where the probe would not', () => {
    // Node 20 has WebAssembly SIMD, so both validate here; the probe is a strict subset of what the
    // build needs (a v128 function), so a runtime rejecting the probe rejects the build.
    expect(WebAssembly.validate(SIMD_PROBE)).toBe(true);
    expect(WebAssembly.validate(fromBase64(ARGON2ID_SIMD_WASM_BASE64) as Uint8Array<ArrayBuffer>)).toBe(true);
    // One byte changed (the v128 result type becomes i32) and the probe no longer needs SIMD:
    // its body then fails validation for a type mismatch, showing validate really reads the code.
    const altered = SIMD_PROBE.slice();
    altered[14] = 0x7f;
    expect(WebAssembly.validate(altered)).toBe(false);
  });
});

describe('choosing the engine', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.resetModules();
  });

  it('chooses the SIMD build where WebAssembly SIMD validates (Node 20)', () => {
    expect(wasmSimdSupported()).toBe(true);
    expect(argon2idEngine().name).toBe('wasm-simd');
  });

  it('falls back to hash-wasm where the SIMD probe does not validate, with the same key', async () => {
    const validate = WebAssembly.validate;
    const spy = vi
      .spyOn(WebAssembly, 'validate')
      .mockImplementation((bytes) =>
        toHex(new Uint8Array(bytes as ArrayBuffer)) === toHex(SIMD_PROBE) ? false : validate(bytes),
      );
    const fresh = await import('../../../src/crypto/argon2id-engine');
    const kdf = await import('../../../src/crypto/kdf');
    expect(fresh.argon2idEngine().name).toBe('hash-wasm');
    expect(spy).toHaveBeenCalledWith(SIMD_PROBE);

    const params = { algorithm: 'argon2id' as const, ...kdf.KDF_FLOOR, salt: new Uint8Array(16).fill(9) };
    const key = await kdf.deriveKeyFromPassword('correct horse battery staple', params);
    // The measure names the engine that ran, as the e2e tests read it from the extension.
    expect(performance.getEntriesByName(kdf.KDF_MEASURE).at(-1)).toMatchObject({
      detail: { engine: 'hash-wasm' },
    });
    const simd = await simdEngine.hash({
      password: utf8Encode('correct horse battery staple'),
      salt: params.salt,
      memoryKiB: params.memoryKiB,
      iterations: params.iterations,
      parallelism: params.parallelism,
      hashLength: 32,
    });
    expect(toHex(key)).toBe(toHex(simd));
  });
  it('a failed compile of the SIMD build fails that hash only: the next one compiles again', async () => {
    const compile = WebAssembly.compile;
    vi.spyOn(WebAssembly, 'compile')
      .mockRejectedValueOnce(new RangeError('out of memory'))
      .mockImplementation((bytes) => compile(bytes));
    const fresh = await import('../../../src/crypto/argon2id-engine');
    const input = {
      password: utf8Encode('password'),
      salt: utf8Encode('somesalt'),
      memoryKiB: 64,
      iterations: 1,
      parallelism: 1,
      hashLength: 32,
    };
    await expect(fresh.simdEngine.hash(input)).rejects.toThrow('out of memory');
    expect(toHex(await fresh.simdEngine.hash(input))).toBe(toHex(await hashWasmEngine.hash(input)));
  });
});

describe('RFC 9106 §5.3', () => {
  it('the SIMD build reproduces the RFC tag exactly (secret and associated data set)', async () => {
    const tag = await simdEngine.hash({
      password: fromHex(rfc.password_hex),
      salt: fromHex(rfc.salt_hex),
      secret: fromHex(rfc.secret_hex),
      ad: fromHex(rfc.associated_data_hex),
      memoryKiB: rfc.memory_kib,
      iterations: rfc.iterations,
      parallelism: rfc.parallelism,
      hashLength: rfc.tag_length,
    });
    expect(toHex(tag)).toBe(rfc.tag_hex);
  });

  // hash-wasm cannot set associated data, so both engines are held to the RFC inputs minus X,
  // against @noble/hashes (which kdf.test.ts shows reproduces the full RFC tag).
  for (const [name, engine] of engines) {
    it.each([
      ['with the secret', true],
      ['without the secret', false],
    ])(
      `${name} matches the reference on the RFC inputs without associated data, %s`,
      async (_l, withSecret) => {
        const secret = withSecret ? { secret: fromHex(rfc.secret_hex) } : {};
        const expected = nobleArgon2id(fromHex(rfc.password_hex), fromHex(rfc.salt_hex), {
          t: rfc.iterations,
          m: rfc.memory_kib,
          p: rfc.parallelism,
          dkLen: rfc.tag_length,
          ...(withSecret ? { key: fromHex(rfc.secret_hex) } : {}),
        });
        const tag = await engine.hash({
          password: fromHex(rfc.password_hex),
          salt: fromHex(rfc.salt_hex),
          ...secret,
          memoryKiB: rfc.memory_kib,
          iterations: rfc.iterations,
          parallelism: rfc.parallelism,
          hashLength: rfc.tag_length,
        });
        expect(toHex(tag)).toBe(toHex(expected));
      },
    );
  }
});

describe('known answers, each engine', () => {
  // The 256 MiB vectors (one phc, the "strongest" preset) are left out, as in kdf.test.ts, to keep the
  // suite light on a shared machine; the script that wrote tessera-parameters.json checked the
  // "strongest" one with three implementations.
  const phc = phcArgon2idCases().filter((v) => v.memoryKiB <= 65536);
  const real = realParamsCases();

  it('the real-parameter vectors cover the floor and every calibration preset', () => {
    expect(real.map((v) => v.label)).toEqual([
      'KDF_FLOOR',
      'preset light',
      'preset standard',
      'preset strong',
      'preset strongest',
    ]);
  });

  const cases = [
    ...phc.map((v) => ({ ...v, label: `phc-winner-argon2 test.c ${v.label}` })),
    ...real
      .filter((v) => v.input.memoryKiB <= 131072)
      .map((v) => ({ ...v, label: `Tessera’s real parameters (tessera-parameters.json), ${v.label}` })),
  ];
  for (const [name, engine] of engines) {
    it.each(cases.map((v) => [v.label, v] as const))(`${name}: %s`, async (_label, v) => {
      expect(toHex(await engine.hash(v.input))).toBe(v.tagHex);
    });
  }
});

describe('the SIMD engine’s memory', () => {
  it('leaves no password-derived block behind: one instance, its memory zeroed after every hash', async () => {
    vi.resetModules();
    const memories: WebAssembly.Memory[] = [];
    const instantiate = WebAssembly.instantiate;
    vi.spyOn(WebAssembly, 'instantiate').mockImplementation(((
      module: WebAssembly.Module,
      imports: { env: { memory: WebAssembly.Memory } },
    ) => {
      memories.push(imports.env.memory);
      return instantiate(module, imports);
    }) as typeof WebAssembly.instantiate);
    const fresh = await import('../../../src/crypto/argon2id-engine');
    const input = {
      password: utf8Encode('correct horse battery staple'),
      salt: new Uint8Array(16).fill(3),
      memoryKiB: 4096,
      iterations: 2,
      parallelism: 2,
      hashLength: 32,
    };
    const zeroed = () => {
      const bytes = Buffer.from(memories[0]!.buffer);
      return bytes.equals(Buffer.alloc(bytes.length));
    };
    const first = await fresh.simdEngine.hash(input);
    expect(zeroed()).toBe(true);
    // A larger hash grows the memory past its 65 MiB minimum; all of it is zeroed afterwards too.
    await fresh.simdEngine.hash({ ...input, memoryKiB: 80 * 1024, iterations: 1 });
    expect(memories[0]!.buffer.byteLength).toBeGreaterThanOrEqual(80 * 1024 * 1024);
    expect(zeroed()).toBe(true);
    const again = await fresh.simdEngine.hash(input);
    vi.restoreAllMocks();
    expect(toHex(again)).toBe(toHex(first));
    expect(memories).toHaveLength(1);
  });
});
