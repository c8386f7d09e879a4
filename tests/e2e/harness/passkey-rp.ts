// A loopback WebAuthn relying party for the passkey tests and bench: @simplewebauthn/server verifies
// every registration and sign-in (signature, challenge, origin, RP ID, counter), served over https
// with a self-signed certificate made at start (openssl), at whatever host names the browser maps to
// 127.0.0.1. Safety fact: it binds to loopback only and keeps its users in memory.
//
// Pages: `/` the demo (tests/fixtures/passkey-rp: register, sign in, sign out with
// @simplewebauthn/browser), `/frame?src=&allow=&sandbox=` a page framing `src`, `/blank` an empty page
// (a hostile site's page, for calls made by the test).
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type WebAuthnCredential,
} from '@simplewebauthn/server';
import { FIXTURES_DIR, REPO_ROOT } from './paths';

/** The RP ID and the host of its sign-in page. */
export const RP_ID = 'passkeys.test';
export const RP_HOST = `login.${RP_ID}`;
/** Every host the tests use, all mapped to 127.0.0.1 and named in the certificate. */
export const PARTNER_HOST = 'partner.test';
export const RP_TEST_HOSTS = [RP_HOST, 'evil.test', PARTNER_HOST, `other.${RP_ID}`] as const;

export interface StoredCredential extends WebAuthnCredential {
  username: string;
}

export interface PasskeyRp {
  port: number;
  /** https://<host>:<port><path> */
  url(host: string, pathname?: string): string;
  /** Registered credentials (what the server stored), and sign-ins it accepted. */
  readonly credentials: StoredCredential[];
  readonly signIns: { username: string; counter: number }[];
  /** base64 SHA-256 of the certificate's public key, for Chromium's --ignore-certificate-errors-spki-list. */
  readonly spkiHash: string;
  close(): Promise<void>;
}

const PAGE_DIR = path.join(FIXTURES_DIR, 'passkey-rp');
const BROWSER_LIBRARY = path.join(
  REPO_ROOT,
  'node_modules/@simplewebauthn/browser/dist/bundle/index.umd.min.js',
);

interface Flow {
  challenge: string;
  username?: string;
}

/**
 * The relying party as a Playwright worker fixture, one per worker for every test in it: the
 * Chromium (tests/e2e/passkey-support.ts) and Firefox (tests/e2e-firefox/passkeys.spec.ts) specs
 * extend their own fixtures with it. Tests count credentials and sign-ins from their own start.
 */
export const passkeyRpFixture: [
  (args: object, use: (rp: PasskeyRp) => Promise<void>) => Promise<void>,
  { scope: 'worker' },
] = [
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires an object pattern here.
  async ({}: object, use: (rp: PasskeyRp) => Promise<void>) => {
    const rp = await startPasskeyRp(RP_TEST_HOSTS);
    await use(rp);
    await rp.close();
  },
  { scope: 'worker' },
];

