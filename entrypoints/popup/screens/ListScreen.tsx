/**
 * The unlocked home screen: search box, the virtualized item list, and the actions (add, generator,
 * settings, lock). Works from the keyboard alone: the search box keeps focus, ArrowUp/ArrowDown move
 * the active row (announced with aria-activedescendant, the ARIA 1.2 combobox pattern), Enter opens
 * it, Escape clears the search.
 *
 * Performance: the sorted list exists when this renders; only the first screen of rows is built, and
 * the search haystacks are built just after the first paint (SearchIndex.prepare). The index may
 * hold only the first screen while the whole list loads (state.ts): then a query shows "Loading"
 * until the whole list is there and is answered from it, never from the first rows alone.
 */

import type { JSX } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import { IconButton } from '../../../src/ui/components/IconButton';
import { Icon } from '../../../src/ui/components/icons';
import { VirtualList } from '../../../src/ui/components/VirtualList';
import { t, tCount } from '../../../src/ui/i18n';
import { markListComplete, markReady } from '../../../src/ui/ready';
import { queryTerms, type SearchIndex } from '../../../src/ui/search';
import { lockVault, problems } from '../../../src/ui/state';
import { displayHost } from '../../../src/ui/urls';
import { clampIndex } from '../../../src/ui/virtual';
import type { ListEntry } from '../../../src/vault/types';
import { preloadScreens } from '../LazyScreens';
import { loadOtpMarks, otpMarked } from '../otp-marks';
import { flash, go, listActive, listQuery, listScrollTop } from '../route';
import { openSettings } from '../SettingsLink';
import { SyncLine } from '../SyncLine';
import { TabMatches } from '../TabMatches';

export const ROW_HEIGHT = 52;
const PAGE_ROWS = 8;
/** The notice lists this many damaged records by name; the rest are counted. */
const MAX_PROBLEMS_LISTED = 5;

