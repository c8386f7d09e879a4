/**
 * Which fields of a group take a one-time code: a single field (autocomplete="one-time-code",
 * "Verification code", or a bare "code" field in a form about two-step verification), or a row
 * of four to eight one-character boxes (the split "6-box" input), which get the code one digit
 * per box.
 *
 * Safety fact: a field that detection excluded for a reason other than being a code (read-only,
 * a honeypot, part of a secret asked by position) is never a code field; a field that names a
 * secret the person knows (password, PIN, memorable word) never is either (otp-evidence.ts); and
 * one-character boxes in a group that talks about characters of a secret stay without a role.
 */

import type { FieldSignals } from './field-signals';
import type { FormContext } from './form-context';
import { isCharacterBox, OTP_LENGTH } from './otp-evidence';

/** Exclusions that still allow a one-time code (a code field is excluded from credential roles). */
const CODE_ALLOWED = new Set<FieldSignals['excluded']>([null, 'code']);

export function oneTimeCodeFields(
  fields: readonly FieldSignals[],
  context: () => FormContext,
): FieldSignals[] {
  const candidates = fields.filter((field) => field.otp !== null && CODE_ALLOWED.has(field.excluded));
  if (candidates.length === 0) return [];
  const codes: FieldSignals[] = [];
  const boxes = characterBoxRuns(fields);
  for (const run of boxes) {
    if (run.length < OTP_LENGTH.min || run.length > OTP_LENGTH.max) continue;
    if (!run.every((field) => field.otp !== null && CODE_ALLOWED.has(field.excluded))) continue;
    const said = run.some((field) => field.otp === 'strong');
    const ctx = context();
    if (ctx.partial === 0 && (said || ctx.otp > 0)) codes.push(...run);
  }
  const inBoxes = new Set(boxes.flat());
  for (const field of candidates) {
    if (inBoxes.has(field)) continue;
    if (field.otp === 'strong' || (!saysAccount(field) && context().otp > 0)) codes.push(field);
  }
  return codes.sort((a, b) => a.order - b.order);
}

/** A weak code candidate whose words say it is the account name is the account name. */
function saysAccount(field: FieldSignals): boolean {
  return field.usernameKind === 'username' || field.usernameKind === 'email';
}

/** Runs of one-character boxes next to each other in the group (nothing else between them). */
function characterBoxRuns(fields: readonly FieldSignals[]): FieldSignals[][] {
  const runs: FieldSignals[][] = [];
  let run: FieldSignals[] = [];
  for (const field of fields) {
    if (isCharacterBox(field.input)) {
      run.push(field);
      continue;
    }
    if (run.length) runs.push(run);
    run = [];
  }
  if (run.length) runs.push(run);
  return runs;
}
