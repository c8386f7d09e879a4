/**
 * The logins for the page in the active tab, above the full list, each with Fill; and the
 * confirmation the background asks for before filling a frame or form of another site.
 *
 * Safety fact: the confirmation names the origin the login would go to, exactly as the
 * background reported it; Fill anyway confirms only that origin.
 */

import { useEffect } from 'preact/hooks';
import { t } from '../../src/ui/i18n';
import { confirmPending, fillItem, filling, loadTabMatches, pendingConfirm, tabMatches } from './autofill';

export function TabMatches() {
  useEffect(() => {
    void loadTabMatches();
  }, []);
  const matches = tabMatches.value?.matches ?? [];
  if (matches.length === 0 && !pendingConfirm.value) return null;
  return (
    <section class="tab-matches" aria-label={t('autofill_matches_label')}>
      <ConfirmFill />
      <ul class="tab-match-list">
        {matches.map((match) => (
          <li key={match.id} class="tab-match">
            <span class="row-text">
              <span class="row-title">{match.name || t('item_untitled')}</span>
              {match.username && <span class="row-sub">{match.username}</span>}
            </span>
            <FillButton itemId={match.id} name={match.name || t('item_untitled')} />
          </li>
        ))}
      </ul>
    </section>
  );
}

export function FillButton({ itemId, name }: { itemId: string; name: string }) {
  return (
    <button
      type="button"
      class="button primary"
      aria-label={t('autofill_fill_named', name)}
      disabled={filling.value}
      onClick={() => void fillItem(itemId)}
    >
      {t('autofill_fill')}
    </button>
  );
}

/**
 * Whether the item view offers Fill: whenever there is a web page to fill. The background decides
 * per frame whether the item may go there (a login for a cross-origin iframe's site is not among
 * the top page's matches, but may fill that frame after a confirmation).
 */
export function canFill(): boolean {
  return tabMatches.value !== null;
}

export function ConfirmFill() {
  const pending = pendingConfirm.value;
  if (!pending) return null;
  const text =
    pending.code === 'confirm-frame'
      ? t('autofill_confirm_frame', pending.origin)
      : t('autofill_confirm_action', pending.origin);
  return (
    <div class="notice warning" role="alertdialog" aria-label={t('autofill_confirm_title')}>
      <div class="notice-body">
        <p>{text}</p>
        <div class="confirm-actions">
          <button type="button" class="button" onClick={() => (pendingConfirm.value = null)}>
            {t('action_cancel')}
          </button>
          <button type="button" class="button danger" onClick={() => void confirmPending()}>
            {t('autofill_fill_anyway')}
          </button>
        </div>
      </div>
    </div>
  );
}
