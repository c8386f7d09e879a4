/**
 * Decides what one group of fields is (sign-in, sign-up, change-password, or the first step of
 * a two-step sign-in) and which input plays which role.
 *
 * Evidence is taken in order of trust: autocomplete tokens (HTML §4.10.18.7.1), then what each
 * field says about itself ("new", "confirm", "current"), then the number and order of password
 * fields, then the group's context (buttons, headings, form attributes).
 *
 * Safety fact: a group with more than five password fields is not a login form (Firefox uses the
 * same limit); the username is taken from before the first password field unless none is there;
 * and an identifier-first form needs a lone username-like field plus a sign-in signal, never
 * subscribe, search or recovery wording.
 */

import type { FieldSignals } from './field-signals';
import { USERNAME_SCORE } from './field-signals';
import type { FormContext } from './form-context';
import { oneTimeCodeFields } from './one-time-code';
import type { DetectedField, DetectedForm, FieldRole, FormKind } from './types';

/** More password fields than this is a settings page or a list, not a form to fill. */
export const MAX_PASSWORD_FIELDS = 5;

type PasswordRole = Extract<FieldRole, 'current-password' | 'new-password'>;

/**
 * The group's credential form (login, sign-up, change-password or identifier), with its one-time
 * code fields added under the role 'one-time-code'; a group with only code fields is a
 * 'one-time-code' form (the second page of a two-step sign-in).
 */
export function classifyGroup(
  fields: readonly FieldSignals[],
  context: () => FormContext,
): DetectedForm | null {
  const codes = oneTimeCodeFields(fields, context);
  if (codes.length === 0) return classifyCredentials(fields, context);
  const taken = new Set(codes);
  const form = classifyCredentials(
    fields.filter((field) => !taken.has(field)),
    context,
  );
  const order = new Map(fields.map((field) => [field.input, field.order]));
  const codeFields: DetectedField[] = codes.map((field) => ({ input: field.input, role: 'one-time-code' }));
  if (!form) return { kind: 'one-time-code', fields: codeFields };
  const all = [...form.fields, ...codeFields];
  all.sort((a, b) => (order.get(a.input) ?? 0) - (order.get(b.input) ?? 0));
  return { kind: form.kind, fields: all };
}

function classifyCredentials(
  fields: readonly FieldSignals[],
  context: () => FormContext,
): DetectedForm | null {
  let passwords = fields.filter((field) => field.type === 'password' && !field.excluded);
  if (passwords.length > MAX_PASSWORD_FIELDS) return null;
  // Several password boxes under "characters 2, 5 and 7 of your memorable word": parts of a
  // secret, not a change-password form.
  if (passwords.length >= 2 && passwords.every((field) => !field.text.token) && context().partial > 0) {
    passwords = [];
  }
  const texts = fields.filter((field) => field.type === 'text');
  // A PIN is the password of a sign-in only beside an account name that says so (customer or
  // account number, user id, e-mail, phone) or under sign-in wording; alone it is some other PIN.
  if (passwords.length > 0 && passwords.every((field) => field.saysPin) && !pinSignIn(texts, context)) {
    passwords = [];
  }
  if (passwords.length === 0) return identifierForm(fields, context);

  const roles = passwordRoles(
    passwords,
    () => prefersNewPassword(texts, context()),
    () => signInDespiteToken(texts, context()),
  );
  const kind = formKind(roles, context);
  const username = pickUsername(texts, passwords[0]?.order ?? 0, kind);

  const chosen: Array<[FieldSignals, FieldRole]> = passwords.map((field, i) => [field, roles[i]!]);
  if (username) chosen.push([username, 'username']);
  chosen.sort(([a], [b]) => a.order - b.order);
  const detected: DetectedField[] = chosen.map(([field, role]) => ({ input: field.input, role }));
  return { kind, fields: detected };
}

/**
 * One role per password field. Explicit tokens first, then each field's own words, then
 * position: with no hints, one field is the current password, two are a new password and its
 * confirmation, and three or more are current, new, confirmation.
 */
function passwordRoles(
  passwords: readonly FieldSignals[],
  singleIsNew: () => boolean,
  signIn: () => boolean,
): PasswordRole[] {
  const roles = passwords.map(ownRole);
  if (passwords.length === 1) {
    const only = passwords[0]!;
    // autocomplete="new-password" set by mistake on a plain sign-in form (the words say nothing
    // new, the form says "Sign in"): the one password is the current one.
    if (roles[0] === 'new-password' && !only.wordsSayNew && !only.saysConfirm && signIn()) {
      return ['current-password'];
    }
    return [roles[0] ?? (only.saysNew || singleIsNew() ? 'new-password' : 'current-password')];
  }
  const hasCurrent = roles.includes('current-password');
  return roles.map((role, i) => {
    if (role) return role;
    if (hasCurrent) return 'new-password';
    if (passwords.length === 2) {
      const second = passwords[1]!;
      // "Password" then "New password" (not "Confirm new password"): a change form.
      return i === 0 && second.saysNew && !second.saysConfirm ? 'current-password' : 'new-password';
    }
    return i === 0 ? 'current-password' : 'new-password';
  });
}

