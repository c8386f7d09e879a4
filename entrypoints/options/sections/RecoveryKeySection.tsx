/**
 * The recovery key (S5): create or replace it, then show it once, grouped, with Print and Copy,
 * and a checkbox "I saved it" before it can be closed.
 *
 * Safety facts: the key is held only in this component's state while shown. Closing, locking the
 * vault (which unmounts the section) or leaving the page drops it, and Tessera cannot show it
 * again: only a new key can be made. The copy goes through the clipboard guard, which clears it
 * after the user's clipboard setting.
 */

import { useEffect, useRef, useState } from 'preact/hooks';
import { browserClipboardGuard } from '../../../src/ui/clipboard';
import { BusyButton } from '../../../src/ui/components/BusyButton';
import { ConfirmDialog } from '../../../src/ui/components/ConfirmDialog';
import { FormMessages } from '../../../src/ui/components/FormMessages';
import { describeError, errorCode } from '../../../src/ui/errors';
import { type FormError, masterPasswordError, useFocusOnError } from '../../../src/ui/form-focus';
import { t } from '../../../src/ui/i18n';
import { ConfirmMasterField } from '../components/MasterPasswordField';
import { Section } from '../components/Section';
import { formatDate } from '../format';
import { ask, recoveredWithKey, recoveryRecord, refresh } from '../state';

const clipboard = browserClipboardGuard();

/** The master password field, where the suggestion after a recovery (RecoveredNotice) leads. */
export const RECOVERY_CURRENT_ID = 'recovery-current';

export function RecoveryKeySection() {
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [shown, setShown] = useState<{ key: string; createdAt: number } | null>(null);
  const [error, setError] = useState<FormError<'current'> | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [current, setCurrent] = useState('');
  const record = recoveryRecord.value;
  const currentInput = useRef<HTMLInputElement>(null);
  useFocusOnError(error, { current: currentInput });

  async function create() {
    setConfirming(false);
    setError(null);
    setDone(null);
    if (!current) {
      setError({ text: t('options_confirm_master_missing'), field: 'current' });
      return;
    }
    setBusy(true);
    try {
      const { recoveryKey } = await ask({ type: 'recovery.create', current });
      setCurrent('');
      setShown({ key: recoveryKey, createdAt: Date.now() });
      // The key typed during a recovery no longer opens the vault: nothing left to suggest.
      recoveredWithKey.value = false;
      await refresh();
    } catch (err) {
      setError(masterPasswordError(describeError(err), errorCode(err)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section id="recovery" title={t('options_recovery_title')} intro={t('options_recovery_intro')}>
      <p class="record-status" data-testid="recovery-status">
        {record
          ? t('options_recovery_status_set', formatDate(record.createdAt))
          : t('options_recovery_status_none')}
      </p>
      {shown ? (
        <RecoveryKeyShown
          recoveryKey={shown.key}
          createdAt={shown.createdAt}
          onClose={() => {
            setShown(null);
            setDone(t('options_recovery_closed'));
            // Done goes away with the key: land on the section's heading, not the page body.
            document.getElementById('recovery-title')?.focus();
          }}
        />
      ) : (
        <div class="stack">
          <ConfirmMasterField
            id={RECOVERY_CURRENT_ID}
            label="options_confirm_master_label_recovery"
            value={current}
            setValue={setCurrent}
            error={error}
            setError={setError}
            busy={busy}
            inputRef={currentInput}
            errorId="recovery-error"
          />
          <div class="actions">
            <BusyButton
              type="button"
              kind={record ? 'plain' : 'primary'}
              busy={busy}
              label={record ? t('options_recovery_replace') : t('options_recovery_create')}
              busyLabel={t('options_recovery_busy')}
              onClick={() => (record ? setConfirming(true) : void create())}
            />
          </div>
        </div>
      )}
      <FormMessages id="recovery" error={error?.text ?? null} done={done} />
      {confirming && (
        <ConfirmDialog
          title={t('options_recovery_replace_title')}
          message={t('options_recovery_replace_message')}
          confirmLabel={t('options_recovery_replace')}
          cancelLabel={t('action_cancel')}
          danger
          onConfirm={() => void create()}
          onCancel={() => setConfirming(false)}
        />
      )}
    </Section>
  );
}

export function RecoveryKeyShown(props: { recoveryKey: string; createdAt: number; onClose(): void }) {
  const [saved, setSaved] = useState(false);
  const [copyNote, setCopyNote] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const groups = props.recoveryKey.split('-');
  // Two lines of seven groups read back more easily than one line of fourteen.
  const lines = [groups.slice(0, 7).join(' '), groups.slice(7).join(' ')];

  useEffect(() => heading.current?.focus(), []);

  async function copy() {
    try {
      const seconds = await ask({ type: 'settings.get' }).then(
        (s) => s.clipboardClearSeconds,
        () => 30,
      );
      await clipboard.copy(props.recoveryKey, seconds);
      setCopyNote(seconds > 0 ? t('options_recovery_copied_clears', seconds) : t('options_recovery_copied'));
    } catch {
      setCopyNote(t('copy_failed'));
    }
  }

  return (
    <div class="recovery-shown stack">
      <div class="print-block" id="recovery-print">
        <h3 ref={heading} tabIndex={-1} class="print-title">
          {t('options_recovery_print_heading')}
        </h3>
        <p class="hint">{t('options_recovery_print_created', formatDate(props.createdAt))}</p>
        <figure
          class="recovery-key mono"
          aria-label={t('options_recovery_key_label')}
          data-testid="recovery-key"
        >
          {lines.map((line) => (
            <span key={line} class="recovery-line">
              {line}
            </span>
          ))}
        </figure>
        <p class="print-note">{t('options_recovery_print_note')}</p>
      </div>
      <div class="notice warning" role="note">
        <p>{t('options_recovery_show_once')}</p>
      </div>
      <div class="actions">
        <button type="button" class="button" onClick={() => window.print()}>
          {t('options_recovery_print')}
        </button>
        <button type="button" class="button" onClick={() => void copy()}>
          {t('options_recovery_copy')}
        </button>
      </div>
      <p class="done" role="status">
        {copyNote}
      </p>
      <label class="check">
        <input type="checkbox" checked={saved} onChange={(e) => setSaved(e.currentTarget.checked)} />
        {t('options_recovery_saved_check')}
      </label>
      <div class="actions">
        <button type="button" class="button primary" disabled={!saved} onClick={props.onClose}>
          {t('options_recovery_done')}
        </button>
      </div>
    </div>
  );
}
