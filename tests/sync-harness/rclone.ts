// `rclone serve webdav` (Debian rclone) as the second real WebDAV implementation for tests: serves a
// temp folder on a loopback port the OS picks, with --user/--pass Basic auth, stopped (and its folder
// removed) by stop(). It reports its port in a log line, which is read here.
//
// Layout: /Tessera/ is the sync folder (folderUrl). rclone has no per-folder permissions and no
// non-DAV area, so 403 and "not WebDAV" are tested against Apache.

import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireProgram } from './binaries';
import { type DavServer, DEFAULT_USER } from './dav-server';
import { startProcess, waitUntil } from './process';
import { makeSelfSignedCertificate } from './tls';

export interface RcloneOptions {
  readonly username?: string;
  readonly password?: string;
  /** https with a fresh self-signed certificate, or plain http (the default). */
  readonly https?: boolean;
}

const STARTED = /WebDav Server started on \[?(https?:\/\/127\.0\.0\.1:\d+)\/?/;

/** Starts rclone, or returns null when rclone is not installed (CI: throws). */
export async function startRclone(options: RcloneOptions = {}): Promise<DavServer | null> {
  const rclone = requireProgram('rclone');
  if (!rclone) return null;
  const username = options.username ?? DEFAULT_USER.username;
  const password = options.password ?? DEFAULT_USER.password;
  const root = await mkdtemp(join(tmpdir(), 'tessera-rclone-'));
  const served = join(root, 'served');
  await mkdir(join(served, 'Tessera'), { recursive: true });
  const certificate = options.https ? await makeSelfSignedCertificate(root) : undefined;
  const args = [
    'serve',
    'webdav',
    served,
    '--addr',
    '127.0.0.1:0',
    '--user',
    username,
    '--pass',
    password,
    // Its own empty config, so a developer's ~/.config/rclone never leaks in.
    '--config',
    join(root, 'rclone.conf'),
    ...(certificate ? ['--cert', certificate.certPath, '--key', certificate.keyPath] : []),
  ];
  const proc = startProcess(rclone, args);
  let origin = '';
  try {
    await waitUntil(proc, 'rclone serve webdav', () => {
      origin = STARTED.exec(proc.output())?.[1] ?? '';
      return origin !== '';
    });
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
  return {
    implementation: 'rclone',
    origin,
    folderUrl: `${origin}/Tessera/`,
    missingFolderUrl: `${origin}/Missing/`,
    username,
    password,
    certPem: certificate?.certPem,
    folderPath: join(served, 'Tessera'),
    async stop() {
      await proc.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}
