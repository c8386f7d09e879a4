/**
 * Per-input evidence: is this input a password field, a possible username, or something to
 * leave alone (a search box, a one-time code, a card number, a name or address field)?
 *
 * Safety fact: only type=password inputs can ever receive a password role, and only text-like
 * inputs (text, email, tel) a username role; readonly, disabled and honeypot-labelled inputs are
 * excluded here, before any form-level reasoning.
 */

import { type FieldText, fieldText } from './field-text';
import { isCharacterBox, type OtpEvidence, otpEvidence, partOfSecret } from './otp-evidence';
import { rememberPasswordInput } from './password-memory';
import { isRevealedPassword } from './reveal';
import {
  CODE_WORDS,
  CONFIRM_WORDS,
  CURRENT_WORDS,
  DISPLAY_NAME_WORDS,
  EMAIL_WORDS,
  HONEYPOT_WORDS,
  NEW_WORDS,
  NOT_ACCOUNT_WORDS,
  NOT_OTP_WORDS,
  PASSWORD_WORDS,
  PHONE_WORDS,
  PIN_WORDS,
  SEARCH_WORDS,
  USERNAME_WORDS,
} from './vocabulary';
import { wordMatcher } from './words';

/**
 * "New email", "neue E-Mail-Adresse": a field that changes the account name is not the account
 * name to fill. Narrower than NEW_WORDS, which also covers "create" and "choose".
 */
const NEW_VALUE_WORDS = wordMatcher([
  'new(?= |$)',
  'neue?[nrs]?(?= |$)',
  'nouve',
  'nuev',
  'nuov',
  'nieuw',
  'нов',
]);

/** An OpenID field takes a URL that names an identity provider, not an account name. */
const OPENID = wordMatcher(['open ?id']);

/**
 * Input types a username can be typed into (HTML §4.10.5.1). type=number only with words that
 * say so (a customer or phone number), never as a plain text field.
 */
const TEXT_TYPES = new Set(['text', 'email', 'tel', 'number']);

/** autocomplete field names that say "not an account field" (HTML §4.10.18.7.1). */
const NOT_ACCOUNT_TOKENS = new Set([
  'name',
  'honorific-prefix',
  'given-name',
  'additional-name',
  'family-name',
  'honorific-suffix',
  'nickname',
  'organization-title',
  'organization',
  'street-address',
  'address-line1',
  'address-line2',
  'address-line3',
  'address-level4',
  'address-level3',
  'address-level2',
  'address-level1',
  'country',
  'country-name',
  'postal-code',
  'cc-name',
  'cc-given-name',
  'cc-additional-name',
  'cc-family-name',
  'cc-number',
  'cc-exp',
  'cc-exp-month',
  'cc-exp-year',
  'cc-csc',
  'cc-type',
  'transaction-currency',
  'transaction-amount',
  'language',
  'bday',
  'bday-day',
  'bday-month',
  'bday-year',
  'sex',
  'url',
  'photo',
  'impp',
  'tel-country-code',
  'tel-area-code',
  'tel-local',
  'tel-extension',
]);

export type Exclusion =
  | 'readonly'
  | 'honeypot'
  | 'code'
  | 'search'
  | 'not-account'
  | 'password-as-text'
  | 'confirmation'
  | 'new-value'
  | 'partial';

/** How strongly a text input looks like the account's name. */
export const USERNAME_SCORE = {
  /** autocomplete="username" */
  token: 100,
  /** "username", "login", "Benutzer", ... in its name, id or label */
  words: 60,
  /** autocomplete="email", type=email, or "email" words */
  email: 50,
  /** a phone number */
  phone: 30,
  /** a text input that says nothing against it */
  plain: 10,
} as const;

export type UsernameKind = 'username' | 'email' | 'phone' | 'plain';

export interface FieldSignals {
  input: HTMLInputElement;
  /** Position in composed document order within the scan. */
  order: number;
  type: 'password' | 'text';
  text: FieldText;
  /** Why this input is never filled, or null. */
  excluded: Exclusion | null;
  /** For text inputs: how much this looks like the username (0 when excluded). */
  usernameScore: number;
  usernameKind: UsernameKind | null;
  /** For passwords: what the field says about itself. */
  saysNew: boolean;
  /** saysNew from the field's words alone, not its autocomplete token. */
  wordsSayNew: boolean;
  saysConfirm: boolean;
  saysCurrent: boolean;
  /** A password field that asks for a PIN (a customer-number sign-in's secret). */
  saysPin: boolean;
  /** A password field a show-password button turned into type=text (reveal.ts). */
  revealed: boolean;
  /** Whether the field itself says it takes a one-time code (see otp-evidence.ts). */
  otp: OtpEvidence;
}

