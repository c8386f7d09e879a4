/**
 * Import from another password manager: choose the file (and, if Tessera cannot tell or guesses
 * wrong, its format: the picker lists every importer, default "recognise it"), (for an unknown CSV
 * layout) say which column holds what, see what would happen (counts, duplicates of items already
 * in the vault, rows skipped and items changed on the way in, each with its reason, warnings),
 * then store everything with one 'vault.putMany'.
 *
 * Safety fact: the file is read and parsed here, in the page (src/transfer is pure); only validated
 * ItemInputs go to the background, in one putMany, which stores all of them in one IndexedDB
 * transaction or none. Any refusal before that (an ImportError) means nothing was written.
 */

import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { decodeList } from '../../../src/messages/list-codec';
import {
  acceptedExtensions,
  checkFileSize,
  csvPreview,
  detectFormat,
  excludeItems,
  IMPORTERS,
  ImportError,
  type ImportInput,
  type ImportPreview,
  type ImportResult,
  MAPPING_TARGETS,
  type MappingTarget,
  previewImport,
  type ReadImport,
  readImport,
  suggestMapping,
} from '../../../src/transfer';
import { BusyButton } from '../../../src/ui/components/BusyButton';
import { FormMessages } from '../../../src/ui/components/FormMessages';
import { describeError } from '../../../src/ui/errors';
import { type FormError, useFocusOnError } from '../../../src/ui/form-focus';
import { type MessageKey, t, tCount } from '../../../src/ui/i18n';
import { Section } from '../components/Section';
import { ask } from '../state';
import './transfer.css';

type Phase = 'reading' | 'parsing' | 'comparing' | 'saving';

interface Mapping {
  headers: string[];
  sample: string[][];
  mapping: MappingTarget[];
}

interface Prepared {
  read: ReadImport;
  preview: ImportPreview;
}

/** The format picker's value: an importer id, or DETECT to recognise the format from the file. */
const DETECT = 'detect';

/** Long lists in the preview show this many lines, then "…and N more". */
const LIST_LIMIT = 10;

const TARGET_LABEL: Record<MappingTarget, MessageKey> = {
  name: 'options_fileimport_target_name',
  url: 'options_fileimport_target_url',
  username: 'options_fileimport_target_username',
  password: 'options_fileimport_target_password',
  notes: 'options_fileimport_target_notes',
  totp: 'options_fileimport_target_totp',
  folder: 'options_fileimport_target_folder',
  field: 'options_fileimport_target_field',
  ignore: 'options_fileimport_target_ignore',
};

const KIND_LABEL = {
  login: 'options_fileimport_kind_login',
  note: 'options_fileimport_kind_note',
  card: 'options_fileimport_kind_card',
  identity: 'options_fileimport_kind_identity',
  other: 'options_fileimport_kind_other',
} as const satisfies Record<keyof ImportPreview['kinds'], MessageKey>;

/**
 * Lets the page repaint (spinner, progress line) before a long synchronous step: a macrotask, since
 * a resolved promise would run before the browser paints.
 */
const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** An ImportError's own sentence (which names the row where there is one), else a generic one. */
function describeImportError(err: unknown, detecting = false): string {
  if (!(err instanceof ImportError)) return t('options_fileimport_failed', describeError(err));
  let text = err.message.replace(/\s*Nothing was imported\.$/, '');
  // Detection could not tell: the format picker is the way forward.
  if (detecting && err.code === 'unknown-format') text = `${text} ${t('options_fileimport_unsure')}`;
  return err.row !== undefined && !text.includes(String(err.row))
    ? t('options_fileimport_failed_row', [err.row, text])
    : t('options_fileimport_failed', text);
}

