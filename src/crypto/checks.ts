// Argument checks shared by the crypto modules: every public function validates its inputs
// at the door so a wrong-sized key or a string passed as bytes fails loudly with the
// parameter's name, instead of deep inside a library or, worse, not at all.
//
// Safety fact: these throw TypeError (wrong kind of value) or RangeError (wrong size); they
// are for programmer errors and never stand in for authentication (see aead.ts DecryptError).

/**
 * True for a Uint8Array, including one created in another realm (another frame or a
 * structured clone target) where `instanceof` alone would say no.
 */
export function isBytes(value: unknown): value is Uint8Array {
  return (
    value instanceof Uint8Array || (ArrayBuffer.isView(value) && value.constructor.name === 'Uint8Array')
  );
}

/** Throws unless `value` is a Uint8Array (of exactly `length` bytes when given). */
export function assertBytes(value: unknown, name: string, length?: number): asserts value is Uint8Array {
  if (!isBytes(value)) {
    throw new TypeError(`${name} must be a Uint8Array, got ${describeValue(value)}`);
  }
  if (length !== undefined && value.length !== length) {
    throw new RangeError(`${name} must be ${length} bytes, got ${value.length}`);
  }
}

/** Throws unless `value` is an integer in [min, max]. */
export function assertIntInRange(
  value: unknown,
  name: string,
  min: number,
  max: number,
): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new TypeError(`${name} must be an integer, got ${describeValue(value)}`);
  }
  if (value < min || value > max) {
    throw new RangeError(`${name} must be between ${min} and ${max}, got ${value}`);
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}
