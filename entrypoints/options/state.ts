/**
 * What the options page knows about the vault: its state, its key records (password, biometric,
 * recovery) and which biometric enrolments failed on this device. Sections read these signals and
 * call refresh() after every change; the background stays the only source of truth.
 *
 * Safety fact: nothing secret is kept here. Key records are KeyRecordView (no wrapped keys), and
 * the "not available" marks are record ids, which are not secret.
 */

import { batch, computed, signal } from '@preact/signals';
import { RequestError, request } from '../../src/messages/client';
import type { KeyRecordView, Replies, Request, RequestType, VaultStatus } from '../../src/messages/protocol';
import { loadUnavailable, usableBiometric } from '../../src/ui/biometric-marks';

export const status = signal<VaultStatus | null>(null);
export const records = signal<readonly KeyRecordView[]>([]);
/** Why the first load failed (the background did not answer), else null. */
export const loadError = signal<unknown>(null);
/** Ids of biometric key records that failed on this device (see biometric-marks.ts). */
export const unavailable = signal<ReadonlySet<string>>(new Set());

export const biometricRecords = computed(() => records.value.filter((r) => r.kind === 'prf'));
/** The enrolments worth offering for unlock or verification: those not known to fail here. */
export const usableBiometricRecords = computed(() => usableBiometric(records.value, unavailable.value));
/**
 * True after this page opened the vault with the recovery key (recovery.recover), until a new
 * recovery key is made or the vault locks: the unlocked page then suggests making a new key,
 * because the old one was just typed and may have been seen. Page memory only, nothing secret.
 */
export const recoveredWithKey = signal(false);
export const recoveryRecord = computed(() => records.value.find((r) => r.kind === 'recovery') ?? null);

/**
 * request() with its type parameter inferred from the message's `type` (request's own signature
 * cannot infer it through the schema-derived Request<T>). When the background did not answer (its
 * worker stopped mid-request) or says the vault is locked, the page's picture of the vault may be
 * stale, so it is reloaded; the error is rethrown either way.
 */
export async function ask<T extends RequestType>(message: Request<T> & { type: T }): Promise<Replies[T]> {
  try {
    return await request<T>(message);
  } catch (err) {
    if (!(err instanceof RequestError) || err.code === 'locked' || err.code === 'internal') void refresh();
    throw err;
  }
}

/** Reloads state, key records and marks; a failure leaves the last known values in place. */
export async function refresh(): Promise<void> {
  try {
    // request(), not ask(): a failure here must not schedule another refresh.
    const [nextStatus, keys, marks] = await Promise.all([
      request<'vault.status'>({ type: 'vault.status' }),
      request<'keys.list'>({ type: 'keys.list' }),
      loadUnavailable(),
    ]);
    batch(() => {
      status.value = nextStatus;
      records.value = keys.records;
      unavailable.value = marks;
      loadError.value = null;
      if (nextStatus.state !== 'unlocked') recoveredWithKey.value = false;
    });
  } catch (err) {
    if (!status.value) loadError.value = err;
  }
}

/** Record id of the biometric enrolment for a base64url credential id, if it is enrolled. */
export function recordIdFor(credentialId: string): string | undefined {
  return biometricRecords.value.find((r) => r.credentialId === credentialId)?.id;
}
