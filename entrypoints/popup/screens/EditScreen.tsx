/**
 * Add or edit an item: name, username, password (with the generator), websites one per line, the
 * autofill match rule, the two-factor secret (OtpField.tsx) and notes. Fields this form does not
 * show (custom fields, favourite) are kept as they were.
 *
 * Leaving with unsaved changes (Back or Escape) asks first. Limits match the vault's (LIMITS), so
 * the background rarely has to refuse; when it does, its sentence is shown.
 */

import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ConfirmDialog } from '../../../src/ui/components/ConfirmDialog';
import { IconButton } from '../../../src/ui/components/IconButton';
import { Icon } from '../../../src/ui/components/icons';
import { PasswordInput } from '../../../src/ui/components/PasswordInput';
import { describeError } from '../../../src/ui/errors';
import { useEscape } from '../../../src/ui/escape';
import { type MessageKey, t } from '../../../src/ui/i18n';
import { markBusy, markReady } from '../../../src/ui/ready';
import { call, refreshList } from '../../../src/ui/state';
import { displayHost, formatUrlLines, parseUrlLines, urlProblem } from '../../../src/ui/urls';
import { emptyItem, LIMITS } from '../../../src/vault/item-schema';
import type { PageItemInput, UrlMatch } from '../../../src/vault/types';
import { LazyGenerator } from '../LazyGenerator';
import { OtpField } from '../OtpField';
import { go } from '../route';

interface Draft {
  name: string;
  username: string;
  password: string;
  urls: string;
  notes: string;
  totp: string;
  match: UrlMatch;
}

const MATCH_LABELS: Record<UrlMatch, MessageKey> = {
  domain: 'match_domain',
  host: 'match_host',
  never: 'match_never',
};

function toDraft(item: PageItemInput): Draft {
  return {
    name: item.name,
    username: item.username,
    password: item.password,
    urls: formatUrlLines(item.urls),
    notes: item.notes,
    totp: item.totp,
    match: item.match,
  };
}

function sameDraft(a: Draft, b: Draft): boolean {
  return (Object.keys(a) as (keyof Draft)[]).every((key) => a[key] === b[key]);
}

