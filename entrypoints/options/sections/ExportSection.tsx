/**
 * Unencrypted export (CSV or Bitwarden JSON), so people can leave: a plain warning that the file
 * is not encrypted, the master password entered again, then the background hands over every item
 * ('vault.exportItems') and the page writes the file and starts the download.
 *
 * Safety fact: the background checks the master password before it returns any plaintext; the
 * exported text goes straight into the download and is not kept in the page's state. CSV cells
 * are escaped against formula injection by src/transfer/export-csv.ts.
 */

import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { type ExportFormat, exportItems } from '../../../src/transfer';
import { BusyButton } from '../../../src/ui/components/BusyButton';
import { FormMessages } from '../../../src/ui/components/FormMessages';
import { Icon } from '../../../src/ui/components/icons';
import { describeError, errorCode } from '../../../src/ui/errors';
import { type FormError, useFocusOnError } from '../../../src/ui/form-focus';
import { t, tCount } from '../../../src/ui/i18n';
import { PasswordField } from '../components/PasswordField';
import { Section } from '../components/Section';
import { downloadText } from '../download';
import { ask } from '../state';

const FORMATS: readonly {
  id: ExportFormat;
  label: 'options_fileexport_format_csv' | 'options_fileexport_format_bitwarden';
}[] = [
  { id: 'csv', label: 'options_fileexport_format_csv' },
  { id: 'bitwarden-json', label: 'options_fileexport_format_bitwarden' },
];

export function ExportSection(): JSX.Element {
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormError<'password'> | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  useFocusOnError(error, { password: passwordInput });

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setError(null);
    setDone(null);
    if (!password) return setError({ text: t('options_fileexport_password_empty'), field: 'password' });
    setBusy(true);
    try {
      const { items, damaged } = await ask({ type: 'vault.exportItems', password });
      const file = exportItems(format, items);
      downloadText(file.fileName, file.text, file.mimeType);
      const saved = t(items.length === 1 ? 'options_fileexport_done_one' : 'options_fileexport_done_other', [
        items.length,
        file.fileName,
      ]);
      const lost =
        damaged > 0
          ? ` ${tCount(damaged, 'options_fileexport_damaged_one', 'options_fileexport_damaged_other')}`
          : '';
      // A file Tessera's own import could not read back is said to be one, with the way that works.
      const tooBig = file.readableByImport ? '' : ` ${t('options_fileexport_too_big_for_import')}`;
      setDone(`${saved}${lost}${tooBig}`);
      setPassword('');
    } catch (err) {
      setError(
        errorCode(err) === 'wrong-password'
          ? { text: t('options_fileexport_wrong_password'), field: 'password' }
          : { text: describeError(err), field: null },
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section id="file-export" title={t('options_fileexport_title')} intro={t('options_fileexport_intro')}>
      <div class="notice danger-notice" role="note">
        <Icon name="warning" />
        <p>{t('options_fileexport_warning')}</p>
      </div>
      <form class="stack" onSubmit={submit} noValidate aria-busy={busy}>
        <fieldset class="field" disabled={busy}>
          <legend>{t('options_fileexport_format_legend')}</legend>
          <div class="checks">
            {FORMATS.map(({ id, label }) => (
              <label key={id} class="check">
                <input
                  type="radio"
                  name="file-export-format"
                  value={id}
                  checked={format === id}
                  onChange={() => setFormat(id)}
                />
                {t(label)}
              </label>
            ))}
          </div>
        </fieldset>
        <PasswordField
          label={t('options_fileexport_password_label')}
          id="file-export-password"
          inputRef={passwordInput}
          value={password}
          onValue={(value) => {
            setPassword(value);
            setError(null);
          }}
          autoComplete="current-password"
          describedBy="file-export-error"
          invalid={error?.field === 'password'}
          disabled={busy}
        />
        <FormMessages id="file-export" error={error?.text ?? null} done={done} />
        <div class="actions">
          <BusyButton
            kind="danger"
            busy={busy}
            label={t('options_fileexport_button')}
            busyLabel={t('options_fileexport_busy')}
          />
        </div>
      </form>
    </Section>
  );
}
