/**
 * Turning sync on, in two steps: "Check the folder" (asks for the server's host permission, then
 * sync.inspect, which changes nothing), and after reading what will happen, "Upload" or "Join"
 * (sync.connect). A folder holding a different vault is refused here by name and offers no button.
 *
 * The host permission is asked first thing in the click handler: browsers grant a permission request
 * only from a user action, and an await before it would end that action.
 */

import { useEffect, useRef, useState } from 'preact/hooks';
import { BusyButton } from '../../../src/ui/components/BusyButton';
import { FormMessages } from '../../../src/ui/components/FormMessages';
import { type FormError, useFocusOnError } from '../../../src/ui/form-focus';
import { t } from '../../../src/ui/i18n';
import { askSync, type FolderPlan, type SyncCredentials } from '../../../src/ui/sync-client';
import { EMPTY_SERVER, type ServerField, SyncServerFields } from '../components/SyncServerFields';
import { askHostPermission, checkedServer } from '../sync-permission';
import { syncStatus } from '../sync-state';
import { describePlan, describeSyncError, serverFieldFor } from '../sync-text';

export function SyncConnectForm() {
  const [value, setValue] = useState<SyncCredentials>(EMPTY_SERVER);
  const [busy, setBusy] = useState<'check' | 'connect' | null>(null);
  const [error, setError] = useState<FormError<ServerField> | null>(null);
  /** What the last check found, for exactly the credentials it was made with. */
  const [plan, setPlan] = useState<{ plan: FolderPlan; server: SyncCredentials } | null>(null);
  const refs = {
    url: useRef<HTMLInputElement>(null),
    username: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
  };
  const planRef = useRef<HTMLDivElement>(null);
  useFocusOnError(error, refs);
  useEffect(() => {
    if (plan) planRef.current?.focus();
  }, [plan]);

  async function check(event: Event) {
    event.preventDefault();
    if (busy) return;
    setError(null);
    setPlan(null);
    const server = checkedServer(value);
    if ('error' in server) return setError(server.error);
    // Before any await: the permission prompt needs this click (see the module comment).
    const permission = askHostPermission(server.folder);
    setBusy('check');
    try {
      if (!(await permission)) {
        setError({ text: t('sync_permission_denied', server.folder.hostname), field: null });
        return;
      }
      const credentials = { ...value, url: server.folder.href };
      setPlan({ plan: await askSync('sync.inspect', credentials), server: credentials });
    } catch (err) {
      setError({ text: describeSyncError(err), field: serverFieldFor(err) });
    } finally {
      setBusy(null);
    }
  }

  async function connect() {
    if (busy || !plan) return;
    setBusy('connect');
    setError(null);
    try {
      syncStatus.value = await askSync('sync.connect', plan.server);
      setValue(EMPTY_SERVER);
      setPlan(null);
    } catch (err) {
      setError({ text: describeSyncError(err), field: null });
    } finally {
      setBusy(null);
    }
  }

  const view = plan ? describePlan(plan.plan) : null;
  return (
    <form class="stack" onSubmit={check} noValidate aria-busy={busy !== null}>
      <SyncServerFields
        id="sync"
        value={value}
        onValue={(next) => {
          setValue(next);
          setError(null);
          setPlan(null);
        }}
        refs={refs}
        invalid={error?.field ?? null}
        errorId="sync-connect-error"
        disabled={busy !== null}
      />
      <FormMessages id="sync-connect" error={error?.text ?? null} />
      {view ? (
        <div
          ref={planRef}
          tabIndex={-1}
          class={view.action ? 'notice info stack' : 'notice danger-notice stack'}
          data-testid="sync-plan"
          role="status"
        >
          <p>{view.text}</p>
          {view.warning && <p>{view.warning}</p>}
          <div class="actions">
            {view.action && (
              <BusyButton
                type="button"
                busy={busy === 'connect'}
                label={view.action}
                busyLabel={t('sync_connect_busy')}
                onClick={() => void connect()}
              />
            )}
            <button type="button" class="button" disabled={busy !== null} onClick={() => setPlan(null)}>
              {t('sync_cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div class="actions">
          <BusyButton
            busy={busy === 'check'}
            label={t('sync_check_button')}
            busyLabel={t('sync_check_busy')}
          />
        </div>
      )}
    </form>
  );
}
