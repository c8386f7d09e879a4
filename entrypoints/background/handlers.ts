/**
 * Request handlers: each maps one protocol request to the session or vault. Validation of shape and
 * sender already happened in the router.
 *
 * Every write with the vault key runs on the Session's queue (session.withVault or
 * withConfirmedVault), so a lock waits for it; reads use session.vault(). Slow work that needs no
 * key (a backup's Argon2id) runs before the queued part, not inside it.
 *
 * Auto-lock: only a person's use of Tessera postpones it: 'session.activity' (real input on the
 * popup or options page) and a fill the person asked for (the popup's Fill, the shortcut, a click
 * in the inline menu). Requests a web page can cause (match counts, save offers, opening the
 * menu) never do.
 */

import type { FillService } from '../../src/autofill/fill-service';
import type { NeverSaveList } from '../../src/autofill/never-save';
import type { OfferService } from '../../src/autofill/offer-service';
import { fromBase64Url, toBase64Url } from '../../src/crypto/encoding';
import type { HealthService } from '../../src/health/service';
import { encodedList } from '../../src/messages/list-codec';
import type { KeyRecordView, Settings } from '../../src/messages/protocol';
import type { Handlers } from '../../src/messages/router';
import { keepStoredPasskeys, withoutPrivateKeys } from '../../src/passkeys/item-passkeys';
import type { Session } from '../../src/session/session';
import { createOtpMarks } from '../../src/totp/marks';
import { decryptBackup, encryptBackup } from '../../src/vault/backup';
import type { KeyRecordInfo } from '../../src/vault/vault';
import { backupImportReport, toVaultError } from './backup-report';
import { scheduleClipboardClear } from './clipboard';
import type { MenuRequest } from './inline-menu';
import { scanTabForOtp } from './otp-scan';
import type { PasskeyRequest } from './passkeys';
import type { SyncRequest } from './sync';

export interface HandlerDeps {
  session: Session;
  /** Postpones auto-lock (the caller checks that a person asked for what is being done). */
  touch(): Promise<void>;
  getSettings(): Promise<Settings>;
  setSettings(change: Partial<Settings>): Promise<Settings>;
  /** Wipes settings and other local non-vault state (reset local data). */
  clearLocalState(): Promise<void>;
  autofill: FillService;
  offers: OfferService;
  /** The sites answered "Never for this site", shared with the save offers (save-offers.ts). */
  neverSave: NeverSaveList;
  health: HealthService;
  /** The inline menu's requests (entrypoints/background/inline-menu.ts). */
  menu: Pick<Handlers, MenuRequest>;
  /** Passkey requests (entrypoints/background/passkeys.ts). */
  passkeys: Pick<Handlers, PasskeyRequest>;
  /** Sync requests (entrypoints/background/sync.ts). */
  sync: Pick<Handlers, SyncRequest>;
}

function view(r: KeyRecordInfo): KeyRecordView {
  return {
    id: r.id,
    kind: r.kind,
    createdAt: r.createdAt,
    ...(r.label !== undefined ? { label: r.label } : {}),
    ...(r.credentialId ? { credentialId: toBase64Url(r.credentialId) } : {}),
    ...(r.prfSalt ? { prfSalt: toBase64Url(r.prfSalt) } : {}),
  };
}

/** Reads that take the queue (to be ordered with a lock) but change nothing: no sync follows. */
const READ = { quiet: true } as const;

