// Uniform random integers for the password and passphrase generators, drawn from the platform
// CSPRNG (Web Crypto `crypto.getRandomValues`, W3C Web Cryptography API §10.1.1) — the same
// source as src/crypto/random.ts.
//
// Why it is unbiased: `x % n` over a uniform 32-bit x is biased whenever n does not divide 2^32,
// because the top (2^32 mod n) values of x wrap around and make the smallest residues one draw
// more likely. We instead accept x only below the largest multiple of n that fits in 32 bits and
// draw again otherwise (rejection sampling), so every residue has exactly the same number of
// accepted preimages. A draw is rejected with probability below 1/2, so few draws are needed.
//
// Safety fact: never use a non-cryptographic or seeded PRNG for anything a generator emits.

const TWO_POW_32 = 2 ** 32;

// A working CSPRNG rejects fewer than half of its draws, so 128 rejections in a row happen with
// probability below 2^-128. Seeing that means the random source is broken (e.g. returns a
// constant), and failing loudly beats spinning forever or emitting a predictable secret.
const MAX_ATTEMPTS = 128;

/**
 * Returns an integer drawn uniformly from [0, maxExclusive).
 * Throws RangeError unless maxExclusive is an integer with 1 <= maxExclusive <= 2^32.
 */
export function uniformInt(maxExclusive: number): number {
  if (!Number.isInteger(maxExclusive) || maxExclusive < 1 || maxExclusive > TWO_POW_32) {
    throw new RangeError(
      `uniformInt: maxExclusive must be an integer from 1 to 2^32, got ${String(maxExclusive)}`,
    );
  }
  // Largest multiple of maxExclusive that is <= 2^32; values at or above it are the biased tail.
  const limit = TWO_POW_32 - (TWO_POW_32 % maxExclusive);
  const draw = new Uint32Array(1);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    crypto.getRandomValues(draw);
    const x = draw[0]!;
    if (x < limit) return x % maxExclusive;
  }
  throw new Error('uniformInt: the random source keeps returning out-of-range values; it looks broken');
}
