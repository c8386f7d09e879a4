/**
 * The editor's two-factor field: paste a setup key or an otpauth:// link, scan the QR code shown on
 * the current tab (the background captures and reads it: background/otp-scan.ts), or read one from
 * an image file (decoded here: the file is the person's own and its text lands in this field
 * anyway). A Google Authenticator export link with one account becomes that account's otpauth://
 * link; one with several is sent to Options > Import, which makes one item per account.
 *
 * Below the field, a line says what Tessera understood (issuer, account, digits, period) or why
 * the text gives no code, so a wrong paste is caught before it is saved.
 */

import { useRef, useState } from 'preact/hooks';
import { isMigrationUri, isOtpError, parseMigrationUri, parseOtpSecret } from '../../src/totp';
import { IconButton } from '../../src/ui/components/IconButton';
import { Icon } from '../../src/ui/components/icons';
import { PasswordInput } from '../../src/ui/components/PasswordInput';
import { describeError } from '../../src/ui/errors';
import { t } from '../../src/ui/i18n';
import { call } from '../../src/ui/state';
import { LIMITS } from '../../src/vault/item-schema';
import { targetTabId } from './autofill';

type Verdict = { kind: 'hint' | 'ok' | 'error'; text: string };

/** What the field's text gives: nothing yet, a description of the codes, or the reason it gives none. */
export function describeOtpText(value: string): Verdict {
  if (!value.trim()) return { kind: 'hint', text: t('otp_field_hint') };
  if (isMigrationUri(value)) return { kind: 'error', text: t('otp_migration_paste') };
  const params = parseOtpSecret(value);
  if (isOtpError(params)) return { kind: 'error', text: params.message };
  const who = [params.issuer, params.account].filter(Boolean).join(' · ');
  const what =
    params.encoder === 'steam' ? t('otp_valid_steam') : t('otp_valid', [params.digits, params.period]);
  return { kind: 'ok', text: who ? `${who}: ${what}` : what };
}

/** Turns a scanned or pasted text into the field's value, or a message saying why it cannot. */
function acceptText(text: string): { value: string } | { error: string } {
  if (!isMigrationUri(text)) return { value: text.trim() };
  try {
    const { accounts } = parseMigrationUri(text);
    const usable = accounts.filter((a) => a.uri !== null);
    if (accounts.length === 1 && usable[0]?.uri) return { value: usable[0].uri };
    if (accounts.length === 1) return { error: t('otp_migration_unusable', accounts[0]?.problem ?? '') };
    return { error: t('otp_migration_many', accounts.length) };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

export function OtpField({ value, onValue }: { value: string; onValue(value: string): void }) {
  const [note, setNote] = useState<Verdict | null>(null);
  const [scanning, setScanning] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  function take(text: string) {
    const accepted = acceptText(text);
    if ('error' in accepted) {
      setNote({ kind: 'error', text: accepted.error });
      return;
    }
    onValue(accepted.value);
    setNote(null);
  }

  function onInput(text: string) {
    // A pasted export link with one account is converted at once; anything else is kept as typed.
    if (isMigrationUri(text)) {
      const accepted = acceptText(text);
      if ('value' in accepted) {
        onValue(accepted.value);
        setNote(null);
        return;
      }
    }
    onValue(text);
    setNote(null);
  }

  async function scanTab() {
    setScanning(true);
    setNote({ kind: 'hint', text: t('otp_scanning') });
    try {
      const tabId = await targetTabId();
      if (tabId === null) throw new Error(t('otp_scan_no_tab'));
      const { text } = await call({ type: 'otp.scanTab', tabId });
      take(text);
    } catch (err) {
      setNote({ kind: 'error', text: describeError(err) });
    } finally {
      setScanning(false);
    }
  }

  async function scanFile(file: File | undefined) {
    if (!file) return;
    setScanning(true);
    try {
      // jsQR is most of the popup's own code: loaded when a picture is picked, not with the list.
      const text = await import('../../src/totp/qr-image')
        .then(({ decodeQrImage }) => decodeQrImage(file))
        .catch(() => null);
      if (text === null) setNote({ kind: 'error', text: t('otp_scan_file_none') });
      else take(text);
    } finally {
      setScanning(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  }

  const verdict = note ?? describeOtpText(value);
  return (
    <div class="field">
      <label for="edit-totp">{t('field_totp_secret')}</label>
      <div class="input-with-action">
        <PasswordInput
          id="edit-totp"
          value={value}
          onValue={onInput}
          autoComplete="off"
          maxLength={LIMITS.totp}
          describedBy="edit-totp-note"
          invalid={verdict.kind === 'error'}
        />
        <IconButton
          icon="scan"
          label={t('otp_scan_tab')}
          disabled={scanning}
          onClick={() => void scanTab()}
        />
      </div>
      <div class="otp-field-actions">
        <button
          type="button"
          class="button link"
          disabled={scanning}
          onClick={() => fileInput.current?.click()}
        >
          <Icon name="scan" size={16} />
          {t('otp_scan_file')}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept="image/*"
          class="visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
          data-testid="otp-image-input"
          onChange={(e) => void scanFile(e.currentTarget.files?.[0])}
        />
      </div>
      <p
        id="edit-totp-note"
        class={verdict.kind === 'error' ? 'error' : 'hint'}
        data-testid="otp-note"
        role={verdict.kind === 'error' ? 'alert' : undefined}
      >
        {verdict.text}
      </p>
    </div>
  );
}