export async function startPasskeyRp(hosts: readonly string[]): Promise<PasskeyRp> {
  const certificate = await selfSignedCertificate(hosts);
  const credentials: StoredCredential[] = [];
  const signIns: { username: string; counter: number }[] = [];
  const flows = new Map<string, Flow>();
  let port = 0;
  const origins = () => hosts.map((host) => `https://${host}:${port}`);
  // The one site allowed to frame the sign-in (a real relying party lists its partners): a
  // cross-origin response must name it as clientDataJSON's topOrigin.
  const partner = () => `https://${PARTNER_HOST}:${port}`;

  const routes: Record<string, (body: Record<string, unknown>) => Promise<unknown>> = {
    async '/register/options'(body) {
      const username = String(body.username || '');
      if (!username) throw new Error('a user name is needed');
      const options = await generateRegistrationOptions({
        rpName: 'Passkey demo',
        rpID: RP_ID,
        userName: username,
        attestationType: 'none',
        excludeCredentials: credentials
          .filter((c) => c.username === username)
          .map((c) => ({ id: c.id, ...(c.transports ? { transports: c.transports } : {}) })),
        authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
      });
      const flow = randomUUID();
      flows.set(flow, { challenge: options.challenge, username });
      return { flow, options };
    },
    async '/register/verify'(body) {
      const flow = takeFlow(flows, body.flow);
      const verification = await verifyRegistrationResponse({
        response: body.response as never,
        expectedChallenge: flow.challenge,
        expectedOrigin: origins(),
        expectedRPID: RP_ID,
        requireUserVerification: false,
      });
      if (!verification.verified || !verification.registrationInfo)
        throw new Error('registration not verified');
      const { credential } = verification.registrationInfo;
      credentials.push({ ...credential, username: flow.username ?? '' });
      return { username: flow.username };
    },
    async '/login/options'(body) {
      const username = String(body.username || '');
      const options = await generateAuthenticationOptions({
        rpID: RP_ID,
        userVerification: 'preferred',
        allowCredentials: username
          ? credentials.filter((c) => c.username === username).map((c) => ({ id: c.id }))
          : [],
      });
      const flow = randomUUID();
      flows.set(flow, { challenge: options.challenge });
      return { flow, options };
    },
    async '/login/verify'(body) {
      const flow = takeFlow(flows, body.flow);
      const response = body.response as { id?: string };
      const credential = credentials.find((c) => c.id === response.id);
      if (!credential) throw new Error('unknown credential');
      const verification = await verifyAuthenticationResponse({
        response: body.response as never,
        expectedChallenge: flow.challenge,
        expectedOrigin: origins(),
        expectedRPID: RP_ID,
        expectedTopOrigin: partner(),
        credential,
        requireUserVerification: false,
      });
      if (!verification.verified) throw new Error('sign-in not verified');
      credential.counter = verification.authenticationInfo.newCounter;
      signIns.push({ username: credential.username, counter: credential.counter });
      return { username: credential.username };
    },
  };

  const server = createServer({ key: certificate.key, cert: certificate.cert }, (req, res) => {
    handle(req, res, routes).catch((error: unknown) => {
      send(
        res,
        400,
        'application/json',
        JSON.stringify({ error: String((error as Error)?.message ?? error) }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
  port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (host, pathname = '/') => `https://${host}:${port}${pathname}`,
    credentials,
    signIns,
    spkiHash: certificate.spkiHash,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function takeFlow(flows: Map<string, Flow>, id: unknown): Flow {
  const flow = typeof id === 'string' ? flows.get(id) : undefined;
  if (!flow) throw new Error('unknown or used challenge');
  flows.delete(id as string);
  return flow;
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  routes: Record<string, (body: Record<string, unknown>) => Promise<unknown>>,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://rp.invalid');
  if (req.method === 'POST' && Object.hasOwn(routes, url.pathname)) {
    const body = JSON.parse((await readBody(req)) || '{}') as Record<string, unknown>;
    const result = await routes[url.pathname]?.(body);
    send(res, 200, 'application/json', JSON.stringify(result));
    return;
  }
  if (url.pathname === '/')
    return send(res, 200, 'text/html', await readFile(path.join(PAGE_DIR, 'index.html')));
  if (url.pathname === '/app.js')
    return send(res, 200, 'text/javascript', await readFile(path.join(PAGE_DIR, 'app.js')));
  if (url.pathname === '/simplewebauthn-browser.js')
    return send(res, 200, 'text/javascript', await readFile(BROWSER_LIBRARY));
  if (url.pathname === '/blank')
    return send(res, 200, 'text/html', '<!doctype html><title>Another site</title><p>Another site</p>');
  if (url.pathname === '/frame') {
    const attribute = (name: string) => {
      const value = url.searchParams.get(name);
      return value === null ? '' : ` ${name}="${escapeAttribute(value)}"`;
    };
    const src = escapeAttribute(url.searchParams.get('src') ?? '/blank');
    return send(
      res,
      200,
      'text/html',
      `<!doctype html><title>Framing page</title><iframe id="embed" src="${src}"${attribute('allow')}${attribute('sandbox')} width="600" height="400"></iframe>`,
    );
  }
  send(res, 404, 'text/plain', 'Not found');
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'no-store' });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 256 * 1024) req.destroy(new Error('body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** A throwaway P-256 certificate for `hosts` (openssl, present on Debian and in CI). */
async function selfSignedCertificate(hosts: readonly string[]) {
  const dir = await mkdtemp(path.join(tmpdir(), 'tessera-rp-cert-'));
  try {
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '2',
        '-subj',
        `/CN=${hosts[0]}`,
        '-addext',
        `subjectAltName=${hosts.map((host) => `DNS:${host}`).join(',')}`,
      ],
      { stdio: 'ignore' },
    );
    const spki = execFileSync('openssl', ['x509', '-in', cert, '-pubkey', '-noout']);
    const der = execFileSync('openssl', ['pkey', '-pubin', '-outform', 'der'], { input: spki });
    return {
      key: await readFile(key),
      cert: await readFile(cert),
      spkiHash: createHash('sha256').update(der).digest('base64'),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
