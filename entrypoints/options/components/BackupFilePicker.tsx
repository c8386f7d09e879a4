/**
 * Choose a backup file: reads it as text and shows what its plaintext header says (date, item
 * count) before any password is asked for. A file that is not a Tessera backup is named as such at
 * once. Nothing is sent anywhere from here.
 */

import type { JSX, RefObject } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../../../src/ui/i18n';
import { inspectBackup } from '../../../src/vault/backup';
import { formatDate } from '../format';

export interface ChosenBackup {
  name: string;
  text: string;
  createdAt: string;
  itemCount: number;
}

export function BackupFilePicker(props: {
  id: string;
  disabled: boolean;
  invalid: boolean;
  errorId: string;
  inputRef?: RefObject<HTMLInputElement>;
  onChoose(backup: ChosenBackup | null, problem: string | null): void;
}): JSX.Element {
  const [reading, setReading] = useState(false);
  const [chosen, setChosen] = useState<ChosenBackup | null>(null);

  async function choose(input: HTMLInputElement) {
    const file = input.files?.[0];
    setChosen(null);
    if (!file) {
      props.onChoose(null, null);
      return;
    }
    setReading(true);
    try {
      const text = await file.text();
      let header: { createdAt: string; itemCount: number };
      try {
        header = inspectBackup(text);
      } catch (err) {
        props.onChoose(null, t('options_backup_not_a_backup', (err as Error).message));
        return;
      }
      const backup = { name: file.name, text, ...header };
      setChosen(backup);
      props.onChoose(backup, null);
    } catch {
      props.onChoose(null, t('options_backup_unreadable'));
    } finally {
      setReading(false);
    }
  }

  return (
    <div class="field">
      <label for={props.id}>{t('options_backup_file_label')}</label>
      <input
        id={props.id}
        ref={props.inputRef}
        type="file"
        class="input file"
        accept=".json,application/json"
        onChange={(e) => void choose(e.currentTarget)}
        aria-describedby={`${props.id}-summary ${props.errorId}`}
        aria-invalid={props.invalid ? 'true' : undefined}
        disabled={props.disabled || reading}
      />
      <p id={`${props.id}-summary`} class="hint" aria-live="polite">
        {reading
          ? t('options_backup_reading')
          : chosen
            ? t(chosen.itemCount === 1 ? 'options_backup_summary_one' : 'options_backup_summary_other', [
                formatDate(chosen.createdAt),
                chosen.itemCount,
              ])
            : ''}
      </p>
    </div>
  );
}
