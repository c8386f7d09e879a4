// Cryptographically secure random bytes from the platform CSPRNG (Web Crypto
// `crypto.getRandomValues`, W3C Web Cryptography API §10.1.1). Available in extension
// pages, service workers and Node alike, so there is one source of randomness everywhere.
//
// Safety fact: never substitute Math.random or a seeded PRNG here; every salt and nonce
// in Tessera comes from this function.

// getRandomValues throws QuotaExceededError for requests above 65536 bytes (Web Crypto
// §10.1.1 step 3), so larger requests are filled in chunks of at most this size.
const MAX_CHUNK = 65536;

/** Returns `length` fresh random bytes. Throws RangeError for a negative or non-integer length. */
export function randomBytes(length: number): Uint8Array {
  if (!Number.isSafeInteger(length) || length < 0) {
    throw new RangeError(`randomBytes: length must be a non-negative integer, got ${String(length)}`);
  }
  const out = new Uint8Array(length);
  for (let offset = 0; offset < length; offset += MAX_CHUNK) {
    crypto.getRandomValues(out.subarray(offset, Math.min(offset + MAX_CHUNK, length)));
  }
  return out;
}
