/**
 * Vault health: the report the background computes (src/health), as groups of items with a link
 * that opens each one for editing (the popup page, `popup.html?edit=<id>`, in a new tab). No
 * password reaches this page: the report names items by name, username and first URL.
 *
 * Kept current without a reload: any change to the vault's list (an edit in the popup, here or in
 * another window) removes the list snapshot from storage.session, and that change asks for a new
 * report. While passwords are still being rated (zxcvbn is slow, see service.ts) the page asks
 * again until every one is, and says how many are left.
 */

import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { HealthEntry, HealthReport } from '../../../src/health/report';
import { LIST_SLOT } from '../../../src/messages/list-snapshot';
import { PASSWORD_AGE_CHOICES, type Settings } from '../../../src/messages/protocol';
import { describeError } from '../../../src/ui/errors';
import { type MessageKey, t, tCount } from '../../../src/ui/i18n';
import { Section } from '../components/Section';
import { ask } from '../state';

/** The groups in the order shown, each with its heading and the sentence saying why it matters. */
const GROUPS: readonly {
  id: string;
  title: MessageKey;
  why: MessageKey;
  entries: (r: HealthReport) => HealthEntry[];
}[] = [
  { id: 'weak', title: 'health_weak_title', why: 'health_weak_why', entries: (r) => r.weak },
  { id: 'old', title: 'health_old_title', why: 'health_old_why', entries: (r) => r.old },
  { id: 'insecure', title: 'health_insecure_title', why: 'health_insecure_why', entries: (r) => r.insecure },
  { id: 'no-url', title: 'health_nourl_title', why: 'health_nourl_why', entries: (r) => r.noUrl },
];

export function HealthSection() {
  const report = useHealthReport();
  const age = report.value?.maxAgeDays;
  if (report.error) {
    return (
      <Section id="health" title={t('health_title')} intro={t('health_intro')}>
        <p class="error" role="alert">
          {report.error}
        </p>
      </Section>
    );
  }
  const r = report.value;
  return (
    <Section id="health" title={t('health_title')} intro={t('health_intro')}>
      {!r ? (
        <p aria-busy="true">{t('health_loading')}</p>
      ) : (
        <>
          <p class="lead" role="status" data-testid="health-summary">
            {r.unrated > 0 ? tCount(r.unrated, 'health_rating_one', 'health_rating_other') : t('health_done')}
          </p>
          <div class="field">
            <label for="health-age">{t('settings_password_age')}</label>
            <select
              id="health-age"
              class="input select short-wide"
              value={String(age)}
              onChange={(e) =>
                void report.setAge(Number(e.currentTarget.value) as Settings['passwordAgeDays'])
              }
            >
              {PASSWORD_AGE_CHOICES.map((days) => (
                <option key={days} value={String(days)}>
                  {t('settings_password_age_days', days)}
                </option>
              ))}
            </select>
          </div>
          <HealthGroup
            id="reused"
            title={t('health_reused_title')}
            why={t('health_reused_why')}
            count={r.reused.reduce((n, g) => n + g.length, 0)}
          >
            {r.reused.map((group) => (
              <li key={group[0]!.id}>
                <p class="hint">
                  {tCount(group.length, 'health_reused_group_one', 'health_reused_group_other')}
                </p>
                <EntryList entries={group} />
              </li>
            ))}
          </HealthGroup>
          {GROUPS.map((group) => {
            const entries = group.entries(r);
            const title = group.id === 'old' ? t(group.title, r.maxAgeDays) : t(group.title);
            return (
              <HealthGroup
                key={group.id}
                id={group.id}
                title={title}
                why={t(group.why)}
                count={entries.length}
              >
                <li>
                  <EntryList entries={entries} />
                </li>
              </HealthGroup>
            );
          })}
        </>
      )}
    </Section>
  );
}

function HealthGroup(props: {
  id: string;
  title: string;
  why: string;
  count: number;
  children: preact.ComponentChildren;
}) {
  const headingId = `health-${props.id}-title`;
  return (
    <section class="health-group" aria-labelledby={headingId} data-testid={`health-${props.id}`}>
      <h3 id={headingId} class="subtitle">
        {props.title} <span class="badge health-count">{props.count}</span>
      </h3>
      <p class="hint">{props.count === 0 ? t('health_none') : props.why}</p>
      {props.count > 0 && <ul class="health-list">{props.children}</ul>}
    </section>
  );
}

function EntryList({ entries }: { entries: readonly HealthEntry[] }) {
  return (
    <ul class="records">
      {entries.map((entry) => (
        <li key={entry.id} class="record" data-item-id={entry.id}>
          <span class="record-text">
            <span class="record-title">{entry.name || t('item_untitled')}</span>
            <span class="hint">{[entry.username, entry.url].filter(Boolean).join(' · ')}</span>
          </span>
          <a
            class="button"
            href={`${browser.runtime.getURL('/popup.html')}?edit=${encodeURIComponent(entry.id)}`}
            target="_blank"
            rel="noopener"
            aria-label={t('health_edit_label', entry.name || t('item_untitled'))}
          >
            {t('action_edit')}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** The latest report; asks again while passwords are unrated and whenever the vault's list changes. */
function useHealthReport(): {
  value: HealthReport | null;
  error: string | null;
  setAge: (days: Settings['passwordAgeDays']) => Promise<void>;
} {
  const [value, setValue] = useState<HealthReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useRef<() => Promise<void>>(async () => undefined);
  async function setAge(days: Settings['passwordAgeDays']) {
    try {
      await ask({ type: 'settings.set', settings: { passwordAgeDays: days } });
      await reload.current();
    } catch (err) {
      setError(describeError(err));
    }
  }
  useEffect(() => {
    let stopped = false;
    let running = false;
    let again = false;
    async function load() {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        do {
          again = false;
          const next = await ask({ type: 'health.report' });
          if (stopped) return;
          setValue(next);
          setError(null);
          if (next.unrated > 0) again = true;
        } while (again && !stopped);
      } catch (err) {
        if (!stopped) setError(describeError(err));
      } finally {
        running = false;
      }
    }
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'session' && Object.hasOwn(changes, LIST_SLOT)) void load();
    };
    browser.storage.onChanged.addListener(onChanged);
    reload.current = load;
    void load();
    return () => {
      stopped = true;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, []);
  return { value, error, setAge };
}
