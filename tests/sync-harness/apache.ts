// Apache httpd (Debian apache2) with mod_dav + mod_dav_fs as a real WebDAV server for tests: a
// generated config in a temp folder, one loopback port, Basic auth from an htpasswd file made here,
// https with a self-signed certificate made here, stopped (and its folder removed) by stop().
//
// Layout under the server's root:
//   /dav/Tessera/   the sync folder (DAV, Basic auth)            -> folderUrl
//   /dav/Locked/    DAV, but every request is denied (403)        -> forbiddenFolderUrl
//   /plain/         an ordinary static folder, no DAV             -> plainFolderUrl
// Apache runs in the foreground (-X). Started as root (CI containers) it must drop to a user that can
// write the DAV folder, so the temp folder is handed to www-data then (see shared/notes/webdav-servers.md).

import { execFile } from 'node:child_process';
import { chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { requireProgram } from './binaries';
import { type DavServer, DEFAULT_USER } from './dav-server';
import { freeLoopbackPort, startProcess, waitForPort } from './process';
import { makeSelfSignedCertificate } from './tls';

export interface ApacheServer extends DavServer {
  readonly implementation: 'apache';
  /** A DAV folder on the same server where every request is refused with 403. */
  readonly forbiddenFolderUrl: string;
  /** A folder on the same server that Apache serves as plain files, without WebDAV. */
  readonly plainFolderUrl: string;
}

export interface ApacheOptions {
  readonly username?: string;
  readonly password?: string;
  /** https with a fresh self-signed certificate (the default) or plain http. */
  readonly https?: boolean;
}

const MODULES = '/usr/lib/apache2/modules';
const MODULE_NAMES = [
  'mpm_event',
  'authz_core',
  'authz_user',
  'authn_core',
  'authn_file',
  'auth_basic',
  'dav',
  'dav_fs',
  'ssl',
];

/** The uid and gid Apache switches to when started as root. */
async function wwwData(): Promise<{ uid: number; gid: number }> {
  const run = promisify(execFile);
  const uid = Number((await run('id', ['-u', 'www-data'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'www-data'])).stdout.trim());
  return { uid, gid };
}

async function chownTree(paths: readonly string[], owner: { uid: number; gid: number }): Promise<void> {
  for (const path of paths) await chown(path, owner.uid, owner.gid);
}

function config(root: string, port: number, https: boolean, dropTo: boolean): string {
  const modules = MODULE_NAMES.filter((m) => https || m !== 'ssl').map(
    (m) => `LoadModule ${m}_module ${MODULES}/mod_${m}.so`,
  );
  return [
    `ServerRoot ${root}`,
    `Listen 127.0.0.1:${port}`,
    ...modules,
    ...(dropTo ? ['User www-data', 'Group www-data'] : []),
    'ServerName 127.0.0.1',
    `PidFile ${root}/httpd.pid`,
    `ErrorLog ${root}/error.log`,
    'LogLevel warn',
    // A client that vanished mid-request (the fault proxy does that on purpose) is let go quickly.
    'Timeout 10',
    `DavLockDB ${root}/locks/davlock`,
    ...(https
      ? ['SSLEngine on', `SSLCertificateFile ${root}/cert.pem`, `SSLCertificateKeyFile ${root}/key.pem`]
      : []),
    `DocumentRoot ${root}/www`,
    `<Directory ${root}/www>`,
    '  Require all granted',
    '</Directory>',
    `<Directory ${root}/www/dav>`,
    '  Dav On',
    '  AuthType Basic',
    '  AuthName "Tessera sync"',
    `  AuthUserFile ${root}/htpasswd`,
    '  Require valid-user',
    '</Directory>',
    `<Directory ${root}/www/dav/Locked>`,
    '  Require all denied',
    '</Directory>',
    '',
  ].join('\n');
}

/** Starts Apache, or returns null when apache2 is not installed (CI: throws). */
export async function startApache(options: ApacheOptions = {}): Promise<ApacheServer | null> {
  const apache2 = requireProgram('apache2');
  const htpasswd = requireProgram('htpasswd');
  if (!apache2 || !htpasswd) return null;
  const username = options.username ?? DEFAULT_USER.username;
  const password = options.password ?? DEFAULT_USER.password;
  const https = options.https ?? true;
  const asRoot = process.getuid?.() === 0;

  const root = await mkdtemp(join(tmpdir(), 'tessera-apache-'));
  const dirs = ['www', 'www/dav', 'www/dav/Tessera', 'www/dav/Locked', 'www/plain', 'locks'].map((d) =>
    join(root, d),
  );
  for (const dir of dirs) await mkdir(dir, { recursive: true });
  await writeFile(join(root, 'www/plain/index.html'), '<!doctype html><title>Not WebDAV</title>\n');
  await promisify(execFile)(htpasswd, ['-cbB', join(root, 'htpasswd'), username, password]);
  const certificate = https ? await makeSelfSignedCertificate(root) : undefined;
  if (asRoot) await chownTree([root, ...dirs, join(root, 'htpasswd')], await wwwData());

  // Apache cannot report a port the OS chose, so take a free one and retry if another process wins it.
  for (let attempt = 1; ; attempt++) {
    const port = await freeLoopbackPort();
    await writeFile(join(root, 'httpd.conf'), config(root, port, https, asRoot));
    const proc = startProcess(apache2, ['-X', '-f', join(root, 'httpd.conf')]);
    try {
      await waitForPort(proc, 'apache2', port);
    } catch (error) {
      await proc.stop();
      if (attempt < 5 && /Address already in use|could not bind/i.test(String(error))) continue;
      await rm(root, { recursive: true, force: true });
      throw error;
    }
    const origin = `${https ? 'https' : 'http'}://127.0.0.1:${port}`;
    return {
      implementation: 'apache',
      origin,
      folderUrl: `${origin}/dav/Tessera/`,
      missingFolderUrl: `${origin}/dav/Missing/`,
      forbiddenFolderUrl: `${origin}/dav/Locked/`,
      plainFolderUrl: `${origin}/plain/`,
      username,
      password,
      certPem: certificate?.certPem,
      folderPath: join(root, 'www/dav/Tessera'),
      async stop() {
        await proc.stop();
        await rm(root, { recursive: true, force: true });
      },
    };
  }
}
