/**
 * Base32 (RFC 4648 §6) as authenticator apps read setup keys: case, spaces, dashes and missing
 * or present '=' padding do not matter, and leftover bits of a final partial byte are dropped.
 *
 * Why not @scure/base's base32 (used for our own codecs): it is strict about padding and refuses
 * non-zero leftover bits, which is right for data we write but refuses real setup keys that sites
 * generate as random base32 characters (for example 26 or 52 of them). Google Authenticator,
 * Bitwarden and 1Password all accept those, so people would find a key their phone took refused here.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Removes what people and sites put around a key: whitespace, dashes and trailing '=' padding. */
export function normaliseBase32(input: string): string {
  return input
    .replace(/[\s-]+/g, '')
    .replace(/=+$/, '')
    .toUpperCase();
}

/** Decodes normalised base32, or returns null when a character is outside the alphabet. */
export function decodeBase32(normalised: string): Uint8Array | null {
  const out = new Uint8Array(Math.floor((normalised.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const char of normalised) {
    const value = ALPHABET.indexOf(char);
    if (value < 0) return null;
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (buffer >> bits) & 0xff;
    }
  }
  return out;
}