export function EditScreen({ id }: { id: string | null }) {
  const [base, setBase] = useState<PageItemInput | null>(id ? null : emptyItem());
  const [draft, setDraft] = useState<Draft | null>(id ? null : toDraft(emptyItem()));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [generating, setGenerating] = useState(false);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const nameInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  const backTo = () => go(id ? { name: 'item', id } : { name: 'list' });

  useEffect(() => {
    if (!id) return;
    let live = true;
    markBusy();
    call({ type: 'vault.get', id }).then(
      ({ createdAt: _c, updatedAt: _u, ...item }) => {
        if (!live) return;
        setBase(item);
        setDraft(toDraft(item));
      },
      (err) => live && setError(describeError(err)),
    );
    return () => {
      live = false;
    };
  }, [id]);

  const loaded = draft !== null;
  useLayoutEffect(() => {
    if (!loaded || generating) return;
    markReady('edit');
  }, [loaded, generating]);
  useLayoutEffect(() => {
    if (loaded) nameInput.current?.focus();
  }, [loaded]);
  // Back from the generator, the cursor returns to the password it filled in.
  const usedGenerator = useRef(false);
  useLayoutEffect(() => {
    if (generating) usedGenerator.current = true;
    else if (usedGenerator.current) passwordInput.current?.focus();
  }, [generating]);

  const dirty = base !== null && draft !== null && !sameDraft(toDraft(base), draft);
  function leave() {
    if (dirty) setConfirmDiscard(true);
    else backTo();
  }
  useEscape(generating || confirmDiscard ? null : leave);

  function update<K extends keyof Draft>(key: K, value: Draft[K]) {
    setDraft((d) => (d ? { ...d, [key]: value } : d));
    setError(null);
  }

  async function save(event: Event) {
    event.preventDefault();
    if (!draft || !base || saving) return;
    const urls = parseUrlLines(draft.urls);
    const problem = urlProblem(urls);
    if (problem) {
      setError(
        problem.kind === 'too-many'
          ? t('edit_error_too_many_urls', problem.max)
          : t('edit_error_url_too_long', [problem.line, problem.max]),
      );
      return;
    }
    // A login without a name is named after its website, as people would name it themselves.
    const name = draft.name.trim() || (urls[0] ? displayHost(urls[0]) : '');
    if (!name) {
      setError(t('edit_error_name'));
      nameInput.current?.focus();
      return;
    }
    const item: PageItemInput = {
      ...base,
      name,
      username: draft.username,
      password: draft.password,
      urls,
      notes: draft.notes,
      totp: draft.totp.trim(),
      match: draft.match,
    };
    setSaving(true);
    try {
      const saved = await call({ type: 'vault.put', item });
      await refreshList();
      go({ name: 'item', id: saved.id });
    } catch (err) {
      setSaving(false);
      setError(describeError(err));
    }
  }

  if (generating) {
    return (
      <LazyGenerator
        onBack={() => {
          setGenerating(false);
        }}
        onUse={(password) => {
          update('password', password);
          setGenerating(false);
        }}
      />
    );
  }

  return (
    <main class="screen detail-screen" aria-busy={!loaded || saving}>
      <form class="edit-form" onSubmit={save} noValidate>
        <header class="toolbar">
          <IconButton icon="back" label={t('action_back')} onClick={leave} />
          <h1 class="toolbar-title">{id ? t('edit_title') : t('add_title')}</h1>
          <button type="submit" class="button primary" disabled={!loaded || saving}>
            {saving ? t('edit_saving') : t('action_save')}
          </button>
        </header>
        {draft && (
          <div class="content stack">
            <div class="field">
              <label for="edit-name">{t('field_name')}</label>
              <input
                id="edit-name"
                ref={nameInput}
                class="input"
                value={draft.name}
                maxLength={LIMITS.name}
                autoComplete="off"
                onInput={(e) => update('name', e.currentTarget.value)}
              />
            </div>
            <div class="field">
              <label for="edit-username">{t('field_username')}</label>
              <input
                id="edit-username"
                class="input"
                value={draft.username}
                maxLength={LIMITS.username}
                autoComplete="off"
                spellcheck={false}
                autoCapitalize="off"
                onInput={(e) => update('username', e.currentTarget.value)}
              />
            </div>
            <div class="field">
              <label for="edit-password">{t('field_password')}</label>
              <div class="input-with-action">
                <PasswordInput
                  id="edit-password"
                  inputRef={passwordInput}
                  value={draft.password}
                  onValue={(value) => update('password', value)}
                  autoComplete="new-password"
                  maxLength={LIMITS.password}
                />
                <button type="button" class="button" onClick={() => setGenerating(true)}>
                  <Icon name="dice" size={18} />
                  {t('action_generate')}
                </button>
              </div>
            </div>
            <OtpField value={draft.totp} onValue={(value) => update('totp', value)} />
            <div class="field">
              <label for="edit-urls">{t('field_urls')}</label>
              <textarea
                id="edit-urls"
                class="input mono"
                rows={3}
                value={draft.urls}
                spellcheck={false}
                aria-describedby="edit-urls-hint"
                onInput={(e) => update('urls', e.currentTarget.value)}
              />
              <p id="edit-urls-hint" class="hint">
                {t('edit_urls_hint')}
              </p>
            </div>
            <div class="field">
              <label for="edit-match">{t('field_match')}</label>
              <select
                id="edit-match"
                class="input"
                value={draft.match}
                aria-describedby="edit-match-hint"
                onChange={(e) => update('match', e.currentTarget.value as UrlMatch)}
              >
                {(Object.keys(MATCH_LABELS) as UrlMatch[]).map((match) => (
                  <option key={match} value={match}>
                    {t(MATCH_LABELS[match])}
                  </option>
                ))}
              </select>
              <p id="edit-match-hint" class="hint">
                {t(`${MATCH_LABELS[draft.match]}_hint` as MessageKey)}
              </p>
            </div>
            <div class="field">
              <label for="edit-notes">{t('field_notes')}</label>
              <textarea
                id="edit-notes"
                class="input"
                rows={4}
                value={draft.notes}
                maxLength={LIMITS.notes}
                onInput={(e) => update('notes', e.currentTarget.value)}
              />
            </div>
          </div>
        )}
        <p class="error form-error" role="alert">
          {error}
        </p>
      </form>
      {confirmDiscard && (
        <ConfirmDialog
          title={t('discard_title')}
          message={t('discard_message')}
          confirmLabel={t('action_discard')}
          cancelLabel={t('action_keep_editing')}
          danger
          onConfirm={backTo}
          onCancel={() => setConfirmDiscard(false)}
        />
      )}
    </main>
  );
}
