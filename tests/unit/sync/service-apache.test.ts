// The sync service against real Apache (mod_dav, https, Basic auth; tests/sync-harness): two
// devices, each a real Session and SyncService over its own vault, reaching the server with the
// credential the service stored (sealed) and opened again for every sync.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../src/sync/status';
import { WebDavStore } from '../../../src/sync/webdav';
import { type ApacheServer, startApache } from '../../sync-harness/apache';
import { requireProgram } from '../../sync-harness/binaries';
import { fetchTrusting } from '../../sync-harness/clients';
import { login, TEST_COST } from '../vault/helpers';
import { type Device, device, names } from './service-devices';

const hasApache = Boolean(
  requireProgram('apache2') && requireProgram('htpasswd') && requireProgram('openssl'),
);

describe.skipIf(!hasApache)('sync service against real Apache', () => {
  let apache: ApacheServer;
  const server = () => ({ url: apache.folderUrl, username: apache.username, password: apache.password });
  const onApache = () =>
    device(
      ({ folder, username, password }, signal) =>
        new WebDavStore(
          { folderUrl: folder.href, username, password },
          { fetch: fetchTrusting(apache.certPem), signal, retryDelayMs: 10, timeoutMs: 10_000 },
        ),
    );

  beforeAll(async () => {
    apache = (await startApache())!;
  }, 60_000);
  afterAll(async () => {
    await apache?.stop();
  });

  let a: Device;
  let b: Device;

  it('connects A (upload to the empty folder) and joins B with the master password', async () => {
    a = await onApache();
    b = await onApache();
    await a.session.create('apache master');
    await a.session.withVault((v) => v.putMany([login(1), login(2), login(3)]));
    expect(await a.sync.inspect(server())).toEqual({ kind: 'empty', localItems: 3 });
    const status: SyncStatus = await a.sync.connect(server());
    expect(status).toMatchObject({ connected: true, state: 'idle' });
    expect(status.lastSyncedAt).toBeGreaterThan(0);
    // B has no vault: the folder's vault is one it can join.
    expect(await b.sync.inspect(server())).toMatchObject({ kind: 'vault', sameVault: true });
    await b.sync.joinNew({ ...server(), masterPassword: 'apache master' });
    expect(await names(b)).toEqual(['Site 1', 'Site 2', 'Site 3']);
  }, 120_000);

  it('edits, deletes and concurrent edits reach both devices and lose nothing', async () => {
    const vaultA = await a.session.vault();
    const [one, two] = vaultA.list();
    await a.session.withVault((v) => v.put({ ...login(1), id: one!.id, password: 'A wrote this' }));
    await b.session.withVault((v) => v.put({ ...login(1), id: one!.id, password: 'B wrote this' }));
    await b.session.withVault((v) => v.delete(two!.id));
    await a.sync.now();
    await b.sync.now();
    await a.sync.now();
    for (const d of [a, b]) {
      expect(await names(d)).toEqual(['Site 1', 'Site 1 (conflict copy)', 'Site 3']);
      const vault = await d.session.vault();
      const passwords = await Promise.all(vault.list().map(async (o) => (await vault.get(o.id)).password));
      expect(passwords).toEqual(expect.arrayContaining(['A wrote this', 'B wrote this']));
    }
  }, 120_000);

  it('a password changed on B opens A with the new password; the old one no longer does', async () => {
    await b.session.changePassword('apache master', 'apache master 2', TEST_COST);
    await b.sync.now();
    await a.session.lock('user');
    const status = await a.session.unlock('apache master 2');
    expect(status.keysChangedAt).toBeGreaterThan(0);
    await a.session.lock('user');
    await expect(a.session.unlock('apache master')).rejects.toMatchObject({ code: 'wrong-password' });
  }, 120_000);

  it('a wrong app password is refused as unauthorized (401), nothing stored', async () => {
    const c = await onApache();
    await c.session.create('c');
    await expect(c.sync.inspect({ ...server(), password: 'wrong' })).rejects.toMatchObject({
      code: 'unauthorized',
    });
    expect((await c.sync.status()).connected).toBe(false);
  }, 60_000);
});
