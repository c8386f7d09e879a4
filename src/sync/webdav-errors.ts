// Turns what fetch and a WebDAV server answer into RemoteErrors whose kind and message tell a person
// what to do: fix the address, the password, the server's permissions, free space, or just wait.
//
// What each environment can tell apart: Node's fetch (undici) names the failure in `error.cause.code`
// (ECONNREFUSED, DEPTH_ZERO_SELF_SIGNED_CERT, ...), so a certificate problem is a 'tls' error there.
// Browsers say only "Failed to fetch" (Chromium) or "NetworkError when attempting to fetch resource"
// (Firefox) for a refused connection, an untrusted certificate and a missing host permission alike,
// so those become 'unreachable' with a message that names all three causes.

import { RemoteError } from './remote-store';

/** What the request was for, so the message can say what failed. */
export type Operation = 'check' | 'list' | 'get' | 'put' | 'delete';

const DOING: Readonly<Record<Operation, string>> = {
  check: 'checking the sync folder',
  list: 'listing the sync folder',
  get: 'downloading from the sync folder',
  put: 'uploading to the sync folder',
  delete: 'deleting from the sync folder',
};

/** OpenSSL / Node codes for a certificate the client does not accept, or a handshake that failed. */
const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** The `code` of an error or of any error in its `cause` chain (undici wraps the socket's error). */
function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

/** A fetch that rejected: no HTTP answer arrived at all (or its body broke off). */
export function networkFailure(error: unknown, operation: Operation, host: string): RemoteError {
  const doing = DOING[operation];
  if (error instanceof DOMException && error.name === 'TimeoutError') {
    return new RemoteError('unreachable', `${host} did not answer in time while ${doing}.`);
  }
  const codes = errorCodes(error);
  const tls = codes.find((c) => TLS_CODES.has(c) || c.startsWith('ERR_SSL_') || c.startsWith('ERR_TLS_'));
  if (tls) {
    const wrongProtocol = tls === 'ERR_SSL_WRONG_VERSION_NUMBER' || tls === 'ERR_SSL_PACKET_LENGTH_TOO_LONG';
    return new RemoteError(
      'tls',
      wrongProtocol
        ? `${host} does not speak https on this port (TLS handshake failed, ${tls}): check the address.`
        : `The certificate of ${host} is not trusted (${tls}): the server needs a certificate this browser accepts.`,
    );
  }
  const code = codes.find((c) => /^E[A-Z]+$|^UND_ERR_/.test(c));
  const detail = code ? ` (${code})` : '';
  return new RemoteError(
    'unreachable',
    `Could not reach ${host} while ${doing}${detail}: the server may be down or the address wrong` +
      (code ? '.' : ', its certificate may not be trusted, or Tessera may lack permission for this site.'),
  );
}

/** A full answer arrived but its status says the request failed. */
export function statusFailure(status: number, operation: Operation, folder: string): RemoteError {
  const doing = DOING[operation];
  switch (status) {
    case 401:
      return new RemoteError(
        'unauthorized',
        `The server refused the user name or app password (401) while ${doing}.`,
        status,
      );
    case 403:
      return new RemoteError(
        'forbidden',
        `The server does not allow this account to use ${folder} (403) while ${doing}.`,
        status,
      );
    case 404:
      return new RemoteError('not-found', `The folder ${folder} does not exist on the server (404).`, status);
    case 405:
    case 501:
      return new RemoteError(
        'not-webdav',
        `${folder} does not speak WebDAV (${status} to a WebDAV request): check the folder address.`,
        status,
      );
    case 409:
    case 412:
      return new RemoteError(
        'conflict',
        `The server refused the change as it stands (${status}) while ${doing}.`,
        status,
      );
    case 423:
      return new RemoteError('conflict', `The server kept the object locked (423) while ${doing}.`, status);
    case 507:
      return new RemoteError(
        'full',
        `The server has no room left (507 Insufficient Storage) while ${doing}.`,
        status,
      );
    default:
      return new RemoteError('server', `The server answered ${status} while ${doing}.`, status);
  }
}

/** Answers worth asking again for: the server or the path to it may recover by itself. */
export function isTransient(error: RemoteError): boolean {
  if (error.kind === 'unreachable' || error.kind === 'corrupt') return true;
  if (error.status === 423 || error.status === 429) return true;
  return error.kind === 'server' && error.status !== undefined && error.status >= 500;
}
