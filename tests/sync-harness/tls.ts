// A self-signed certificate for 127.0.0.1, made fresh for each test server with the openssl CLI, so
// no key is ever checked in. Not a CA (basicConstraints CA:FALSE): clients trust exactly this leaf.

import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { requireProgram } from './binaries';

export interface SelfSignedCertificate {
  readonly certPath: string;
  readonly keyPath: string;
  /** The certificate in PEM, for a client's trust list (Node's `ca`). */
  readonly certPem: string;
}

export async function makeSelfSignedCertificate(dir: string): Promise<SelfSignedCertificate> {
  const openssl = requireProgram('openssl');
  if (!openssl) throw new Error('openssl is needed for an https test server');
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  await promisify(execFile)(openssl, [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '-addext',
    'basicConstraints=critical,CA:FALSE',
    '-keyout',
    keyPath,
    '-out',
    certPath,
  ]);
  return { certPath, keyPath, certPem: await readFile(certPath, 'utf8') };
}
