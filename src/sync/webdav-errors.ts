// Turns what fetch and a WebDAV server answer into RemoteErrors whose kind and message tell a person
// what to do: fix the address, the password, the server's permissions, free space, or just wait.
//
// What each environment can tell apart: Node's fetch (undici) names the failure in `error.cause.code`
// (ECONNREFUSED, DEPTH_ZERO_SELF_SIGNED_CERT, ...). Browsers say only "Failed to fetch" (Chromium)
// or "NetworkError when attempting to fetch resource" (Firefox) for a refused connection and an
// untrusted certificate alike; the background learns the browser's own error name from webRequest
// (net-diagnosis.ts puts it in the cause chain as a `code`: net::ERR_CERT_AUTHORITY_INVALID in
// Chromium, NS_ERROR_CONNECTION_REFUSED in Firefox, whose certificate errors come as a sentence of
// NSS). Without any name, 'unreachable' with a message that names every possible cause.

import { RemoteError, type RemoteErrorReason } from './remote-store';

/** What the request was for, so the message can say what failed. */
export type Operation = 'check' | 'list' | 'get' | 'put' | 'delete';

const DOING: Readonly<Record<Operation, string>> = {
  check: 'checking the sync folder',
  list: 'listing the sync folder',
  get: 'downloading from the sync folder',
  put: 'uploading to the sync folder',
  delete: 'deleting from the sync folder',
};

/** Error names of Node (OpenSSL, libuv, undici), Chromium (net::) and Firefox (NSS, NS_ERROR_) by what they mean. */
const REASONS: Readonly<Record<RemoteErrorReason, readonly string[]>> = {
  untrusted: [
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'UNABLE_TO_GET_ISSUER_CERT',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'CERT_UNTRUSTED',
    'CERT_REJECTED',
    'net::ERR_CERT_AUTHORITY_INVALID',
    'SEC_ERROR_UNKNOWN_ISSUER',
    'SEC_ERROR_UNTRUSTED_ISSUER',
    'SEC_ERROR_UNTRUSTED_CERT',
    'MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT',
  ],
  expired: [
    'CERT_HAS_EXPIRED',
    'CERT_NOT_YET_VALID',
    'net::ERR_CERT_DATE_INVALID',
    'SEC_ERROR_EXPIRED_CERTIFICATE',
    'SEC_ERROR_EXPIRED_ISSUER_CERTIFICATE',
    'MOZILLA_PKIX_ERROR_NOT_YET_VALID_CERTIFICATE',
  ],
  'wrong-host': [
    'ERR_TLS_CERT_ALTNAME_INVALID',
    'net::ERR_CERT_COMMON_NAME_INVALID',
    'SSL_ERROR_BAD_CERT_DOMAIN',
  ],
  refused: ['ECONNREFUSED', 'net::ERR_CONNECTION_REFUSED', 'NS_ERROR_CONNECTION_REFUSED'],
  dns: [
    'ENOTFOUND',
    'EAI_AGAIN',
    'net::ERR_NAME_NOT_RESOLVED',
    'net::ERR_NAME_RESOLUTION_FAILED',
    'NS_ERROR_UNKNOWN_HOST',
  ],
  timeout: [
    'ETIMEDOUT',
    'UND_ERR_CONNECT_TIMEOUT',
    'net::ERR_CONNECTION_TIMED_OUT',
    'net::ERR_TIMED_OUT',
    'NS_ERROR_NET_TIMEOUT',
  ],
};

const REASON_OF = new Map(
  Object.entries(REASONS).flatMap(([reason, codes]) => codes.map((c) => [c, reason as RemoteErrorReason])),
);

/** Any other certificate or handshake failure: OpenSSL / Node, Chromium, NSS. */
const OTHER_TLS =
  /^(CERT_|ERR_SSL_|ERR_TLS_|net::ERR_CERT_|net::ERR_SSL_|SEC_ERROR_|SSL_ERROR_|MOZILLA_PKIX_ERROR_)/;
