/**
 * Tessera's passkey dialog (issue 16): an extension page the background opens in a popup window of
 * its own when a site calls navigator.credentials.create/get and Tessera can help
 * (src/passkeys/flow/ceremonies.ts). It shows who asks and lets the person save the new passkey
 * (into a new login or one they have for the site), choose a passkey to sign in with, unlock
 * first, or hand the call to another device or the browser's own WebAuthn.
 *
 * Safety facts: the person's click here is the user presence and verification of the ceremony. No
 * web page can reach this window (the page is not web-accessible), so no page can click for them;
 * and the buttons that answer act only on a trusted click (a mouse, or Enter/Space on the focused
 * button), never on a script's click() or dispatched event. The token in the URL fragment names the
 * one ceremony it answers. Unlocking is offered, never
 * needed for "Use another device or the browser's own", which is always one click.
 *
 * Loaded as a classic script of its own (entrypoints/passkey-dialog-app.ts), not a module of the
 * pages' shared chunk: see there why.
 */

import { render } from 'preact';
import { useLayoutEffect, useState } from 'preact/hooks';
import { request } from '../../src/messages/client';
import type { PasskeyDialogView } from '../../src/messages/protocol';
import type { DialogAnswer } from '../../src/passkeys/flow/ceremonies';
import { PasswordInput } from '../../src/ui/components/PasswordInput';
import { takeEarlyView } from '../../src/ui/early-view';
import { describeError } from '../../src/ui/errors';
import { t } from '../../src/ui/i18n';

const token = location.hash.slice(1);

/** A click handler that acts only on a person's click: a script's click() or dispatched event is not trusted. */
const personClick = (act: () => void) => (event: MouseEvent) => {
  if (event.isTrusted) act();
};

/**
 * What the dialog shows: at the first load, the answer the early script asked for while this
 * module loaded (src/ui/early-view.ts), if it was a view; otherwise, and at every later load, asked now.
 */
async function dialogView(): Promise<PasskeyDialogView> {
  const early = (await takeEarlyView()) as PasskeyDialogView | undefined;
  return early ?? request({ type: 'passkey.dialog.view', token });
}

type State =
  | { kind: 'loading' }
  | { kind: 'view'; view: PasskeyDialogView }
  | { kind: 'ended'; message: string };

function Dialog({ first }: { first: Promise<PasskeyDialogView> }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [busy, setBusy] = useState(false);

  const show = (view: Promise<PasskeyDialogView>) =>
    view.then(
      (view) => setState({ kind: 'view', view }),
      (err) => setState({ kind: 'ended', message: describeError(err) }),
    );
  const load = () => show(dialogView());
  // A layout effect: it runs as the first render commits. Preact runs a useEffect only after the
  // next animation frame, which every passkey sign-in waited for (~16-20 ms, issue 18) before it
  // even looked at the view that was there already.
  useLayoutEffect(() => {
    void show(first);
  }, []);

  const answer = async (choice: DialogAnswer) => {
    setBusy(true);
    try {
      await request({ type: 'passkey.dialog.answer', token, answer: choice });
      window.close();
    } catch (err) {
      setState({ kind: 'ended', message: describeError(err) });
    } finally {
      setBusy(false);
    }
  };

  if (state.kind === 'loading') return <main aria-busy="true">{t('loading')}</main>;
  if (state.kind === 'ended') {
    return (
      <main>
        <p role="alert">{state.message}</p>
      </main>
    );
  }
  const { view } = state;
  return (
    <main>
      <h1>
        {view.kind === 'create'
          ? t('passkeyDialog_createTitle', view.rpId)
          : t('passkeyDialog_getTitle', view.rpId)}
      </h1>
      <p class="origin" data-testid="passkey-origin">
        {view.topOrigin ? t('passkeyDialog_framedOrigin', [view.origin, view.topOrigin]) : view.origin}
      </p>
      {view.state === 'locked' ? (
        <Unlock onUnlocked={load} />
      ) : view.kind === 'create' ? (
        <Create view={view} busy={busy} onAnswer={answer} />
      ) : (
        <Choose view={view} busy={busy} onAnswer={answer} />
      )}
      <div class="actions">
        <button type="button" disabled={busy} onClick={personClick(() => answer({ action: 'native' }))}>
          {t('passkeyDialog_native')}
        </button>
        <button type="button" disabled={busy} onClick={personClick(() => answer({ action: 'cancel' }))}>
          {t('passkeyDialog_cancel')}
        </button>
      </div>
    </main>
  );
}

interface StepProps {
  view: PasskeyDialogView;
  busy: boolean;
  onAnswer(answer: DialogAnswer): void;
}

function Create({ view, busy, onAnswer }: StepProps) {
  const [target, setTarget] = useState('');
  if (view.excluded) {
    return (
      <>
        <p>{t('passkeyDialog_excluded')}</p>
        <button
          type="button"
          class="primary"
          disabled={busy}
          onClick={personClick(() => onAnswer({ action: 'save' }))}
        >
          {t('passkeyDialog_ok')}
        </button>
      </>
    );
  }
  const logins = view.logins ?? [];
  return (
    <>
      <p>{t('passkeyDialog_account', view.user?.name || view.user?.displayName || '')}</p>
      <fieldset>
        <legend>{t('passkeyDialog_saveInto')}</legend>
        <label>
          <input type="radio" name="target" checked={target === ''} onChange={() => setTarget('')} />
          {t('passkeyDialog_newLogin')}
        </label>
        {logins.map((login) => (
          <label key={login.id}>
            <input
              type="radio"
              name="target"
              checked={target === login.id}
              onChange={() => setTarget(login.id)}
            />
            {login.username ? `${login.name} (${login.username})` : login.name}
          </label>
        ))}
      </fieldset>
      <button
        type="button"
        class="primary"
        disabled={busy}
        onClick={personClick(() =>
          onAnswer(target ? { action: 'save', itemId: target } : { action: 'save' }),
        )}
      >
        {t('passkeyDialog_save')}
      </button>
    </>
  );
}

function Choose({ view, busy, onAnswer }: StepProps) {
  const passkeys = view.passkeys ?? [];
  if (passkeys.length === 0) return <p>{t('passkeyDialog_none')}</p>;
  return (
    <ul class="choices" aria-label={t('passkeyDialog_choose')}>
      {passkeys.map((passkey) => (
        <li key={passkey.credentialId}>
          <button
            type="button"
            class="primary"
            disabled={busy}
            onClick={personClick(() =>
              onAnswer({ action: 'use', itemId: passkey.itemId, credentialId: passkey.credentialId }),
            )}
          >
            {t('passkeyDialog_use', [passkey.userName || passkey.itemName, passkey.itemName])}
          </button>
        </li>
      ))}
    </ul>
  );
}

function Unlock({ onUnlocked }: { onUnlocked(): void }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      const status = await request({ type: 'vault.unlock', password });
      if (status.state === 'unlocked') onUnlocked();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit}>
      <p>{t('passkeyDialog_locked')}</p>
      <label for="passkey-master">{t('passkeyDialog_masterPassword')}</label>
      <PasswordInput
        id="passkey-master"
        value={password}
        onValue={setPassword}
        autoComplete="current-password"
      />
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="primary" disabled={busy || !password}>
        {t('passkeyDialog_unlock')}
      </button>
    </form>
  );
}

/**
 * Renders the dialog into the page's #app (entrypoints/passkey-dialog-app.ts runs this), its view
 * asked for (or the early request's taken) before the first render.
 */
export function mountDialog(): void {
  const root = document.getElementById('app');
  if (root) render(<Dialog first={dialogView()} />, root);
}