export function createHandlers({
  session,
  touch,
  getSettings,
  setSettings,
  clearLocalState,
  autofill,
  offers,
  neverSave,
  health,
  menu,
  passkeys,
  sync,
}: HandlerDeps): Handlers {
  const vault = () => session.vault();
  const otpMarks = createOtpMarks();
  /**
   * Runs `work` on the open vault after the master password was entered again. Required for
   * everything that creates a lasting way into the vault or a copy of it (recovery key, biometric
   * enrolment, backup file, plaintext export): being unlocked must not be enough to mint one.
   */
  const confirmed = session.withConfirmedVault.bind(session);
  /** A fill the person asked for counts as use of Tessera, whether or not it could fill. */
  const userFill = async <T>(fill: Promise<T>): Promise<T> => {
    try {
      return await fill;
    } finally {
      if (session.isUnlockedInMemory()) await touch();
    }
  };
  return {
    'vault.status': () => session.status(),
    'vault.create': (r) => session.create(r.password),
    'vault.unlock': (r) => session.unlock(r.password),
    'vault.lock': () => session.lock('user'),
    'vault.list': async () => {
      const encoded = encodedList(await vault());
      session.listServed();
      return { encoded };
    },
    'vault.get': async (r) => withoutPrivateKeys(await (await vault()).get(r.id)),
    // A page's save names passkeys by id; their keys come from the stored item, read on the queue.
    'vault.put': (r) =>
      session.withVault(async (open) => {
        const stored = r.item.id ? await open.get(r.item.id).catch(() => undefined) : undefined;
        return withoutPrivateKeys(await open.put(keepStoredPasskeys(r.item, stored)));
      }),
    'vault.putMany': async (r) => ({
      count: (await session.withVault((open) => open.putMany(r.items, { replace: r.replace }))).length,
    }),
    'vault.delete': async (r) => {
      await session.withVault((open) => open.delete(r.id));
      return null;
    },
    'vault.changePassword': async (r) => {
      await session.changePassword(r.current, r.next, r.cost ?? {});
      return null;
    },
    'vault.kdfCost': async () => {
      const records = await session.keyRecords();
      const cost = records.find((k) => k.kind === 'password')?.kdf;
      if (!cost) throw new Error('no password record');
      return cost;
    },
    'vault.reset': async () => {
      await session.reset();
      await clearLocalState();
      return session.status();
    },
    'keys.list': async () => ({ records: (await session.keyRecords()).map(view) }),
    'keys.remove': async (r) => {
      await session.withVault((open) => open.removeKeyRecord(r.id));
      return null;
    },
    'biometric.enrol': async (r) => {
      const enrolment = {
        credentialId: fromBase64Url(r.credentialId),
        prfSalt: fromBase64Url(r.prfSalt),
        prfOutput: fromBase64Url(r.prfOutput),
        label: r.label,
      };
      return view(await confirmed(r.current, (open) => open.enrolBiometric(enrolment, r.replaceIds)));
    },
    'biometric.unlock': (r) =>
      session.unlockWithBiometric(fromBase64Url(r.credentialId), fromBase64Url(r.prfOutput)),
    'biometric.setPassword': async (r) => {
      const proof = {
        kind: 'prf',
        credentialId: fromBase64Url(r.credentialId),
        prfOutput: fromBase64Url(r.prfOutput),
      } as const;
      await session.withVault((open) => open.setPassword(proof, r.next));
      return null;
    },
    'vault.exportItems': async (r) => {
      const { items, damaged } = await confirmed(r.password, (open) => open.allItems(), READ);
      return { items, damaged: damaged.length };
    },
    'recovery.create': async (r) => ({
      recoveryKey: await confirmed(r.current, (open) => open.createRecoveryKey()),
    }),
    'recovery.recover': (r) => session.recover(r.recoveryKey, r.next),
    'backup.export': async (r) => {
      const { items, damaged } = await confirmed(r.current, (open) => open.allItems(), READ);
      const text = await encryptBackup(items, r.password);
      const date = new Date().toISOString().slice(0, 10);
      return {
        fileName: `tessera-backup-${date}.json`,
        text,
        itemCount: items.length,
        damaged: damaged.length,
      };
    },
    'backup.import': async (r) => {
      await vault(); // locked: refused before the backup's Argon2id, not after
      const backup = await decryptBackup(r.text, r.password).catch(toVaultError);
      if (r.mode === 'preview') return backupImportReport(r.mode, backup, (await vault()).list());
      return session.withVault(async (open) => {
        const report = backupImportReport(r.mode, backup, open.list());
        await open.putMany(backup.items, { replace: r.mode === 'replace' });
        return report;
      });
    },
    'backup.restore': async (r) => {
      const backup = await decryptBackup(r.text, r.password).catch(toVaultError);
      return session.restore(backup.items, r.masterPassword);
    },
    'session.activity': async () => {
      if (session.isUnlockedInMemory() || (await session.status()).state === 'unlocked') await touch();
      return null;
    },
    'clipboard.clearLater': async (r) => {
      await scheduleClipboardClear(r.afterMs);
      return null;
    },
    'settings.get': () => getSettings(),
    'settings.set': (r) => setSettings(r.settings),
    // No vault() here: the list holds origins only and is managed while locked too.
    'neverSave.list': async () => ({ origins: await neverSave.load() }),
    'neverSave.remove': async (r) => {
      await neverSave.remove(r.origin);
      return null;
    },
    // In the vault's queue: it decrypts every item, so a lock waits for it rather than landing
    // half-way (and the next report after an unlock starts from a new vault's empty score cache).
    'health.report': async () => {
      const { passwordAgeDays } = await getSettings();
      return session.withVault((open) => health.report(open, passwordAgeDays), READ);
    },
    'otp.marked': async () => ({ ids: [...(await otpMarks(await vault()))] }),
    // Locked: refused before any capture (a code scanned now could not be saved anyway).
    'otp.scanTab': async (r) => {
      await vault();
      return scanTabForOtp(r.tabId);
    },
    'autofill.matchesForTab': (r) => autofill.matchesForTab(r.tabId),
    // The popup's Fill (extension pages only: the router checks the audience).
    'autofill.fill': (r) =>
      userFill(
        autofill.fill({
          tabId: r.tabId,
          itemId: r.itemId,
          pageUrl: r.pageUrl,
          ...(r.confirmFrameOrigin ? { confirmFrameOrigin: r.confirmFrameOrigin } : {}),
          ...(r.confirmActionOrigin ? { confirmActionOrigin: r.confirmActionOrigin } : {}),
        }),
      ),
    'autofill.fillNext': (r) => userFill(autofill.fillNext(r.tabId)),
    // The page, tab and frame are the sender's, as the browser reports them.
    'autofill.submitted': async (r, sender) => {
      if (sender.kind === 'content') {
        const { type: _type, ...values } = r;
        await offers.submitted(sender, values);
      }
      return null;
    },
    'autofill.offer.get': (r, sender) => offers.get(sender, r.token),
    'autofill.offer.resolve': (r, sender) => offers.resolve(sender, r.token, r.action),
    ...menu,
    ...passkeys,
    ...sync,
    // A click on an item in the inline menu: the menu page refuses clicks that are not the
    // person's (too soon after opening, untrusted), and a page cannot script a cross-origin frame.
    'autofill.menu.fill': (r, sender) => userFill(Promise.resolve(menu['autofill.menu.fill'](r, sender))),
  };
}
