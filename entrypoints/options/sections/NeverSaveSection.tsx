/**
 * The sites answered "Never for this site" in the save prompt (src/autofill/never-save.ts), each
 * with a Remove button, so a mis-click there is not permanent. Shown locked and unlocked: the list
 * holds origins only, and the background serves it without the vault.
 *
 * No confirmation before Remove: it is undone by answering "Never" again, and it changes nothing
 * in the vault. The list is reloaded whenever the page is shown again, since the answer it lists is
 * given in another tab.
 */

import { useEffect, useRef, useState } from 'preact/hooks';
import { FormMessages } from '../../../src/ui/components/FormMessages';
import { describeError } from '../../../src/ui/errors';
import { t } from '../../../src/ui/i18n';
import { originLabel, sortOrigins } from '../../../src/ui/urls';
import { Section } from '../components/Section';
import { ask } from '../state';

const ID = 'never-save';

export function NeverSaveSection() {
  const [origins, setOrigins] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  /** The origin whose removal is on its way; other clicks wait for it. */
  const [pending, setPending] = useState<string | null>(null);
  /** After a removal: the index of the row whose button takes the focus (the removed one's place). */
  const focusRow = useRef<number | null>(null);
  const list = useRef<HTMLUListElement>(null);

  /** Reads the list again; false (and the reason shown) if the background did not give it. */
  async function load(): Promise<boolean> {
    try {
      const reply = await ask({ type: 'neverSave.list' });
      setOrigins(sortOrigins(reply.origins));
      return true;
    } catch (err) {
      setError(t('options_neversave_load_failed', describeError(err)));
      return false;
    }
  }

  useEffect(() => {
    void load();
    const reload = () => {
      if (document.visibilityState === 'visible') void load();
    };
    document.addEventListener('visibilitychange', reload);
    return () => document.removeEventListener('visibilitychange', reload);
  }, []);

  // The removed row's button had the focus; hand it to the row now in its place (or the last one),
  // or to the heading when the list is empty, so a keyboard user is not thrown back to the page top.
  useEffect(() => {
    const row = focusRow.current;
    if (row === null || origins === null) return;
    focusRow.current = null;
    const buttons = list.current?.querySelectorAll('button') ?? [];
    const target = buttons[Math.min(row, buttons.length - 1)] ?? document.getElementById(`${ID}-title`);
    target?.focus();
  }, [origins]);

  async function remove(origin: string, row: number): Promise<void> {
    if (pending) return;
    setPending(origin);
    setError(null);
    setDone(null);
    const label = originLabel(origin);
    try {
      await ask({ type: 'neverSave.remove', origin });
      setDone(t('options_neversave_removed', label));
      focusRow.current = row;
      if (!(await load())) focusRow.current = null;
    } catch (err) {
      setError(t('options_neversave_remove_failed', [label, describeError(err)]));
    } finally {
      setPending(null);
    }
  }

  function retry(): void {
    setError(null);
    void load();
  }

  return (
    <Section id={ID} title={t('options_neversave_title')} intro={t('options_neversave_intro')}>
      {origins === null ? (
        !error && <p class="hint">{t('loading')}</p>
      ) : origins.length === 0 ? (
        <p>{t('options_neversave_empty')}</p>
      ) : (
        <ul ref={list} class="records" aria-labelledby={`${ID}-title`}>
          {origins.map((origin, row) => {
            const label = originLabel(origin);
            return (
              <li key={origin} class="record" data-origin={origin}>
                <span class="record-text record-title">{label}</span>
                <button
                  type="button"
                  class="button"
                  aria-label={t('options_neversave_remove_named', label)}
                  // Not `disabled`: disabling the focused button would drop the keyboard focus.
                  aria-disabled={pending !== null}
                  aria-busy={pending === origin}
                  onClick={() => void remove(origin, row)}
                >
                  {t('options_neversave_remove')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <FormMessages id={ID} error={error} done={done} />
      {error && origins === null && (
        <button type="button" class="button" onClick={retry}>
          {t('action_retry')}
        </button>
      )}
    </Section>
  );
}
