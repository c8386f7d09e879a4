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
// only its scratch area, leaving the Argon2 blocks (derived from the password) in place. So after
// every hash the part of the memory it used is zeroed here: no password-derived block outlives the
// call. One instance serves the whole context: a fresh instance and memory per hash measured about
// 2x slower (first-touch of every page), which would have cost the very memory this switch buys.
// The price: the context keeps the largest memory it has hashed with (64 MiB at the default cost)
// until it ends; a WebAssembly memory cannot shrink.

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

/** The SIMD build's instance and its memory, made once per context (see the safety facts above). */
interface SimdInstance {
  compute: Awaited<ReturnType<typeof setupWasm>>;
  memory: WebAssembly.Memory;
}
let simdInstance: Promise<SimdInstance> | undefined;

async function instantiateSimd(): Promise<SimdInstance> {
  const module = await WebAssembly.compile(fromBase64(ARGON2ID_SIMD_WASM_BASE64) as Uint8Array<ArrayBuffer>);
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
  if (!memory) throw new Error('the argon2id package did not hand its WebAssembly memory to the loader');
  return { compute, memory };
}

function simd(): Promise<SimdInstance> {
  simdInstance ??= instantiateSimd().catch((err: unknown) => {
    // Not remembered: a failure (say, out of memory) fails this unlock, not every later one.
    simdInstance = undefined;
    throw err;
  });
  return simdInstance;
}

/**
 * The `argon2id` package's SIMD build, one instance per context, its used memory zeroed after every
 * hash (see the safety facts above). Also accepts associated data `ad`, which hash-wasm does not:
 * only the RFC 9106 §5.3 test uses it, so argon2idRaw does not offer it.
 */
export const simdEngine = {
  name: 'wasm-simd',
  async hash(input: Argon2idInput & { ad?: Uint8Array }): Promise<Uint8Array> {
    const { compute, memory } = await simd();
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
      // Only the part this hash used: the rest is zero or was zeroed after an earlier hash.
      new Uint8Array(memory.buffer, 0, Math.min(memory.buffer.byteLength, usedBytes(input))).fill(0);
    }
  },
} as const satisfies Argon2idEngine;

/**
 * Bytes of the SIMD build's memory a hash may have written: its m KiB of blocks after about 5 KiB of
 * scratch (the package's layout), and never less than 8 MiB, which covers the module's own C stack
 * (its stack pointer starts at 0x500410, about 5 MiB, and grows down).
 */
function usedBytes(input: Argon2idInput): number {
  return Math.max(input.memoryKiB * 1024 + 64 * 1024, 8 * 1024 * 1024);
}

let chosen: Argon2idEngine | undefined;

/** The implementation for this context: the SIMD build where WebAssembly SIMD exists, else hash-wasm. */
export function argon2idEngine(): Argon2idEngine {
  chosen ??= wasmSimdSupported() ? simdEngine : hashWasmEngine;
  return chosen;
}