function ownRole(field: FieldSignals): PasswordRole | null {
  if (field.text.token === 'current-password') return 'current-password';
  if (field.text.token === 'new-password') return 'new-password';
  if (field.saysCurrent && !field.saysNew) return 'current-password';
  if (field.saysNew && !field.saysCurrent) return 'new-password';
  return null;
}

/**
 * For a lone password field with no hint of its own: does the group look like a sign-up?
 * Many other fields, or both a username and an email, or sign-up wording that outweighs
 * sign-in wording.
 */
function prefersNewPassword(texts: readonly FieldSignals[], context: FormContext): boolean {
  if (context.change > context.login) return true;
  let signup = context.signup;
  const personal = texts.filter((field) => !field.excluded || field.excluded === 'not-account');
  if (personal.length >= 3) signup += 2;
  const kinds = new Set(texts.map((field) => field.usernameKind));
  if (kinds.has('username') && kinds.has('email')) signup += 2;
  return signup > context.login;
}

function pinSignIn(texts: readonly FieldSignals[], context: () => FormContext): boolean {
  if (texts.some((field) => field.usernameScore >= USERNAME_SCORE.phone)) return true;
  return context().login > 0;
}

/**
 * For a lone password marked new-password: does the group read as a plain sign-in? Sign-in
 * wording ahead of sign-up and change wording, and nothing else that says sign-up.
 */
function signInDespiteToken(texts: readonly FieldSignals[], context: FormContext): boolean {
  return (
    context.login > 0 &&
    context.login > context.signup &&
    context.login > context.change &&
    !prefersNewPassword(texts, context)
  );
}

function formKind(roles: readonly PasswordRole[], context: () => FormContext): FormKind {
  const hasCurrent = roles.includes('current-password');
  const hasNew = roles.includes('new-password');
  if (hasCurrent && hasNew) return 'change-password';
  if (!hasNew) return 'login';
  const ctx = context();
  return ctx.change > ctx.signup ? 'change-password' : 'signup';
}

/**
 * The username: the strongest candidate before the first password field (after it only when
 * none is before, and then only with strong evidence). Among equals, the nearest to the password,
 * except e-mail fields, where the first wins (the second is usually "confirm e-mail").
 */
function pickUsername(
  texts: readonly FieldSignals[],
  passwordOrder: number,
  kind: FormKind,
): FieldSignals | null {
  const minimum = kind === 'change-password' ? USERNAME_SCORE.words : USERNAME_SCORE.plain;
  const candidates = texts.filter((field) => field.usernameScore >= minimum);
  const before = candidates.filter((field) => field.order < passwordOrder);
  const after = candidates.filter(
    (field) => field.order > passwordOrder && field.usernameScore >= USERNAME_SCORE.email,
  );
  const pool = before.length > 0 ? before : after;
  let best: FieldSignals | null = null;
  for (const field of pool) {
    if (!best || field.usernameScore > best.usernameScore) {
      best = field;
    } else if (field.usernameScore === best.usernameScore && field.usernameKind !== 'email') {
      const nearer = Math.abs(field.order - passwordOrder) < Math.abs(best.order - passwordOrder);
      if (nearer) best = field;
    }
  }
  return best;
}

/**
 * The first page of a two-step sign-in: exactly one visible text-like field, which is the
 * username by its autocomplete token or sits in a group with sign-in wording, and nothing about
 * subscribing, searching, recovering an account or signing up.
 */
function identifierForm(fields: readonly FieldSignals[], context: () => FormContext): DetectedForm | null {
  if (fields.some((field) => field.type === 'password')) return null;
  const texts = fields.filter((field) => field.excluded !== 'readonly');
  const only = texts[0];
  if (texts.length !== 1 || !only || only.usernameScore === 0) return null;
  const ctx = context();
  if (ctx.newsletter > 0 || ctx.search > 0 || ctx.recovery > 0 || ctx.signup > ctx.login) return null;
  if (only.text.token !== 'username' && ctx.login === 0) return null;
  return { kind: 'identifier', fields: [{ input: only.input, role: 'username' }] };
}
