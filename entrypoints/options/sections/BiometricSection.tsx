/**
 * Biometric unlock: the enrolments (label, date, and "not available on this device" after a
 * failure, S3), removing one, and turning it on for this device. Turning it on again replaces the
 * enrolments marked dead (biometric.enrol replaceIds), in the same transaction as the new one.
 */

import { useRef, useState } from 'preact/hooks';
import type { KeyRecordView } from '../../../src/messages/protocol';
import { clearUnavailable } from '../../../src/ui/biometric-marks';
import { BusyButton } from '../../../src/ui/components/BusyButton';
import { ConfirmDialog } from '../../../src/ui/components/ConfirmDialog';
import { FormMessages } from '../../../src/ui/components/FormMessages';
import { describeError, errorCode } from '../../../src/ui/errors';
import { type FormError, masterPasswordError, useFocusOnError } from '../../../src/ui/form-focus';
import { t } from '../../../src/ui/i18n';
import { enrolPrfCredential, webauthnAvailable, webauthnTimeoutMs } from '../../../src/ui/webauthn';
import { biometricMessage } from '../biometric-errors';
import { ConfirmMasterField } from '../components/MasterPasswordField';
import { Section } from '../components/Section';
import { formatDate } from '../format';
import { ask, biometricRecords, refresh, unavailable } from '../state';

/** Longest label the background keeps. */
const LABEL_MAX = 100;

export function BiometricSection() {
  const [label, setLabel] = useState(() => t('options_biometric_label_default'));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormError<'current'> | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [removing, setRemoving] = useState<KeyRecordView | null>(null);
  const [current, setCurrent] = useState('');
  const enrolled = biometricRecords.value;
  const dead = enrolled.filter((r) => unavailable.value.has(r.id));
  const currentInput = useRef<HTMLInputElement>(null);
  useFocusOnError(error, { current: currentInput });

  async function enrol(event: Event) {
    event.preventDefault();
    if (busy) return;
    setError(null);
    setDone(null);
    if (!current) {
      setError({ text: t('options_confirm_master_missing'), field: 'current' });
      return;
    }
    setBusy(true);
    const name = label.trim() || t('options_biometric_label_default');
    try {
      const proof = await enrolPrfCredential({ displayName: name, timeoutMs: webauthnTimeoutMs() });
      const replaceIds = dead.map((r) => r.id);
      const added = await ask({ type: 'biometric.enrol', ...proof, label: name, replaceIds, current });
      setCurrent('');
      unavailable.value = await clearUnavailable([...replaceIds, added.id]).catch(() => unavailable.value);
      await refresh();
      setDone(t('options_biometric_enrolled', added.label ?? name));
    } catch (err) {
      setError(masterPasswordError(biometricMessage(err, 'enrol'), errorCode(err)));
    } finally {
      setBusy(false);
    }
  }

  async function remove(record: KeyRecordView) {
    setRemoving(null);
    setError(null);
    setDone(null);
    try {
      await ask({ type: 'keys.remove', id: record.id });
      unavailable.value = await clearUnavailable([record.id]).catch(() => unavailable.value);
      await refresh();
      setDone(t('options_biometric_removed', labelOf(record)));
      // Its Remove button, where the dialog put the cursor back, is gone with it.
      document.getElementById('biometric-title')?.focus();
    } catch (err) {
      setError({ text: describeError(err), field: null });
    }
  }

  return (
    <Section id="biometric" title={t('options_biometric_title')} intro={t('options_biometric_intro')}>
      {enrolled.length === 0 ? (
        <p>{t('options_biometric_none')}</p>
      ) : (
        <ul class="records" aria-label={t('options_biometric_list_label')}>
          {enrolled.map((record) => {
            const isDead = unavailable.value.has(record.id);
            return (
              <li key={record.id} class="record" data-record-id={record.id}>
                <div class="record-text">
                  <span class="record-title">{labelOf(record)}</span>
                  <span class="hint">{t('options_biometric_added', formatDate(record.createdAt))}</span>
                  {isDead && <span class="badge warning-badge">{t('options_biometric_unavailable')}</span>}
                </div>
                <button
                  type="button"
                  class="button"
                  aria-label={t('options_biometric_remove_named', labelOf(record))}
                  disabled={busy}
                  onClick={() => setRemoving(record)}
                >
                  {t('options_biometric_remove')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {webauthnAvailable() ? (
        <form class="stack" onSubmit={enrol} noValidate aria-busy={busy}>
          {dead.length > 0 && <p class="hint">{t('options_biometric_replace_hint')}</p>}
          <div class="field">
            <label for="biometric-label">{t('options_biometric_label_label')}</label>
            <input
              id="biometric-label"
              class="input"
              value={label}
              maxLength={LABEL_MAX}
              onInput={(e) => setLabel(e.currentTarget.value)}
              autoComplete="off"
              disabled={busy}
            />
          </div>
          <ConfirmMasterField
            id="biometric-current"
            label="options_confirm_master_label_biometric"
            value={current}
            setValue={setCurrent}
            error={error}
            setError={setError}
            busy={busy}
            inputRef={currentInput}
            errorId="biometric-error"
          />
          <FormMessages id="biometric" error={error?.text ?? null} done={done} />
          <div class="actions">
            <BusyButton
              busy={busy}
              label={dead.length > 0 ? t('options_biometric_turn_on_again') : t('options_biometric_turn_on')}
              busyLabel={t('options_biometric_waiting')}
            />
          </div>
        </form>
      ) : (
        <p class="hint">{t('options_biometric_unsupported')}</p>
      )}
      {removing && (
        <ConfirmDialog
          title={t('options_biometric_remove_title', labelOf(removing))}
          message={t('options_biometric_remove_message')}
          confirmLabel={t('options_biometric_remove')}
          cancelLabel={t('action_cancel')}
          danger
          onConfirm={() => void remove(removing)}
          onCancel={() => setRemoving(null)}
        />
      )}
    </Section>
  );
}

function labelOf(record: KeyRecordView): string {
  return record.label || t('options_biometric_label_default');
}