/** Null for inputs that can hold neither a username nor a password (checkboxes, buttons, ...). */
export function fieldSignals(input: HTMLInputElement, order: number): FieldSignals | null {
  const inputType = input.type;
  if (inputType === 'password') rememberPasswordInput(input);
  let type: FieldSignals['type'] | null =
    inputType === 'password' ? 'password' : TEXT_TYPES.has(inputType) ? 'text' : null;
  if (!type) return null;
  const text = fieldText(input);
  const revealed = type === 'text' && isRevealedPassword(input, text);
  if (revealed) type = 'password';
  const wordsSayNew = NEW_WORDS.test(text.all);
  const signals: FieldSignals = {
    input,
    order,
    type,
    text,
    excluded: null,
    usernameScore: 0,
    usernameKind: null,
    saysNew: text.token === 'new-password' || wordsSayNew,
    wordsSayNew,
    saysConfirm: CONFIRM_WORDS.test(text.all),
    saysCurrent: text.token === 'current-password' || CURRENT_WORDS.test(text.all),
    saysPin: PIN_WORDS.test(text.all),
    revealed,
    otp: otpEvidence(input, text),
  };
  signals.excluded = exclusion(input, type, text, signals.otp);
  if (type === 'text' && !signals.excluded) {
    const [kind, score] = usernameEvidence(input, text);
    // "Confirm e-mail" repeats the account name; "New e-mail" replaces it. Neither is the one to
    // fill, unless the site's own autocomplete token says otherwise.
    if (kind === null || (inputType === 'number' && kind === 'plain')) signals.excluded = 'not-account';
    else if (!text.token && signals.saysConfirm) signals.excluded = 'confirmation';
    else if (!text.token && NEW_VALUE_WORDS.test(text.human)) signals.excluded = 'new-value';
    else {
      signals.usernameKind = kind;
      signals.usernameScore = score;
    }
  }
  return signals;
}

function exclusion(
  input: HTMLInputElement,
  type: 'password' | 'text',
  text: FieldText,
  otp: OtpEvidence,
): Exclusion | null {
  if (input.readOnly || input.disabled) return 'readonly';
  if (HONEYPOT_WORDS.test(text.all)) return 'honeypot';
  // Characters 2, 5 and 7 of a memorable word, one-character boxes: no role at all.
  if (partOfSecret(input, text, otp)) return 'partial';
  // A PIN asked whole is the password of a customer-number sign-in; it is never an account name.
  if (otp !== 'strong' && PIN_WORDS.test(text.all) && !NOT_OTP_WORDS.test(text.all)) {
    return type === 'password' ? null : 'code';
  }
  const codeBox = otp === 'weak' && isCharacterBox(input);
  if (otp === 'strong' || codeBox || text.token === 'one-time-code' || CODE_WORDS.test(text.all)) {
    // An explicit credential token outranks words: autocomplete="current-password" on a field
    // named "pin" is the site saying it is the password.
    if (!isCredentialToken(text.token)) return 'code';
  }
  if (type === 'password') return null;
  if (text.token === 'username' && !SEARCH_WORDS.test(text.human)) return null;
  if (isSearch(input, text)) return 'search';
  if (text.token === 'current-password' || text.token === 'new-password') return 'password-as-text';
  if (NOT_ACCOUNT_TOKENS.has(text.token) || OPENID.test(text.all)) return 'not-account';
  return null;
}

function isCredentialToken(token: string): boolean {
  return token === 'current-password' || token === 'new-password' || token === 'username';
}

function isSearch(input: HTMLInputElement, text: FieldText): boolean {
  const name = (input.getAttribute('name') ?? '').toLowerCase();
  if (name === 'q' || name === 's') return true;
  const role = input.getAttribute('role');
  if (role === 'searchbox') return true;
  return SEARCH_WORDS.test(text.all);
}

/** [kind, score] for a text input, or [null, 0] when it is about something else. */
function usernameEvidence(input: HTMLInputElement, text: FieldText): [UsernameKind | null, number] {
  if (text.token === 'username') return ['username', USERNAME_SCORE.token];
  if (text.token === 'email') return ['email', USERNAME_SCORE.email];
  if (text.token === 'tel' || text.token === 'tel-national') return ['phone', USERNAME_SCORE.phone];
  // What a person reads outranks what a developer named the field: a "nickname" input labelled
  // "Display name" is not the account name.
  const said = wordsSay(text.human) ?? wordsSay(text.attrs);
  if (said === 'other') return [null, 0];
  if (said === 'username') return ['username', USERNAME_SCORE.words];
  if (said === 'email' || (said !== 'plain' && input.type === 'email'))
    return ['email', USERNAME_SCORE.email];
  if (said === 'phone' || input.type === 'tel') return ['phone', USERNAME_SCORE.phone];
  return ['plain', USERNAME_SCORE.plain];
}

/** What a text field's words say it holds, or null when they say nothing either way. */
function wordsSay(words: string): 'username' | 'email' | 'phone' | 'plain' | 'other' | null {
  if (!words) return null;
  if (DISPLAY_NAME_WORDS.test(words)) return 'plain';
  // A text field that talks about passwords is a revealed password or a password hint.
  if (PASSWORD_WORDS.test(words) && !EMAIL_WORDS.test(words)) return 'other';
  if (USERNAME_WORDS.test(words)) return 'username';
  if (EMAIL_WORDS.test(words)) return 'email';
  if (NOT_ACCOUNT_WORDS.test(words)) return 'other';
  if (PHONE_WORDS.test(words)) return 'phone';
  return null;
}
