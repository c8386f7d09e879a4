// The passkey dialog's view, built while its window opens (issue 18, passkey_assertion_ms): the
// dialog's first ask is answered from it, but never with more than the vault shows at that moment
// (a lock in between gives the locked view), only once (the ask after an unlock in the dialog builds
// it again), and not after the call has ended. Through the real service, ceremonies and session.
import { describe, expect, it, vi } from 'vitest';
import type { SenderInfo } from '../../../src/messages/sender';
import { createCeremonies } from '../../../src/passkeys/flow/ceremonies';
import { createPasskeyService } from '../../../src/passkeys/flow/service';
import { newPasskeyLogin } from '../../../src/passkeys/item-passkeys';
import { UnlockedVault } from '../../../src/vault/vault';
import { freshDb } from '../vault/helpers';
import { ORIGIN, RP_ID, register, registrationOptions } from './relying-party';
import { testSession } from './test-session';

vi.mock('wxt/browser', () => ({ browser: {} }));

const PW = 'passkey dialog view master password';
const SENDER: SenderInfo = { kind: 'content', tabId: 7, frameId: 0, url: `${ORIGIN}/login`, origin: ORIGIN };
const FRAME = { sandboxed: false };

/** A session holding one login with a passkey for RP_ID, and the service with fake dialog windows. */
async function setup() {
  const db = await freshDb();
  const session = testSession(async () => db);
  await session.create(PW);
  const { passkey } = await register();
  await session.withVault((vault) => vault.put(newPasskeyLogin(passkey, ORIGIN)));
  let opened: (token: string) => void = () => undefined;
  const windowOpened = new Promise<string>((resolve) => {
    opened = resolve;
  });
  const ceremonies = createCeremonies(
    {
      async open(token) {
        opened(token);
        return 1;
      },
      async close() {},
    },
    () => `token-${Math.random()}`,
  );
  const service = createPasskeyService({ session, ceremonies, now: Date.now, frames: async () => null });
  return { session, service, passkey, windowOpened };
}

const getRequest = () => ({
  requestId: 'get-1',
  options: { challenge: 'AAAAAAAAAAAAAAAAAAAAAA', rpId: RP_ID },
  frame: FRAME,
});

describe("the passkey dialog's view, prepared while its window opens", () => {
  it('answers the first ask with the passkeys the sign-in already read, reading no item again', async () => {
    const { service, passkey, windowOpened } = await setup();
    const reads = vi.spyOn(UnlockedVault.prototype, 'get');
    const call = service.get(getRequest(), SENDER);
    const token = await windowOpened;
    const readsBeforeAsk = reads.mock.calls.length;
    expect(readsBeforeAsk).toBeGreaterThan(0);

    const view = await service.view(token);
    expect(view).toMatchObject({ kind: 'get', state: 'unlocked', rpId: RP_ID, origin: ORIGIN });
    expect(view.passkeys?.map((p) => p.credentialId)).toEqual([passkey.credentialId]);
    expect(reads.mock.calls.length).toBe(readsBeforeAsk);

    // Taken once: the next ask (as after an unlock in the dialog) builds the view again.
    expect(await service.view(token)).toEqual(view);
    expect(reads.mock.calls.length).toBeGreaterThan(readsBeforeAsk);
    reads.mockRestore();

    await service.answer(token, { action: 'cancel' });
    expect(await call).toMatchObject({ kind: 'error', name: 'NotAllowedError' });
  });

  it('shows the locked view, with no passkey, when the vault locks before the dialog asks', async () => {
    const { session, service, windowOpened } = await setup();
    const call = service.get(getRequest(), SENDER);
    const token = await windowOpened;
    await session.lock('user');

    const view = await service.view(token);
    expect(view).toMatchObject({ kind: 'get', state: 'locked' });
    expect(view).not.toHaveProperty('passkeys');
    await service.answer(token, { action: 'cancel' });
    await call;
  });

  it('prepared while locked, shows what the vault holds once the person unlocked in the dialog', async () => {
    const { session, service, windowOpened } = await setup();
    await session.lock('user');
    const call = service.create(
      { requestId: 'create-1', options: await registrationOptions('grace@example.com'), frame: FRAME },
      SENDER,
    );
    const token = await windowOpened;
    expect(await service.view(token)).toMatchObject({ kind: 'create', state: 'locked' });

    await session.unlock(PW);
    const unlocked = await service.view(token);
    expect(unlocked).toMatchObject({ kind: 'create', state: 'unlocked', excluded: false });
    expect(unlocked.logins?.map((login) => login.name)).toEqual([RP_ID]);
    await service.answer(token, { action: 'cancel' });
    await call;
  });

  it('is refused once the call has ended, prepared or not', async () => {
    const { service, windowOpened } = await setup();
    const call = service.get(getRequest(), SENDER);
    const token = await windowOpened;
    await service.answer(token, { action: 'cancel' });
    await call;
    await expect(service.view(token)).rejects.toThrow(/This request has ended/);
  });
});
