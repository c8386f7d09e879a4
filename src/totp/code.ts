/**
 * The current TOTP code (RFC 6238 §4): T = floor((now - T0) / X) with T0 = 0, then HOTP(K, T).
 * Pure: the caller passes the time, so tests use the RFC's instants and the popup its own clock.
 */

import { hotp } from './hotp';
import type { OtpParams } from './types';

export interface OtpCode {
  readonly code: string;
  readonly periodSeconds: number;
  /** Whole seconds until the next code, 1 to periodSeconds (rounded up, as authenticator apps show). */
  readonly secondsLeft: number;
}

/** The code for the time step containing `nowMs` (milliseconds since the Unix epoch). */
export function currentCode(params: OtpParams, nowMs: number): OtpCode {
  if (!Number.isFinite(nowMs) || nowMs < 0)
    throw new RangeError('currentCode: time must be a non-negative number');
  const periodMs = params.period * 1000;
  const step = Math.floor(nowMs / periodMs);
  const code = hotp(params.secret, step, params.algorithm, params.digits, params.encoder);
  const secondsLeft = Math.ceil(((step + 1) * periodMs - nowMs) / 1000);
  return { code, periodSeconds: params.period, secondsLeft };
}