/** https spoken to a port that answers plain http. */
const NOT_HTTPS = new Set([
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_PACKET_LENGTH_TOO_LONG',
  'net::ERR_SSL_PROTOCOL_ERROR',
  'SSL_ERROR_RX_RECORD_TOO_LONG',
]);
/** An error name as the environments spell them; anything else in a `code` is a sentence (NSS's). */
const ERROR_NAME = /^(net::)?[A-Z][A-Z0-9_]*$/;

/**
 * Firefox names a certificate failure with NSS's sentence in the browser's language, never its
 * code (measured in tests/e2e-firefox/sync.spec.ts: "The certificate is not trusted because it is
 * self-signed."). The English sentences of the common ones (security/nss's error strings) are known;
 * in another language the failure is still 'tls', only without the reason, and the message quotes
 * the browser's sentence.
 */
const NSS_SENTENCES: readonly [RegExp, RemoteErrorReason][] = [
  [
    /self-signed|issuer is not recognized|issuer certificate is unknown|issuer has been marked as not trusted/i,
    'untrusted',
  ],
  [/has expired|not yet valid/i, 'expired'],
  [/domain name does not match/i, 'wrong-host'],
];

function reasonOf(code: string): RemoteErrorReason | undefined {
  return (
    REASON_OF.get(code) ??
    (ERROR_NAME.test(code) ? undefined : NSS_SENTENCES.find(([re]) => re.test(code))?.[1])
  );
}

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

const TLS_SENTENCES: Readonly<Partial<Record<RemoteErrorReason, (host: string, code: string) => string>>> = {
  untrusted: (host, code) =>
    `The certificate of ${host} is not trusted (${code}): it is self-signed or from an authority this browser does not know. Give the server a certificate this browser accepts.`,
  expired: (host, code) =>
    `The certificate of ${host} has expired or is not valid yet (${code}): renew it on the server, and check this computer's clock.`,
  'wrong-host': (host, code) =>
    `The certificate of ${host} is made out to another host name (${code}): use the name the certificate names, or fix the certificate.`,
};

const UNREACHABLE_SENTENCES: Readonly<
  Partial<Record<RemoteErrorReason, (host: string, doing: string, code: string) => string>>
> = {
  refused: (host, doing, code) =>
    `${host} refused the connection while ${doing} (${code}): the server is down, or the port in the address is wrong.`,
  dns: (host, doing, code) =>
    `The name ${host} was not found while ${doing} (${code}): check the address, and that this computer is online.`,
  timeout: (host, doing, code) => `${host} did not answer in time while ${doing} (${code}).`,
};

/** A fetch that rejected: no HTTP answer arrived at all (or its body broke off). */
export function networkFailure(error: unknown, operation: Operation, host: string): RemoteError {
  const doing = DOING[operation];
  if (error instanceof DOMException && error.name === 'TimeoutError') {
    return new RemoteError(
      'unreachable',
      `${host} did not answer in time while ${doing}.`,
      undefined,
      'timeout',
    );
  }
  const codes = errorCodes(error);
  for (const code of codes) {
    const reason = reasonOf(code);
    const tls = reason && TLS_SENTENCES[reason];
    if (tls) return new RemoteError('tls', tls(host, code), undefined, reason);
    const unreachable = reason && UNREACHABLE_SENTENCES[reason];
    if (unreachable) return new RemoteError('unreachable', unreachable(host, doing, code), undefined, reason);
  }
  const tls = codes.find((c) => OTHER_TLS.test(c) || !ERROR_NAME.test(c));
  if (tls) {
    return new RemoteError(
      'tls',
      NOT_HTTPS.has(tls)
        ? `${host} does not speak https on this port (TLS handshake failed, ${tls}): check the address.`
        : `The secure connection to ${host} failed (${tls}): the server's certificate or https setup is not accepted by this browser.`,
    );
  }
  const code = codes.find((c) => /^E[A-Z]+$|^UND_ERR_|^net::ERR_|^NS_ERROR_/.test(c));
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
