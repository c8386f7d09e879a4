// Which biometric failures prove an enrolment dead on this device (and hide it), and what the page
// says (entrypoints/options/biometric-errors.ts): a person's quick cancel must never count as a gone
// key, or one "Cancel" would take biometric unlock away until it is enrolled again.
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('wxt/browser', () => ({ browser: { i18n: { getMessage: (name: string) => name } } }));

const { biometricMessage, failedRecordIds } = await import('../../../entrypoints/options/biometric-errors');
const { assertPrf, BiometricError } = await import('../../../src/ui/webauthn');

const idOf = (credentialId: string) => `prf:${credentialId}`;
const REFS = [{ credentialId: 'AAAA', prfSalt: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }];

/** A WebAuthn get() that refuses with NotAllowedError after `afterMs` of (fake) time. */
function refusingAfter(afterMs: number): void {
  let now = 0;
  vi.spyOn(performance, 'now').mockImplementation(() => now);
  vi.stubGlobal('PublicKeyCredential', function PublicKeyCredential() {});
  vi.stubGlobal('navigator', {
    credentials: {
      create: () => undefined,
      get: async () => {
        now += afterMs;
        throw new DOMException('The operation either timed out or was not allowed.', 'NotAllowedError');
      },
    },
  });
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('biometric failures while unlocking', () => {
  it('a quick NotAllowedError (a cancel) marks nothing and says cancelled', async () => {
    refusingAfter(800);
    const err = await assertPrf(REFS, 60_000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BiometricError);
    expect((err as InstanceType<typeof BiometricError>).timedOut).toBe(false);
    expect(failedRecordIds(err, 'unlock', idOf)).toEqual([]);
    expect(biometricMessage(err, 'unlock')).toBe('options_biometric_cancelled');
  });

  it('a NotAllowedError at the timeout (nothing answered) marks the enrolment and says it is gone', async () => {
    refusingAfter(60_000);
    const err = await assertPrf(REFS, 60_000).catch((e: unknown) => e);
    expect((err as InstanceType<typeof BiometricError>).timedOut).toBe(true);
    expect(failedRecordIds(err, 'unlock', idOf)).toEqual(['prf:AAAA']);
    expect(biometricMessage(err, 'unlock')).toBe('options_biometric_gone');
  });

  it('no PRF result is always a dead enrolment, however fast', () => {
    const err = new BiometricError('no-prf', ['AAAA'], 'no prf');
    expect(failedRecordIds(err, 'unlock', idOf)).toEqual(['prf:AAAA']);
  });
});
