// Passkeys in the vault, through the background's real handlers: stored whole inside the sealed
// item, listed (RP IDs in the overview, a mark for pages), never handed to a page with the private
// key, kept by a page's edit, deleted only by a save that leaves them out; and alive after change
// password, reset + restore from backup, and the recovery key (each proven by a relying party
// verifying a sign-in with the stored key afterwards).
import { describe, expect, it, vi } from 'vitest';
import { decodeList } from '../../../src/messages/list-codec';
import { addPasskey, keepStoredPasskeys, newPasskeyLogin } from '../../../src/passkeys/item-passkeys';
import { openVaultDatabase } from '../../../src/vault/store';
import type { Item, StoredPasskey } from '../../../src/vault/types';
import { UnlockedVault } from '../../../src/vault/vault';
import { handlersFor, PAGE } from '../session/handlers-for';
import { expectEveryItem, frozenVaults, loadFrozen } from '../vault/fixtures-frozen';
import { freshDb, login } from '../vault/helpers';
import { authenticate, ORIGIN, register } from './relying-party';
import { testSession } from './test-session';

vi.mock('wxt/browser', () => ({ browser: {} }));

const PW = 'passkey vault master password';

/** A vault with one plain login and one login holding a passkey registered with the relying party. */
async function setup() {
  // Opened by name each time, as the background does, so a reset (which deletes it) can be followed.
  const first = await freshDb();
  const name = first.name;
  first.close(); // an open connection would hold up the reset's deleteDatabase
  const db = () => openVaultDatabase(name);
  const session = testSession(db);
  await session.create(PW);
  const h = handlersFor(session);
  const reg = await register();
  const publicKey = reg.verification.registrationInfo!.credential.publicKey;
  const saved = await session.withVault(async (vault) => {
    await vault.put(login(1));
    return vault.put(newPasskeyLogin(reg.passkey, ORIGIN));
  });
  return { db, session, h, passkey: reg.passkey, publicKey, itemId: saved.id };
}

/** The relying party accepts a sign-in with the passkey as the vault now stores it. */
async function expectSignsIn(item: Item, passkey: StoredPasskey, publicKey: Uint8Array<ArrayBuffer>) {
  const stored = item.passkeys?.find((p) => p.credentialId === passkey.credentialId);
  expect(stored).toEqual(passkey);
  const { verification } = await authenticate(stored!, publicKey, 0);
  expect(verification.verified).toBe(true);
}

