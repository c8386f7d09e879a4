/**
 * The passkeys of an item, in the item view: site (RP ID), user name and when each was made, with
 * Delete after a confirmation. Deleting saves the item without that passkey through vault.put, the
 * same save as an edit (session.withVault in the background), which keeps the other passkeys by
 * their credential ids; the page never holds a private key (src/passkeys/item-passkeys.ts).
 */

import { useState } from 'preact/hooks';
import { ConfirmDialog } from '../../src/ui/components/ConfirmDialog';
import { IconButton } from '../../src/ui/components/IconButton';
import { Icon } from '../../src/ui/components/icons';
import { describeError } from '../../src/ui/errors';
import { t } from '../../src/ui/i18n';
import { call, refreshList } from '../../src/ui/state';
import type { PageItem, PasskeyView } from '../../src/vault/types';

interface Props {
  item: PageItem;
  /** The item as saved after a deletion. */
  onSaved(item: PageItem): void;
  /** A line for the item view's status region. */
  onStatus(text: string): void;
}

export function PasskeyList({ item, onSaved, onStatus }: Props) {
  const [confirming, setConfirming] = useState<PasskeyView | null>(null);
  const [busy, setBusy] = useState(false);
  const passkeys = item.passkeys ?? [];
  if (passkeys.length === 0) return null;

  async function remove(passkey: PasskeyView) {
    setConfirming(null);
    setBusy(true);
    try {
      const { createdAt: _c, updatedAt: _u, ...input } = item;
      const rest = passkeys.filter((p) => p.credentialId !== passkey.credentialId);
      const saved = await call({ type: 'vault.put', item: { ...input, passkeys: rest } });
      await refreshList();
      onSaved(saved);
      onStatus(t('passkey_deleted', passkey.rpId));
    } catch (err) {
      onStatus(describeError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <dl class="fields">
        <div class="field-row" data-testid="passkeys">
          <dt>{t('item_passkeys')}</dt>
          <dd>
            <ul class="passkey-list">
              {passkeys.map((p) => {
                const user = p.userName || p.userDisplayName || t('passkey_no_user');
                return (
                  <li key={p.credentialId} class="passkey-row">
                    <Icon name="passkey" size={18} />
                    <span class="row-text">
                      <span class="row-title">{p.rpId}</span>
                      <span class="row-sub">{user}</span>
                      <span class="row-sub">
                        {t('passkey_created', new Date(p.createdAt).toLocaleString())}
                      </span>
                    </span>
                    <IconButton
                      icon="trash"
                      label={t('passkey_delete_label', [user, p.rpId])}
                      disabled={busy}
                      onClick={() => setConfirming(p)}
                    />
                  </li>
                );
              })}
            </ul>
          </dd>
        </div>
      </dl>
      {confirming && (
        <ConfirmDialog
          title={t('passkey_delete_title')}
          message={t('passkey_delete_message', [
            confirming.rpId,
            confirming.userName || confirming.userDisplayName || t('passkey_no_user'),
          ])}
          confirmLabel={t('action_delete')}
          cancelLabel={t('action_cancel')}
          danger
          onConfirm={() => void remove(confirming)}
          onCancel={() => setConfirming(null)}
        />
      )}
    </>
  );
}
