// The two-step fixture site's authenticator (tests/fixtures/autofill-e2e/two-factor*.html): its
// secret and the codes it accepts, computed here with Node's own HMAC (RFC 6238 §4, SHA-1, 6
// digits, 30 s), independently of src/totp, the way the site's server would check them.
import { createHmac } from 'node:crypto';

/** The RFC 4648 base32 secret stored in the test login (the common "Hello!\xde\xad\xbe\xef" key). */
export const TWO_FACTOR_SECRET = 'JBSWY3DPEHPK3PXP';

function base32(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of text) bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  const bytes = bits.match(/.{8}/g) ?? [];
  return Buffer.from(bytes.map((byte) => Number.parseInt(byte, 2)));
}

function codeAt(step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32(TWO_FACTOR_SECRET)).update(counter).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0xf;
  const value = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(value % 1_000_000).padStart(6, '0');
}

/** The codes a site accepts now: this 30 s step and its neighbours (RFC 6238 §5.2 drift). */
export function acceptedCodes(nowMs = Date.now()): string[] {
  const step = Math.floor(nowMs / 30_000);
  return [codeAt(step - 1), codeAt(step), codeAt(step + 1)];
}
