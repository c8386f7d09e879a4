// Which Argon2id implementation computes our hashes, and the one place that chooses it.
//
// Why two: the openpgpjs `argon2id` package's WebAssembly build with SIMD is about 1.5x faster than
// hash-wasm here (bench `kdf`, issue 18), so within the same unlock time a vault can afford about
// 1.5x the memory, which is what makes Argon2id expensive to attack. Runtimes without WebAssembly
// SIMD (it shipped in Chrome 91 and Firefox 89; some locked-down or old engines lack it) get hash-wasm,
// which needs only baseline WebAssembly. Both compute RFC 9106 Argon2id version 0x13 and must return
// the same bytes for the same inputs, or existing vaults would not open: tests/unit/crypto/
// argon2id-engine.test.ts runs both on the RFC 9106 vector, the phc-winner-argon2 vectors and our
// real parameters, and the e2e tests unlock a vault written by hash-wasm with the SIMD build.
//
// The choice is made by feature detection (a tiny module that uses one SIMD instruction must
// validate), never by user agent, and once per context.
//
// Safety facts: the SIMD build keeps its WebAssembly memory for the life of its instance and clears
// only its scratch area, leaving the Argon2 blocks (derived from the password) in place. So each
// hash gets its own instance and memory, and the whole memory is zeroed before it is dropped: no
// password-derived block outlives the call, and the worker does not hold on to up to the ceiling's
// 1 GiB after a large derivation.

import setupWasm from 'argon2id/lib/setup.js';
import { argon2id as hashWasmArgon2id } from 'hash-wasm';
import { ARGON2ID_SIMD_WASM_BASE64 } from './argon2id-simd-wasm';
import { fromBase64 } from './encoding';

/** Inputs of one Argon2id hash, already checked by the caller (argon2idRaw in kdf.ts). */
export interface Argon2idInput {
  password: Uint8Array;
  salt: Uint8Array;
  secret?: Uint8Array;
  memoryKiB: number;
  iterations: number;
  parallelism: number;
  hashLength: number;
}

export interface Argon2idEngine {
  /** Which implementation: named in the `tessera:argon2id` measure (kdf.ts) and in the bench. */
  readonly name: 'wasm-simd' | 'hash-wasm';
  hash(input: Argon2idInput): Promise<Uint8Array>;
}

/**
 * The smallest module that needs WebAssembly SIMD: one function returning a v128
 * (i32.const 0; i8x16.splat; i8x16.popcnt), the same probe the `wasm-feature-detect` library uses.
 * i8x16.popcnt was among the last instructions added before SIMD was finalised, so a runtime that
 * validates it implements the whole standard SIMD set the argon2id build uses.
 */
// biome-ignore format: one line per module section, as commented
export const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version 1
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, // type section: () -> v128
  0x03, 0x02, 0x01, 0x00, // function section: one function of type 0
  0x0a, 0x0a, 0x01, 0x08, 0x00, 0x41, 0x00, 0xfd, 0x0f, 0xfd, 0x62, 0x0b, // code: the body above
]);

/** True when this runtime's WebAssembly has the SIMD instructions. */
export function wasmSimdSupported(): boolean {
  return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
}

/** hash-wasm: baseline WebAssembly, the fallback (and the implementation before issue 18). */
export const hashWasmEngine: Argon2idEngine = {
  name: 'hash-wasm',
  hash: (input) =>
    hashWasmArgon2id({
      password: input.password,
      salt: input.salt,
      ...(input.secret !== undefined ? { secret: input.secret } : {}),
      memorySize: input.memoryKiB,
      iterations: input.iterations,
      parallelism: input.parallelism,
      hashLength: input.hashLength,
      outputType: 'binary',
    }),
};

/** The SIMD build, compiled once per context (compiling is the slow part; instantiating is cheap). */
let simdModule: Promise<WebAssembly.Module> | undefined;

function compiledSimdModule(): Promise<WebAssembly.Module> {
  simdModule ??= WebAssembly.compile(fromBase64(ARGON2ID_SIMD_WASM_BASE64) as Uint8Array<ArrayBuffer>).catch(
    (err: unknown) => {
      // Not remembered: a failure (say, out of memory) fails this unlock, not every later one.
      simdModule = undefined;
      throw err;
    },
  );
  return simdModule;
}

/**
 * The `argon2id` package's SIMD build, on a fresh instance and memory per hash (see the safety facts
 * above). Also accepts associated data `ad`, which hash-wasm does not: only the RFC 9106 §5.3 test
 * uses it, so argon2idRaw does not offer it.
 */
export const simdEngine = {
  name: 'wasm-simd',
  async hash(input: Argon2idInput & { ad?: Uint8Array }): Promise<Uint8Array> {
    const module = await compiledSimdModule();
    let memory: WebAssembly.Memory | undefined;
    const compute = await setupWasm(
      async (imports) => {
        memory = (imports as { env: { memory: WebAssembly.Memory } }).env.memory;
        return { module, instance: await WebAssembly.instantiate(module, imports) };
      },
      () => {
        // setupWasm calls this only if instantiating the SIMD build failed; we ship no other build.
        throw new Error('the WebAssembly SIMD build of Argon2id could not be instantiated');
      },
    );
    try {
      return compute({
        password: input.password,
        salt: input.salt,
        ...(input.secret !== undefined ? { secret: input.secret } : {}),
        ...(input.ad !== undefined ? { ad: input.ad } : {}),
        parallelism: input.parallelism,
        passes: input.iterations,
        memorySize: input.memoryKiB,
        tagLength: input.hashLength,
      });
    } finally {
      if (memory) new Uint8Array(memory.buffer).fill(0);
    }
  },
} as const satisfies Argon2idEngine;

let chosen: Argon2idEngine | undefined;

/** The implementation for this context: the SIMD build where WebAssembly SIMD exists, else hash-wasm. */
export function argon2idEngine(): Argon2idEngine {
  chosen ??= wasmSimdSupported() ? simdEngine : hashWasmEngine;
  return chosen;
}
