/**
 * One item, decrypted: name, username, password (hidden until Show), its two-factor code
 * (OneTimeCode.tsx), websites, notes, custom fields (hidden ones masked) and passkeys
 * (PasskeyList), with copy buttons, Edit and Delete (after a confirmation).
 *
 * Safety fact: the decrypted item lives only in this component's state; leaving the screen or a
 * lock (which unmounts it) drops it. Masked values show a fixed number of dots, never the length.
 */

import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ConfirmDialog } from '../../../src/ui/components/ConfirmDialog';
import { IconButton } from '../../../src/ui/components/IconButton';
import { Icon } from '../../../src/ui/components/icons';
import { copyToClipboard } from '../../../src/ui/copy';
import { describeError } from '../../../src/ui/errors';
import { useEscape } from '../../../src/ui/escape';
import { t } from '../../../src/ui/i18n';
import { markBusy, markReady } from '../../../src/ui/ready';
import { call, refreshList } from '../../../src/ui/state';
import { safeHref } from '../../../src/ui/urls';
import type { PageItem } from '../../../src/vault/types';
import { fillMessage } from '../autofill';
import { OneTimeCode } from '../OneTimeCode';
import { PasskeyList } from '../PasskeyList';
import { flash, go } from '../route';
import { ConfirmFill, canFill, FillButton } from '../TabMatches';

export const MASK = '••••••••••';

export function ItemScreen({ id }: { id: string }) {
  const [item, setItem] = useState<PageItem | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEscape(() => go({ name: 'list' }));
  // A fill message from another item or the list does not belong here.
  useEffect(() => {
    fillMessage.value = '';
  }, []);

  useEffect(() => {
    let live = true;
    markBusy();
    call({ type: 'vault.get', id }).then(
      (loaded) => live && setItem(loaded),
      (err) => live && setError(describeError(err)),
    );
    return () => {
      live = false;
    };
  }, [id]);

  useLayoutEffect(() => {
    if (!item && !error) return;
    markReady('item');
    heading.current?.focus();
  }, [item, error]);

  async function copy(value: string, what: string) {
    try {
      const seconds = await copyToClipboard(value);
      setStatus(seconds > 0 ? t('copied_will_clear', [what, seconds]) : t('copied', what));
    } catch {
      setStatus(t('copy_failed'));
    }
  }

  async function remove() {
    setConfirmDelete(false);
    setDeleting(true);
    try {
      await call({ type: 'vault.delete', id });
      await refreshList();
      flash.value = t('item_deleted', item?.name || t('item_untitled'));
      go({ name: 'list' });
    } catch (err) {
      setDeleting(false);
      setStatus(describeError(err));
    }
  }

  const name = item?.name || t('item_untitled');
  return (
    <main class="screen detail-screen" aria-busy={!item && !error}>
      <header class="toolbar">
        <IconButton icon="back" label={t('action_back')} onClick={() => go({ name: 'list' })} />
        <h1 class="toolbar-title" tabIndex={-1} ref={heading}>
          {item ? name : error ? t('item_error_title') : t('loading')}
        </h1>
        {item && canFill() && <FillButton itemId={id} name={item.name || t('item_untitled')} />}
        {item && <IconButton icon="edit" label={t('action_edit')} onClick={() => go({ name: 'edit', id })} />}
      </header>

      <div class="content">
        <ConfirmFill />
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        {item && (
          <dl class="fields">
            <Field
              label={t('field_username')}
              value={item.username}
              onCopy={(v) => copy(v, t('field_username'))}
            />
            <Field
              label={t('field_password')}
              value={item.password}
              secret
              mono
              onCopy={(v) => copy(v, t('field_password'))}
            />
            {item.totp.trim() && (
              <OneTimeCode secret={item.totp} onCopy={(code) => copy(code, t('field_totp'))} />
            )}
            {item.urls.length > 0 && (
              <div class="field-row">
                <dt>{t('field_urls')}</dt>
                <dd>
                  <ul class="url-list">
                    {item.urls.map((url) => (
                      <li key={url}>
                        <UrlLink url={url} />
                      </li>
                    ))}
                  </ul>
                </dd>
              </div>
            )}
            {item.fields.map((field, i) => (
              <Field
                key={`${i}-${field.name}`}
                label={field.name || t('field_custom_unnamed')}
                value={field.value}
                secret={field.hidden}
                onCopy={(v) => copy(v, field.name || t('field_custom_unnamed'))}
              />
            ))}
            {item.notes && (
              <div class="field-row">
                <dt>{t('field_notes')}</dt>
                <dd class="notes">{item.notes}</dd>
              </div>
            )}
          </dl>
        )}
        {item && <PasskeyList item={item} onSaved={setItem} onStatus={setStatus} />}
        <p class="status-line" role="status">
          {status || fillMessage.value}
        </p>
      </div>

      {item && (
        <footer class="statusbar">
          <span class="hint">{t('item_updated', new Date(item.updatedAt).toLocaleString())}</span>
          <button
            type="button"
            class="button danger"
            disabled={deleting}
            onClick={() => setConfirmDelete(true)}
          >
            <Icon name="trash" size={18} />
            {t('action_delete')}
          </button>
        </footer>
      )}

      {confirmDelete && (
        <ConfirmDialog
          title={t('delete_title')}
          message={t('delete_message', name)}
          confirmLabel={t('action_delete')}
          cancelLabel={t('action_cancel')}
          danger
          onConfirm={() => void remove()}
          onCancel={() => setConfirmDelete(false)}
        />
      )}
    </main>
  );
}

interface FieldProps {
  label: string;
  value: string;
  secret?: boolean;
  mono?: boolean;
  onCopy(value: string): void;
}

function Field({ label, value, secret = false, mono = false, onCopy }: FieldProps) {
  const [shown, setShown] = useState(false);
  if (!value) return null;
  const visible = !secret || shown;
  return (
    <div class="field-row">
      <dt>{label}</dt>
      <dd class="field-value">
        <span class={`value ${mono || secret ? 'mono' : ''} ${visible ? '' : 'masked'}`}>
          {visible ? value : MASK}
        </span>
        <span class="field-actions">
          {secret && (
            <IconButton
              icon={shown ? 'eyeOff' : 'eye'}
              label={t('action_reveal', label)}
              aria-pressed={shown}
              onClick={() => setShown(!shown)}
            />
          )}
          <IconButton icon="copy" label={t('action_copy', label)} onClick={() => onCopy(value)} />
        </span>
      </dd>
    </div>
  );
}

function UrlLink({ url }: { url: string }) {
  const href = safeHref(url);
  if (!href) return <span class="value">{url}</span>;
  return (
    <a class="url" href={href} target="_blank" rel="noopener noreferrer">
      <span>{url}</span>
      <Icon name="external" size={14} />
    </a>
  );
}
