/**
 * The welcome page: what a person sees right after installing Tessera.
 *   empty     create the vault here (the options page's form), or restore a backup in options
 *   created   the vault is ready: where the toolbar button is, how to pin it, what to set up next
 *   existing  this browser already has a vault (a restored profile, a reinstall over kept data):
 *             it says so and offers no creation, only the same directions
 * body[data-ready] names the state shown, for tests. Nothing secret is kept here: the password
 * typed into the form goes to the background in one request and the page keeps only the state.
 */

import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { request } from '../../src/messages/client';
import { Brand } from '../../src/ui/components/Brand';
import { CreateVaultForm } from '../../src/ui/components/CreateVaultForm';
import { Icon } from '../../src/ui/components/icons';
import { describeError } from '../../src/ui/errors';
import { t } from '../../src/ui/i18n';
import { NextSteps } from './NextSteps';

type Shown = 'loading' | 'failed' | 'empty' | 'created' | 'existing';

export function App() {
  const [shown, setShown] = useState<Shown>('loading');
  const [failure, setFailure] = useState<unknown>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  async function load() {
    setShown('loading');
    try {
      const status = await request<'vault.status'>({ type: 'vault.status' });
      setShown(status.state === 'empty' ? 'empty' : 'existing');
    } catch (err) {
      setFailure(err);
      setShown('failed');
    }
  }

  useEffect(() => void load(), []);

  useLayoutEffect(() => {
    if (shown === 'loading') delete document.body.dataset.ready;
    else document.body.dataset.ready = `welcome-${shown}`;
    // The vault just made is a new page for a screen reader: say so by moving focus to its heading.
    if (shown === 'created') heading.current?.focus();
  }, [shown]);

  if (shown === 'loading') return <main class="welcome" aria-busy="true" aria-label={t('loading')} />;
  if (shown === 'failed') {
    return (
      <main class="welcome">
        <h1 class="title">{t('failed_title')}</h1>
        <p class="error" role="alert">
          {describeError(failure)}
        </p>
        <button type="button" class="button primary" onClick={() => void load()}>
          {t('action_retry')}
        </button>
      </main>
    );
  }

  return (
    <main class="welcome">
      <header class="welcome-header">
        <Brand />
        <h1 ref={heading} class="title" tabIndex={-1}>
          {shown === 'empty'
            ? t('welcome_title')
            : shown === 'created'
              ? t('welcome_created_title')
              : t('welcome_existing_title')}
        </h1>
        <p class="lead">
          {shown === 'empty'
            ? t('welcome_intro')
            : shown === 'created'
              ? t('welcome_created_intro')
              : t('welcome_existing_intro')}
        </p>
      </header>
      {shown === 'empty' ? (
        <section class="card" aria-labelledby="welcome-create-title">
          <h2 id="welcome-create-title" class="card-title">
            {t('options_create_title')}
          </h2>
          <p class="lead">{t('create_intro')}</p>
          <CreateVaultForm
            id="welcome-create"
            create={async (password) => {
              await request<'vault.create'>({ type: 'vault.create', password });
              setShown('created');
            }}
          />
          <div class="notice warning" role="note">
            <Icon name="warning" />
            <p>{t('create_recovery_warning')}</p>
          </div>
          <p>
            <a href="/options.html#restore">{t('welcome_restore_link')}</a>
          </p>
        </section>
      ) : (
        <NextSteps />
      )}
    </main>
  );
}
