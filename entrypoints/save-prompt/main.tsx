/**
 * The save prompt (issue 5, part 5): an extension page the content script frames at the top right
 * of a page after a login was submitted (src/autofill/content/extension-frame.ts). It asks the
 * background for its offer and sends back the person's answer.
 *
 * Safety facts: the page around this frame cannot read it (another origin, in a closed shadow
 * root). The offer holds the site and username only: the password stays in the background. The
 * buttons accept input only while the browser reports the frame as fully visible (Intersection
 * Observer v2), so a page cannot lay something over the prompt and trick a click through it, and,
 * in every browser, only after the prompt has been visible and unchanged for MIN_VISIBLE_MS: the
 * inline menu's guard (src/autofill/menu-guard.ts), whose clock restarts when the prompt appears,
 * changes what it shows (the unlocked view after Continue), resizes or becomes visible again, and
 * on a click that came too soon, so a page cannot slip the prompt under a click it provoked.
 */

import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { createMenuGuard, MIN_VISIBLE_MS } from '../../src/autofill/menu-guard';
import { request } from '../../src/messages/client';
import type { OfferAction, OfferView } from '../../src/messages/protocol';
import { observeVisibility, TRACKS_VISIBILITY } from '../../src/ui/frame-visibility';
import { t } from '../../src/ui/i18n';
import './style.css';

/** Each view's heading. */
const TITLES: Record<OfferView['kind'], (view: OfferView) => string> = {
  save: () => t('savePrompt_saveTitle'),
  update: (view) => t('savePrompt_updateTitle', view.itemName ?? view.host),
  locked: () => t('savePrompt_lockedTitle'),
  saved: (view) => t('savePrompt_savedTitle', view.itemName ?? view.host),
  unsure: () => t('savePrompt_unsureTitle'),
};

/** The primary button of the views that can write. */
const PRIMARY: Record<'save' | 'update' | 'locked', () => string> = {
  save: () => t('savePrompt_save'),
  update: () => t('savePrompt_update'),
  locked: () => t('savePrompt_continue'),
};

/** The one-time token the content script put in this frame's URL fragment. */
const token = location.hash.slice(1);

type State = { kind: 'loading' } | { kind: 'offer'; view: OfferView } | { kind: 'error' } | { kind: 'saved' };

const guard = createMenuGuard({ now: () => performance.now(), tracksVisibility: TRACKS_VISIBILITY });

function Prompt() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [busy, setBusy] = useState(false);
  const [visible, setVisible] = useState(false);
  const [note, setNote] = useState('');
  /** Bumped whenever the guard's clock restarts. */
  const [clock, setClock] = useState(0);
  /**
   * The view that has now been shown for MIN_VISIBLE_MS. Compared with `state` in the render
   * itself, so a new view counts as too early from its first frame, before any effect has run.
   */
  const [shown, setShown] = useState<State | null>(null);
  const ready = shown === state;
  const restart = () => {
    guard.moved();
    setShown(null);
    setClock((n) => n + 1);
  };

  // Where the browser cannot tell (no Intersection Observer v2), in the viewport counts as visible.
  useEffect(
    () =>
      observeVisibility(document.body, [1], (r) => {
        const now = r.intersecting && (r.visible ?? true);
        if (TRACKS_VISIBILITY) guard.visibility(now);
        setVisible((before) => {
          if (now && !before) {
            setShown(null);
            setClock((n) => n + 1);
          }
          return now;
        });
      }),
    [],
  );
  // What the person sees changed (appeared, another view): the clock starts again.
  useEffect(restart, [state]);
  useEffect(() => {
    window.addEventListener('resize', restart);
    return () => window.removeEventListener('resize', restart);
  }, []);
  useEffect(() => {
    const timer = setTimeout(() => setShown(state), MIN_VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [clock, state]);
  useEffect(() => {
    request({ type: 'autofill.offer.get', token }).then(
      (view) => setState({ kind: 'offer', view }),
      () => setState({ kind: 'error' }),
    );
  }, []);

  /** A person's answer; `keyboard` (Escape) is not a click a page could provoke, so no clock. */
  const answer = async (action: OfferAction, keyboard = false) => {
    if (busy || !visible) return;
    // The guard's clock, and this render's own view of it (a view replaced under the pointer is
    // too early before the effect that restarts the clock has run).
    const refusal = keyboard ? null : (guard.check() ?? (ready ? null : 'too-soon'));
    if (refusal) {
      // Too soon restarts the clock: a rapid second click (a "double-click here" game) fails too.
      if (refusal === 'too-soon') restart();
      setNote(t('savePrompt_tooSoon'));
      return;
    }
    setNote('');
    setBusy(true);
    try {
      const reply = await request({ type: 'autofill.offer.resolve', token, action });
      // done: the background closes this frame; otherwise show what saving would now do.
      setState(reply.view ? { kind: 'offer', view: reply.view } : { kind: 'saved' });
    } catch {
      setState({ kind: 'error' });
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') void answer('dismiss', true);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  if (state.kind === 'loading') return <p class="note">{t('loading')}</p>;
  if (state.kind === 'error') return <p class="note">{t('savePrompt_gone')}</p>;
  if (state.kind === 'saved') return <p class="note">{t('savePrompt_done')}</p>;
  const { view } = state;
  const title = TITLES[view.kind](view);
  const disabled = busy || !visible;
  // Not `disabled`: a click too soon must still reach answer(), which restarts the clock.
  const early = ready ? undefined : 'true';
  // "saved" and "unsure" write nothing: one button closes them (see src/autofill/save-offer.ts).
  const primary = view.kind === 'saved' || view.kind === 'unsure' ? null : PRIMARY[view.kind]();
  return (
    <section aria-labelledby="prompt-title" aria-describedby="prompt-account">
      <h1 id="prompt-title">{title}</h1>
      <dl id="prompt-account">
        <dt>{t('savePrompt_site')}</dt>
        <dd>{view.host}</dd>
        <dt>{t('savePrompt_username')}</dt>
        <dd>{view.username || t('savePrompt_noUsername')}</dd>
        <dt>{t('savePrompt_password')}</dt>
        <dd>
          <span aria-hidden="true">••••••••</span>
          <span class="sr-only">{t('savePrompt_passwordHidden')}</span>
        </dd>
      </dl>
      {view.kind === 'locked' && <p class="hint">{t('savePrompt_lockedHint')}</p>}
      {view.kind === 'unsure' && <p class="hint">{t('savePrompt_unsureHint')}</p>}
      <div class="actions">
        {primary === null ? (
          <button
            type="button"
            class="primary"
            disabled={disabled}
            aria-disabled={early}
            onClick={() => answer('dismiss')}
          >
            {t('savePrompt_ok')}
          </button>
        ) : (
          <>
            <button
              type="button"
              class="primary"
              disabled={disabled}
              aria-disabled={early}
              onClick={() => answer('save')}
            >
              {primary}
            </button>
            <button type="button" disabled={disabled} aria-disabled={early} onClick={() => answer('dismiss')}>
              {t('savePrompt_notNow')}
            </button>
            <button
              type="button"
              class="quiet"
              disabled={disabled}
              aria-disabled={early}
              onClick={() => answer('never')}
            >
              {t('savePrompt_never')}
            </button>
          </>
        )}
      </div>
      <p class="status" role="status">
        {note}
      </p>
    </section>
  );
}

document.documentElement.lang = t('lang');
document.title = t('savePrompt_frameTitle');
render(<Prompt />, document.getElementById('app')!);
