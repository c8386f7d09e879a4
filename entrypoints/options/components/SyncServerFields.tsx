/**
 * The three fields that name a sync folder: its WebDAV address, the user name and the app password.
 * Used by "turn on sync" (SyncSection) and "join a synced vault" (JoinSyncSection).
 *
 * Safety fact: the app password field never autocompletes from or into the browser's own password
 * manager ('off'), and the page keeps it only until the request is sent.
 */

import type { RefObject } from 'preact';
import { t } from '../../../src/ui/i18n';
import type { SyncCredentials } from '../../../src/ui/sync-client';
import { PasswordField } from './PasswordField';

export type ServerField = 'url' | 'username' | 'password';

export const EMPTY_SERVER: SyncCredentials = { url: '', username: '', password: '' };

/** The first empty field, as a form error key, or null when all three are filled. */
export function missingServerField(value: SyncCredentials): ServerField | null {
  if (!value.url.trim()) return 'url';
  if (!value.username.trim()) return 'username';
  if (!value.password) return 'password';
  return null;
}

export const MISSING_TEXT = {
  url: 'sync_url_empty',
  username: 'sync_username_empty',
  password: 'sync_password_empty',
} as const;

export function SyncServerFields(props: {
  /** Prefix of the inputs' ids. */
  id: string;
  value: SyncCredentials;
  onValue(value: SyncCredentials): void;
  refs: Record<ServerField, RefObject<HTMLInputElement>>;
  invalid: ServerField | null;
  errorId: string;
  disabled: boolean;
}) {
  const { id, value, refs, invalid, disabled } = props;
  const set = (patch: Partial<SyncCredentials>) => props.onValue({ ...value, ...patch });
  return (
    <>
      <div class="field">
        <label for={`${id}-url`}>{t('sync_url_label')}</label>
        <input
          id={`${id}-url`}
          ref={refs.url}
          type="url"
          class="input mono"
          value={value.url}
          onInput={(e) => set({ url: e.currentTarget.value })}
          placeholder="https://"
          autoComplete="url"
          spellcheck={false}
          autoCapitalize="off"
          aria-describedby={`${id}-url-hint ${props.errorId}`}
          aria-invalid={invalid === 'url' ? 'true' : undefined}
          disabled={disabled}
        />
        <p id={`${id}-url-hint`} class="hint">
          {t('sync_url_hint')}
        </p>
      </div>
      <div class="field">
        <label for={`${id}-username`}>{t('sync_username_label')}</label>
        <input
          id={`${id}-username`}
          ref={refs.username}
          class="input"
          value={value.username}
          onInput={(e) => set({ username: e.currentTarget.value })}
          autoComplete="off"
          spellcheck={false}
          autoCapitalize="off"
          aria-describedby={props.errorId}
          aria-invalid={invalid === 'username' ? 'true' : undefined}
          disabled={disabled}
        />
      </div>
      <PasswordField
        label={t('sync_password_label')}
        id={`${id}-password`}
        inputRef={refs.password}
        value={value.password}
        onValue={(password) => set({ password })}
        autoComplete="off"
        describedBy={`${id}-password-hint ${props.errorId}`}
        invalid={invalid === 'password'}
        disabled={disabled}
        hint={
          <p id={`${id}-password-hint`} class="hint">
            {t('sync_password_hint')}
          </p>
        }
      />
    </>
  );
}