export function ImportSection(): JSX.Element {
  const [input, setInput] = useState<ImportInput | null>(null);
  const [format, setFormat] = useState(DETECT);
  const [phase, setPhase] = useState<Phase | null>(null);
  const [mapping, setMapping] = useState<Mapping | null>(null);
  const [prepared, setPrepared] = useState<Prepared | null>(null);
  const [skipDuplicates, setSkipDuplicates] = useState(true);
  const [error, setError] = useState<FormError<'file'> | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // The picker remounts (and forgets its file) after an import or a cancel.
  const [pickerKey, setPickerKey] = useState(0);
  const fileInput = useRef<HTMLInputElement>(null);
  // A file the page cannot import: the cursor goes back to the picker, to choose another.
  useFocusOnError(error, { file: fileInput });
  const busy = phase !== null;

  function reset(message: string | null = null) {
    setInput(null);
    setMapping(null);
    setPrepared(null);
    setSkipDuplicates(true);
    setFormat(DETECT);
    setPickerKey((k) => k + 1);
    setDone(message);
  }

  function fail(err: unknown, chosenFormat = format) {
    setMapping(null);
    setPrepared(null);
    setError({ text: describeImportError(err, chosenFormat === DETECT), field: 'file' });
  }

  async function choose(el: HTMLInputElement) {
    const file = el.files?.[0];
    setError(null);
    setDone(null);
    setMapping(null);
    setPrepared(null);
    setInput(null);
    if (!file) return;
    try {
      // Refuse a 50 MB file before it is read into memory.
      checkFileSize(file.name, file.size);
      setPhase('reading');
      await breathe();
      const chosen: ImportInput = { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
      setInput(chosen);
      await read(chosen, format);
    } catch (err) {
      fail(err);
    } finally {
      setPhase(null);
    }
  }

  /** Reads the file as `chosenFormat` (or the format detected), up to the mapping or the preview. */
  async function read(chosen: ImportInput, chosenFormat: string) {
    setPhase('parsing');
    await breathe();
    const importerId = chosenFormat === DETECT ? detectFormat(chosen).importer.id : chosenFormat;
    if (importerId === 'generic-csv') {
      const { headers, sample } = csvPreview(chosen);
      setMapping({ headers, sample, mapping: suggestMapping(headers) });
      return;
    }
    await prepare(readImport(chosen, { importerId }));
  }

  /** Another format chosen: the file already picked is read again as that format. */
  async function chooseFormat(next: string) {
    setFormat(next);
    setError(null);
    setDone(null);
    setMapping(null);
    setPrepared(null);
    if (!input) return;
    try {
      await read(input, next);
    } catch (err) {
      fail(err, next);
    } finally {
      setPhase(null);
    }
  }

  async function applyMapping(event: Event) {
    event.preventDefault();
    if (!input || !mapping || busy) return;
    setError(null);
    setPhase('parsing');
    try {
      await breathe();
      const read = readImport(input, { mapping: mapping.mapping });
      await prepare(read);
      setMapping(null);
    } catch (err) {
      // A mapping problem ("choose at least one column…") keeps the mapping on screen to fix.
      if (err instanceof ImportError && err.code === 'mapping') {
        setError({ text: describeImportError(err), field: null });
      } else fail(err);
    } finally {
      setPhase(null);
    }
  }

  /** Compares with the vault's current items (overviews only: no secrets leave the background). */
  async function prepare(read: ReadImport) {
    setPhase('comparing');
    await breathe();
    const { encoded } = await ask({ type: 'vault.list' });
    const preview = previewImport(read.result, decodeList(encoded));
    setSkipDuplicates(true);
    setPrepared({ read, preview });
  }

  function toSave(): ImportResult | null {
    if (!prepared) return null;
    const { read, preview } = prepared;
    return skipDuplicates && preview.duplicates.length > 0
      ? excludeItems(
          read.result,
          preview.duplicates.map((d) => d.index),
        )
      : read.result;
  }

  async function save() {
    const result = toSave();
    if (!result || busy) return;
    setError(null);
    if (result.items.length === 0) {
      setError({ text: t('options_fileimport_nothing'), field: null });
      return;
    }
    setPhase('saving');
    try {
      await breathe();
      // One transaction in the background: every item or none (UnlockedVault.putMany).
      const { count } = await ask({ type: 'vault.putMany', items: result.items, replace: false });
      reset(tCount(count, 'options_fileimport_done_one', 'options_fileimport_done_other'));
    } catch (err) {
      setError({ text: describeImportError(err), field: null });
    } finally {
      setPhase(null);
    }
  }

  const saving = toSave();
  return (
    <Section id="file-import" title={t('options_fileimport_title')} intro={t('options_fileimport_intro')}>
      <div class="stack" aria-busy={busy}>
        <div class="field">
          <label for="file-import-format">{t('options_fileimport_format_label')}</label>
          <select
            id="file-import-format"
            class="input select"
            value={format}
            disabled={busy}
            aria-describedby="file-import-format-hint"
            onChange={(e) => void chooseFormat(e.currentTarget.value)}
          >
            <option value={DETECT}>{t('options_fileimport_format_detect')}</option>
            {IMPORTERS.map((importer) => (
              <option key={importer.id} value={importer.id}>
                {importer.label}
              </option>
            ))}
          </select>
          <p id="file-import-format-hint" class="hint">
            {t('options_fileimport_format_hint')}
          </p>
        </div>
        <div class="field">
          <label for="file-import-file">{t('options_fileimport_file_label')}</label>
          <input
            key={pickerKey}
            id="file-import-file"
            ref={fileInput}
            type="file"
            class="input file"
            accept={acceptedExtensions().join(',')}
            onChange={(e) => void choose(e.currentTarget)}
            aria-describedby="file-import-progress file-import-error"
            aria-invalid={error?.field === 'file' ? 'true' : undefined}
            disabled={busy}
          />
          <p id="file-import-progress" class="hint" role="status">
            {phase === 'saving' && saving
              ? t('options_fileimport_phase_saving', saving.items.length)
              : phase
                ? t(`options_fileimport_phase_${phase}`)
                : ''}
          </p>
        </div>
        {mapping && (
          <MappingForm
            mapping={mapping}
            busy={busy}
            onChange={(next) => {
              setMapping({ ...mapping, mapping: next });
              setError(null);
            }}
            onSubmit={applyMapping}
          />
        )}
        {prepared && (
          <PreviewView
            prepared={prepared}
            skipDuplicates={skipDuplicates}
            disabled={busy}
            onSkipDuplicates={setSkipDuplicates}
          />
        )}
        <FormMessages id="file-import" error={error?.text ?? null} done={done} />
        {prepared && saving && (
          <div class="actions">
            <BusyButton
              type="button"
              busy={phase === 'saving'}
              disabled={busy}
              label={tCount(
                saving.items.length,
                'options_fileimport_button_one',
                'options_fileimport_button_other',
              )}
              busyLabel={t('options_fileimport_busy')}
              onClick={() => void save()}
            />
            <button type="button" class="button" disabled={busy} onClick={() => reset()}>
              {t('action_cancel')}
            </button>
          </div>
        )}
      </div>
    </Section>
  );
}

function MappingForm(props: {
  mapping: Mapping;
  busy: boolean;
  onChange(mapping: MappingTarget[]): void;
  onSubmit(event: Event): void;
}): JSX.Element {
  const { headers, sample, mapping } = props.mapping;
  return (
    <form class="stack" onSubmit={props.onSubmit} noValidate data-testid="file-import-mapping">
      <h3 class="subtitle">{t('options_fileimport_mapping_title')}</h3>
      <p class="hint">{t('options_fileimport_mapping_intro')}</p>
      <table class="mapping">
        <thead>
          <tr>
            <th scope="col">{t('options_fileimport_mapping_column')}</th>
            <th scope="col">{t('options_fileimport_mapping_sample')}</th>
            <th scope="col">{t('options_fileimport_mapping_use')}</th>
          </tr>
        </thead>
        <tbody>
          {headers.map((heading, i) => {
            const shown = heading.trim() || t('options_fileimport_mapping_untitled', i + 1);
            const target = mapping[i] ?? 'field';
            const first = sample.find((row) => (row[i] ?? '').trim())?.[i] ?? '';
            // Secrets are not shown in the clear on the mapping screen (shoulder surfing).
            const secret = target === 'password' || target === 'totp';
            return (
              <tr key={`${i}:${heading}`}>
                <th scope="row">{shown}</th>
                <td class="mono">{secret && first ? '••••••' : first}</td>
                <td>
                  <select
                    class="input select"
                    aria-label={t('options_fileimport_mapping_select', shown)}
                    value={target}
                    disabled={props.busy}
                    onChange={(e) => {
                      const next = [...mapping];
                      next[i] = e.currentTarget.value as MappingTarget;
                      props.onChange(next);
                    }}
                  >
                    {MAPPING_TARGETS.map((choice) => (
                      <option key={choice} value={choice}>
                        {t(TARGET_LABEL[choice])}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div class="actions">
        <BusyButton
          busy={props.busy}
          label={t('options_fileimport_mapping_continue')}
          busyLabel={t('options_fileimport_phase_parsing')}
        />
      </div>
    </form>
  );
}

function PreviewView(props: {
  prepared: Prepared;
  skipDuplicates: boolean;
  disabled: boolean;
  onSkipDuplicates(skip: boolean): void;
}): JSX.Element {
  const { read, preview } = props.prepared;
  const kinds = (Object.keys(KIND_LABEL) as (keyof typeof KIND_LABEL)[]).filter((k) => preview.kinds[k] > 0);
  return (
    <div class="preview stack" data-testid="file-import-preview">
      <p>{t('options_fileimport_format', read.importer.label)}</p>
      <p>{tCount(preview.total, 'options_fileimport_preview_one', 'options_fileimport_preview_other')}</p>
      {kinds.length > 0 && (
        <ul>
          {kinds.map((k) => (
            <li key={k}>{t(KIND_LABEL[k], preview.kinds[k])}</li>
          ))}
        </ul>
      )}
      {preview.duplicates.length > 0 && (
        <div data-testid="file-import-duplicates">
          <p>
            {tCount(
              preview.duplicates.length,
              'options_fileimport_duplicates_one',
              'options_fileimport_duplicates_other',
            )}
          </p>
          <Shortened
            lines={preview.duplicates.map((d) =>
              t('options_fileimport_duplicate_item', [d.name, d.existingName]),
            )}
          />
          <label class="check">
            <input
              type="checkbox"
              checked={props.skipDuplicates}
              disabled={props.disabled}
              onChange={(e) => props.onSkipDuplicates(e.currentTarget.checked)}
            />
            {t('options_fileimport_skip_duplicates')}
          </label>
        </div>
      )}
      {preview.repeatsInFile.length > 0 && (
        <p>
          {tCount(
            preview.repeatsInFile.length,
            'options_fileimport_repeats_one',
            'options_fileimport_repeats_other',
          )}
        </p>
      )}
      <EntryRows
        testId="file-import-skipped"
        entries={preview.skipped}
        one="options_fileimport_skipped_one"
        other="options_fileimport_skipped_other"
      />
      <EntryRows
        testId="file-import-changed"
        entries={preview.changed}
        one="options_fileimport_changed_one"
        other="options_fileimport_changed_other"
      />
      {preview.warnings.length > 0 && (
        <div class="notice warning" role="note">
          <div class="notice-body">
            <p>{t('options_fileimport_warnings')}</p>
            <ul>
              {preview.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </div>
  );
}

/** The entries skipped or changed: how many, then each by row (and name when it has one). */
function EntryRows(props: {
  testId: string;
  entries: ImportPreview['skipped' | 'changed'];
  one: MessageKey;
  other: MessageKey;
}): JSX.Element | null {
  if (props.entries.length === 0) return null;
  return (
    <div data-testid={props.testId}>
      <p>{tCount(props.entries.length, props.one, props.other)}</p>
      <Shortened
        lines={props.entries.map((e) =>
          e.name
            ? t('options_fileimport_skipped_row_named', [e.row, e.name, e.reason])
            : t('options_fileimport_skipped_row', [e.row, e.reason]),
        )}
      />
    </div>
  );
}

/** A list of at most LIST_LIMIT lines, then how many more there are. */
function Shortened({ lines }: { lines: string[] }): JSX.Element {
  const rest = lines.length - LIST_LIMIT;
  return (
    <ul>
      {lines.slice(0, LIST_LIMIT).map((line, i) => (
        <li key={i}>{line}</li>
      ))}
      {rest > 0 && <li>{t('options_fileimport_more', rest)}</li>}
    </ul>
  );
}
