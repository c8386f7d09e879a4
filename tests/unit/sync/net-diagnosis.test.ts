// The browser's name for a failed sync request (src/sync/net-diagnosis.ts) and what a person is told
// for it (src/sync/webdav-errors.ts's networkFailure). The browser's side, that webRequest really
// reports these names for the extension's own fetch, is tests/e2e/sync.spec.ts › "a server whose
// certificate this browser does not trust".
import { describe, expect, it } from 'vitest';
import {
  BrowserNetError,
  diagnosingFetch,
  type RequestErrorDetails,
  type RequestErrorEvent,
} from '../../../src/sync/net-diagnosis';
import { networkFailure } from '../../../src/sync/webdav-errors';

/** A stand-in for webRequest.onErrorOccurred: records listeners and their filters, fires on demand. */
function errorEvent() {
  const listeners = new Map<(d: RequestErrorDetails) => void, string[]>();
  const event: RequestErrorEvent = {
    addListener: (listener, filter) => listeners.set(listener, filter.urls),
    removeListener: (listener) => listeners.delete(listener),
  };
  const fire = (details: RequestErrorDetails) => {
    for (const listener of [...listeners.keys()]) listener(details);
  };
  return { event, fire, listeners };
}

const FOLDER = 'https://dav.example:8443/dav/Tessera/';
const failed = () => Promise.reject(new TypeError('Failed to fetch'));

async function rejection(promise: Promise<unknown>): Promise<TypeError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TypeError);
  return error as TypeError;
}

describe('diagnosingFetch', () => {
  it('adds the name the browser reported for this URL, before or after the fetch rejected', async () => {
    const { event, fire } = errorEvent();
    const before = diagnosingFetch(event, async () => {
      fire({ url: FOLDER, error: 'net::ERR_CERT_AUTHORITY_INVALID' });
      return failed();
    });
    expect((await rejection(before(FOLDER))).cause).toEqual(
      new BrowserNetError('net::ERR_CERT_AUTHORITY_INVALID'),
    );

    const after = diagnosingFetch(event, async () => {
      setTimeout(() => fire({ url: FOLDER, error: 'NS_ERROR_CONNECTION_REFUSED' }), 10);
      return failed();
    });
    const error = await rejection(after(FOLDER, { method: 'PROPFIND' }));
    expect((error.cause as BrowserNetError).code).toBe('NS_ERROR_CONNECTION_REFUSED');
  });

  it('listens only to the folder origin, only while the request is in flight, and ignores other URLs', async () => {
    const { event, fire, listeners } = errorEvent();
    let filters: string[][] = [];
    const fetchFn = diagnosingFetch(
      event,
      async () => {
        filters = [...listeners.values()];
        fire({ url: 'https://dav.example:8443/other', error: 'net::ERR_CERT_DATE_INVALID' });
        return failed();
      },
      20,
    );
    const error = await rejection(fetchFn(`${FOLDER}tessera-vault.json`));
    expect(filters).toEqual([['https://dav.example/*']]);
    expect(error.cause).toBeUndefined();
    expect(error.message).toBe('Failed to fetch');
    expect(listeners.size).toBe(0);

    const ok = diagnosingFetch(event, async () => new Response('fine'));
    expect(await (await ok(FOLDER)).text()).toBe('fine');
    expect(listeners.size).toBe(0);
  });

  it('passes an abort through as it is (a lock or a time limit is its own answer)', async () => {
    const { event, listeners } = errorEvent();
    const abort = new DOMException('stopped', 'AbortError');
    const fetchFn = diagnosingFetch(event, () => Promise.reject(abort));
    await expect(fetchFn(FOLDER)).rejects.toBe(abort);
    expect(listeners.size).toBe(0);
  });
});

describe('networkFailure: the browser names become a code and a sentence', () => {
  const cases: [string, string, RegExp][] = [
    ['net::ERR_CERT_AUTHORITY_INVALID', 'tls-untrusted', /not trusted/],
    ['MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT', 'tls-untrusted', /not trusted/],
    ['SEC_ERROR_UNKNOWN_ISSUER', 'tls-untrusted', /not trusted/],
    ['net::ERR_CERT_DATE_INVALID', 'tls-expired', /expired/],
    ['SEC_ERROR_EXPIRED_CERTIFICATE', 'tls-expired', /expired/],
    ['net::ERR_CERT_COMMON_NAME_INVALID', 'tls-wrong-host', /another host name/],
    ['SSL_ERROR_BAD_CERT_DOMAIN', 'tls-wrong-host', /another host name/],
    ['net::ERR_CERT_REVOKED', 'tls', /secure connection .* failed/],
    ['net::ERR_SSL_PROTOCOL_ERROR', 'tls', /does not speak https/],
    // Firefox reports a certificate error as NSS's sentence (in its language), not a name.
    ['The certificate is not trusted because it is self-signed.', 'tls-untrusted', /not trusted/],
    ['Peer’s Certificate issuer is not recognized.', 'tls-untrusted', /not trusted/],
    ['Peer’s Certificate has expired.', 'tls-expired', /expired/],
    [
      'Unable to communicate securely with peer: requested domain name does not match the server’s certificate.',
      'tls-wrong-host',
      /another host name/,
    ],
    ['Peer’s Certificate has been revoked.', 'tls', /secure connection .* failed/],
    [
      'Das Zertifikat ist nicht vertrauenswürdig, weil es vom Aussteller selbst signiert wurde.',
      'tls',
      /secure connection .* failed/,
    ],
    ['net::ERR_CONNECTION_REFUSED', 'unreachable-refused', /refused the connection/],
    ['NS_ERROR_CONNECTION_REFUSED', 'unreachable-refused', /refused the connection/],
    ['net::ERR_NAME_NOT_RESOLVED', 'unreachable-dns', /was not found/],
    ['NS_ERROR_UNKNOWN_HOST', 'unreachable-dns', /was not found/],
    ['net::ERR_CONNECTION_TIMED_OUT', 'unreachable-timeout', /did not answer in time/],
    ['NS_ERROR_NET_TIMEOUT', 'unreachable-timeout', /did not answer in time/],
    [
      'net::ERR_CONNECTION_RESET',
      'unreachable',
      /Could not reach dav\.example \S.*\(net::ERR_CONNECTION_RESET\)/,
    ],
  ];
  it.each(cases)('%s -> %s', (name, code, message) => {
    const error = networkFailure(
      new TypeError('Failed to fetch', { cause: new BrowserNetError(name) }),
      'check',
      'dav.example',
    );
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('without a name: unreachable, and the message names every cause it may be', () => {
    const error = networkFailure(new TypeError('Failed to fetch'), 'list', 'dav.example');
    expect(error.code).toBe('unreachable');
    expect(error.message).toContain('its certificate may not be trusted');
  });
});