describe('passkeys in the vault', () => {
  it('are stored inside the sealed item and indexed by RP ID, which survives a lock', async () => {
    const { db, session, passkey, publicKey, itemId } = await setup();
    const vault = await session.vault();
    expect(vault.list().find((o) => o.id === itemId)?.passkeyRpIds).toEqual(['example.com']);
    expect(vault.list().find((o) => o.name === 'Site 1')?.passkeyRpIds).toBeUndefined();
    await session.lock('user');
    const reopened = await UnlockedVault.unlockWithPassword(await db(), PW);
    expect(reopened.list().find((o) => o.id === itemId)?.passkeyRpIds).toEqual(['example.com']);
    await expectSignsIn(await reopened.get(itemId), passkey, publicKey);
    // Nothing of the key is stored in the clear.
    const raw = JSON.stringify(await (await db()).getAll('items'), (_k, v) =>
      v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v,
    );
    expect(raw).not.toContain(passkey.privateKey.slice(0, 40));
  });

  it('reach pages without their private key, and the list marks the item', async () => {
    const { h, passkey, itemId } = await setup();
    const item = await h['vault.get']({ type: 'vault.get', id: itemId }, PAGE);
    expect(item.passkeys).toHaveLength(1);
    expect(item.passkeys![0]).not.toHaveProperty('privateKey');
    expect(JSON.stringify(item)).not.toContain(passkey.privateKey);
    const { encoded } = await h['vault.list']({ type: 'vault.list' }, PAGE);
    expect(encoded).not.toContain(passkey.privateKey);
    const marks = decodeList(encoded).map((e) => [e.name, e.hasPasskey ?? false]);
    expect(marks).toEqual(
      expect.arrayContaining([
        ['example.com', true],
        ['Site 1', false],
      ]),
    );
  });

  it("survive a page's edit (which names them by id only) with their keys unchanged", async () => {
    const { h, session, passkey, publicKey, itemId } = await setup();
    const page = await h['vault.get']({ type: 'vault.get', id: itemId }, PAGE);
    const { createdAt: _c, updatedAt: _u, ...input } = page;
    const saved = await h['vault.put']({ type: 'vault.put', item: { ...input, notes: 'edited' } }, PAGE);
    expect(saved.notes).toBe('edited');
    expect(saved.passkeys![0]).not.toHaveProperty('privateKey');
    await expectSignsIn(await (await session.vault()).get(itemId), passkey, publicKey);
  });

  it('are deleted by a save that leaves them out, and the list mark goes with them', async () => {
    const { h, session, itemId } = await setup();
    const page = await h['vault.get']({ type: 'vault.get', id: itemId }, PAGE);
    const { createdAt: _c, updatedAt: _u, ...input } = page;
    const saved = await h['vault.put']({ type: 'vault.put', item: { ...input, passkeys: [] } }, PAGE);
    expect(saved.passkeys).toBeUndefined();
    const vault = await session.vault();
    expect((await vault.get(itemId)).passkeys).toBeUndefined();
    expect(vault.list().find((o) => o.id === itemId)?.passkeyRpIds).toBeUndefined();
    const { encoded } = await h['vault.list']({ type: 'vault.list' }, PAGE);
    expect(decodeList(encoded).some((e) => e.hasPasskey)).toBe(false);
  });

  it('cannot be added, re-keyed or moved by a page: only stored passkeys it names are kept', async () => {
    const { h, session, passkey, publicKey, itemId } = await setup();
    const other = (await register()).passkey;
    const page = await h['vault.get']({ type: 'vault.get', id: itemId }, PAGE);
    const { createdAt: _c, updatedAt: _u, ...input } = page;
    // A page sends a passkey the item does not hold, and a changed key and site for the one it does.
    const forged = [{ ...passkey, privateKey: other.privateKey, rpId: 'evil.example' }, other];
    await h['vault.put']({ type: 'vault.put', item: { ...input, passkeys: forged } }, PAGE);
    const stored = await (await session.vault()).get(itemId);
    expect(stored.passkeys).toEqual([passkey]);
    await expectSignsIn(stored, passkey, publicKey);
    // A new item from a page holds none, whatever it names.
    const { id: _id, ...fresh } = input;
    const made = await h['vault.put']({ type: 'vault.put', item: { ...fresh, passkeys: [other] } }, PAGE);
    expect(made.passkeys).toBeUndefined();
  });

  it('survive a change of master password', async () => {
    const { h, db, passkey, publicKey, itemId } = await setup();
    await h['vault.changePassword']({ type: 'vault.changePassword', current: PW, next: `${PW} 2` }, PAGE);
    const reopened = await UnlockedVault.unlockWithPassword(await db(), `${PW} 2`);
    await expectSignsIn(await reopened.get(itemId), passkey, publicKey);
  });

  it('survive reset and restore from an encrypted backup, whole', async () => {
    const { h, session, passkey, publicKey } = await setup();
    const backup = await h['backup.export'](
      { type: 'backup.export', password: 'backup password 1', current: PW },
      PAGE,
    );
    expect(backup.text).not.toContain(passkey.privateKey);
    await h['vault.reset']({ type: 'vault.reset', confirm: 'RESET LOCAL DATA' }, PAGE);
    expect((await session.status()).state).toBe('empty');
    await h['backup.restore'](
      {
        type: 'backup.restore',
        text: backup.text,
        password: 'backup password 1',
        masterPassword: `${PW} new`,
      },
      PAGE,
    );
    const vault = await session.vault();
    const restored = vault.list().find((o) => o.passkeyRpIds?.includes('example.com'))!;
    await expectSignsIn(await vault.get(restored.id), passkey, publicKey);
  });

  it('survive recovery with the recovery key', async () => {
    const { h, session, db, passkey, publicKey, itemId } = await setup();
    const { recoveryKey } = await h['recovery.create']({ type: 'recovery.create', current: PW }, PAGE);
    await session.lock('user');
    await h['recovery.recover']({ type: 'recovery.recover', recoveryKey, next: `${PW} recovered` }, PAGE);
    await expectSignsIn(await (await session.vault()).get(itemId), passkey, publicKey);
    const reopened = await UnlockedVault.unlockWithPassword(await db(), `${PW} recovered`);
    await expectSignsIn(await reopened.get(itemId), passkey, publicKey);
  });
});

describe.each(frozenVaults().map((f) => [f.folder, f] as const))('frozen vault %s', (_folder, fixture) => {
  it('opens with the passkeys it was frozen with (none before format 3) and takes a new one, which survives a lock', async () => {
    const db = await loadFrozen(fixture);
    const vault = await UnlockedVault.unlockWithPassword(db, fixture.proofs.password);
    // Every item and its overview, the RP IDs of its passkeys included.
    await expectEveryItem(vault, fixture.items);
    const listed = vault.list().filter((o) => o.passkeyRpIds);
    const frozen = fixture.items.filter((i) => i.passkeys?.length);
    expect(listed.map((o) => o.id).sort()).toEqual(frozen.map((i) => i.id).sort());
    const reg = await register();
    const { createdAt: _c, updatedAt: _u, ...first } = fixture.items[0]!;
    const saved = await vault.put(addPasskey(first, reg.passkey));
    vault.lock();
    const again = await UnlockedVault.unlockWithPassword(db, fixture.proofs.password);
    expect(again.list().find((o) => o.id === saved.id)?.passkeyRpIds).toEqual(['example.com']);
    const publicKey = reg.verification.registrationInfo!.credential.publicKey;
    await expectSignsIn(await again.get(saved.id), reg.passkey, publicKey);
  });
});

describe('item passkey helpers', () => {
  it('addPasskey replaces the passkey for the same site and user handle, and keeps the others', async () => {
    const first = (await register()).passkey;
    const again = { ...(await register()).passkey, userHandle: first.userHandle };
    const otherUser = (await register(undefined, 'bob@example.com')).passkey;
    const item = addPasskey(addPasskey(addPasskey(login(1), first), otherUser), again);
    expect(item.passkeys?.map((p) => p.credentialId)).toEqual([otherUser.credentialId, again.credentialId]);
  });

  it('keepStoredPasskeys keeps stored order and ignores ids the item does not hold', async () => {
    const a = (await register()).passkey;
    const b = (await register()).passkey;
    const kept = keepStoredPasskeys(
      { ...login(1), passkeys: [{ credentialId: b.credentialId }, { credentialId: 'x' }] },
      {
        passkeys: [a, b],
      },
    );
    expect(kept.passkeys).toEqual([b]);
    expect('passkeys' in keepStoredPasskeys({ ...login(1), passkeys: [] }, { passkeys: [a] })).toBe(false);
  });
});