export function ListScreen({ index }: { index: SearchIndex }) {
  const search = useRef<HTMLInputElement>(null);
  const query = listQuery.value;
  /** A query typed before the whole list is loaded waits for it. */
  const waiting = !index.complete && queryTerms(query).length > 0;
  const results = useMemo(() => (waiting ? [] : index.filter(query)), [index, query, waiting]);
  // Rows in the list: with no query, the whole list's count even while only the first screen is
  // loaded (the rows after it show as loading), so the scroll height, aria-setsize and the
  // keyboard's End and ArrowUp are right from the first frame.
  const count = queryTerms(query).length === 0 ? index.size : results.length;
  const active = listActive.value < 0 ? -1 : clampIndex(listActive.value, count);

  useLayoutEffect(() => {
    // Focus first: the list counts as ready once the search field takes typing.
    search.current?.focus();
    markReady('list');
  }, []);

  // Build the search haystacks once the first rows are on screen, not before; then ask which
  // items have a two-factor code (the background reads item records for that), and load the item
  // view's and editor's code, which this list opens. All once the whole list is there.
  useEffect(() => {
    if (!index.complete) return;
    markListComplete();
    const timer = setTimeout(() => {
      index.prepare();
      void loadOtpMarks();
      preloadScreens();
    }, 0);
    return () => clearTimeout(timer);
  }, [index]);

  function open(i: number) {
    const item = results[i];
    if (item) go({ name: 'item', id: item.id });
  }

  function onKeyDown(event: JSX.TargetedKeyboardEvent<HTMLElement>) {
    const inSearch = event.currentTarget === search.current;
    const last = count - 1;
    let next: number | null = null;
    switch (event.key) {
      case 'ArrowDown':
        next = active < 0 ? 0 : Math.min(last, active + 1);
        break;
      case 'ArrowUp':
        next = active < 0 ? last : Math.max(0, active - 1);
        break;
      case 'PageDown':
        next = Math.min(last, Math.max(0, active) + PAGE_ROWS);
        break;
      case 'PageUp':
        next = Math.max(0, active - PAGE_ROWS);
        break;
      case 'Home':
        if (!inSearch) next = 0;
        break;
      case 'End':
        if (!inSearch) next = last;
        break;
      case 'Enter':
        // With no active row, Enter opens the first match: type, Enter, done.
        event.preventDefault();
        open(Math.max(0, active));
        return;
      case 'Escape':
        if (listQuery.value) {
          // Clear the search instead of letting Escape close the popup.
          event.preventDefault();
          listQuery.value = '';
          listActive.value = -1;
        }
        return;
    }
    if (next !== null && count > 0) {
      event.preventDefault();
      listActive.value = next;
    }
  }

  const total = index.size;
  const damaged = problems.value.length;

  return (
    <main class="screen list-screen">
      <h1 class="visually-hidden">{t('list_title')}</h1>
      <header class="toolbar">
        <div class="search">
          <Icon name="search" size={18} />
          <input
            ref={search}
            type="search"
            class="input search-input"
            role="combobox"
            aria-label={t('search_label')}
            placeholder={t('search_placeholder')}
            aria-controls="item-list"
            aria-expanded="true"
            aria-autocomplete="list"
            aria-activedescendant={active >= 0 ? optionId(active) : undefined}
            autoComplete="off"
            spellcheck={false}
            value={query}
            onInput={(e) => {
              listQuery.value = e.currentTarget.value;
              listActive.value = -1;
              flash.value = '';
            }}
            onKeyDown={onKeyDown}
          />
        </div>
        <IconButton icon="dice" label={t('action_generator')} onClick={() => go({ name: 'generator' })} />
        <IconButton icon="settings" label={t('action_open_settings')} onClick={openSettings} />
        <IconButton icon="help" label={t('action_help')} onClick={() => go({ name: 'help' })} />
        <IconButton icon="lock" label={t('action_lock')} onClick={() => void lockVault()} />
      </header>

      {damaged > 0 && (
        <div class="notice warning" role="status">
          <Icon name="warning" />
          <div class="notice-body">
            <p>{tCount(damaged, 'problems_one', 'problems_other')}</p>
            <details>
              <summary>{t('problems_details')}</summary>
              <ul>
                {problems.value.slice(0, MAX_PROBLEMS_LISTED).map((problem) => (
                  <li key={problem.recordId}>{problem.message}</li>
                ))}
                {damaged > MAX_PROBLEMS_LISTED && (
                  <li>{t('problems_more', damaged - MAX_PROBLEMS_LISTED)}</li>
                )}
              </ul>
            </details>
          </div>
          <IconButton
            icon="close"
            class="dismiss"
            label={t('action_dismiss')}
            onClick={() => (problems.value = [])}
          />
        </div>
      )}

      {!query.trim() && <TabMatches />}

      {waiting ? (
        <div id="item-list" class="empty-state" role="status" aria-busy="true">
          <p>{t('loading')}</p>
        </div>
      ) : count > 0 ? (
        <VirtualList
          id="item-list"
          label={t('list_label')}
          count={count}
          rowHeight={ROW_HEIGHT}
          activeIndex={active}
          optionId={optionId}
          rowKey={(i) => results[i]?.id ?? `loading-${i}`}
          renderRow={(i) => {
            const item = results[i];
            return item ? <Row item={item} /> : <LoadingRow />;
          }}
          onPick={open}
          onKeyDown={onKeyDown}
          initialScrollTop={listScrollTop.peek()}
          onScrollTop={(top) => {
            listScrollTop.value = top;
          }}
        />
      ) : (
        <div id="item-list" class="empty-state" role="status">
          {total === 0 ? (
            <>
              <p class="empty-title">{t('list_empty_title')}</p>
              <p class="hint">{t('list_empty_hint')}</p>
            </>
          ) : (
            <p>{t('list_no_match', query.trim())}</p>
          )}
        </div>
      )}

      <p class="flash" role="status">
        {flash.value}
      </p>
      <SyncLine />
      <footer class="statusbar">
        <span class="count" aria-live="polite">
          {query.trim() && !waiting
            ? t('list_count_filtered', [results.length, total])
            : tCount(total, 'list_count_one', 'list_count_other')}
        </span>
        <button type="button" class="button primary" onClick={() => go({ name: 'edit', id: null })}>
          <Icon name="plus" size={18} />
          {t('action_add_item')}
        </button>
      </footer>
    </main>
  );
}

function optionId(i: number): string {
  return `item-option-${i}`;
}

function Row({ item }: { item: ListEntry }) {
  const name = item.name || t('item_untitled');
  const sub = item.username || (item.urls[0] ? displayHost(item.urls[0]) : '');
  return (
    <>
      <span class="avatar" aria-hidden="true">
        {initial(name)}
      </span>
      <span class="row-text">
        <span class="row-title">{name}</span>
        {sub && <span class="row-sub">{sub}</span>}
      </span>
      {otpMarked.value.has(item.id) && (
        <span class="list-otp-mark" title={t('list_has_otp')} data-testid="otp-mark">
          <Icon name="timer" size={16} />
          <span class="visually-hidden">{t('list_has_otp')}</span>
        </span>
      )}
      {item.hasPasskey && (
        <span class="row-mark" title={t('list_has_passkey')}>
          <Icon name="passkey" size={16} />
          <span class="visually-hidden">{t('list_has_passkey')}</span>
        </span>
      )}
    </>
  );
}

/** A row of the whole list that has not loaded yet (the first screen is shown: state.ts). */
function LoadingRow() {
  return (
    <span class="row-text">
      <span class="row-sub">{t('loading')}</span>
    </span>
  );
}

function initial(name: string): string {
  const first = [...name.trim()][0];
  return first ? first.toUpperCase() : '?';
}
