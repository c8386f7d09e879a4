/**
 * The save prompt (issue 5, part 5): an extension page the content script frames at the top right
 * of a page after a login was submitted (src/autofill/content/extension-frame.ts). It asks the
 * background for its offer and sends back the person's answer.
 *
 * Safety facts: the page around this frame cannot read it (another origin, in a closed shadow
 * root). The offer holds the site and username only: the password stays in the background. The
 * buttons accept input only while the browser reports the frame as fully visible (Intersection
 * Observer v2), so a page cannot lay something over the prompt and trick a click through it.
 */

import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { request } from '../../src/messages/client';
import type { OfferAction, OfferView } from '../../src/messages/protocol';
import { observeVisibility } from '../../src/ui/frame-visibility';
import { t } from '../../src/ui/i18n';
import './style.css';

/** The one-time token the content script put in this frame's URL fragment. */
const token = location.hash.slice(1);

type State = { kind: 'loading' } | { kind: 'offer'; view: OfferView } | { kind: 'error' } | { kind: 'saved' };

function Prompt() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [busy, setBusy] = useState(false);
  const [visible, setVisible] = useState(false);

  // Where the browser cannot tell (no Intersection Observer v2), in the viewport counts as visible.
  useEffect(
    () => observeVisibility(document.body, [1], (r) => setVisible(r.intersecting && (r.visible ?? true))),
    [],
  );
  useEffect(() => {
    request({ type: 'autofill.offer.get', token }).then(
      (view) => setState({ kind: 'offer', view }),
      () => setState({ kind: 'error' }),
    );
  }, []);

  const answer = async (action: OfferAction) => {
    if (busy || !visible) return;
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
      if (event.key === 'Escape') void answer('dismiss');
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  if (state.kind === 'loading') return <p class="note">{t('loading')}</p>;
  if (state.kind === 'error') return <p class="note">{t('savePrompt_gone')}</p>;
  if (state.kind === 'saved') return <p class="note">{t('savePrompt_done')}</p>;
  const { view } = state;
  const title =
    view.kind === 'update'
      ? t('savePrompt_updateTitle', view.itemName ?? view.host)
      : view.kind === 'locked'
        ? t('savePrompt_lockedTitle')
        : t('savePrompt_saveTitle');
  const primary =
    view.kind === 'update'
      ? t('savePrompt_update')
      : view.kind === 'locked'
        ? t('savePrompt_continue')
        : t('savePrompt_save');
  const disabled = busy || !visible;
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
      <div class="actions">
        <button type="button" class="primary" disabled={disabled} onClick={() => answer('save')}>
          {primary}
        </button>
        <button type="button" disabled={disabled} onClick={() => answer('dismiss')}>
          {t('savePrompt_notNow')}
        </button>
        <button type="button" class="quiet" disabled={disabled} onClick={() => answer('never')}>
          {t('savePrompt_never')}
        </button>
      </div>
    </section>
  );
}

document.documentElement.lang = t('lang');
document.title = t('savePrompt_frameTitle');
render(<Prompt />, document.getElementById('app')!);
