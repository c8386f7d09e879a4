// Generates realistic vault items for the bench: site names, e-mail or handle usernames, one or two
// login URLs, ~20-character passwords, and on some items notes, a TOTP secret or a custom field.
//
// Safety fact: the output depends only on (count, seed), so every bench run encrypts and stores the
// same amount of data and timings stay comparable across runs and commits.

import type { ItemInput } from '../../src/vault/types';
import { seededRandom as prng } from '../../tests/unit/seeded-random';

const KNOWN_SITES: readonly [string, string][] = [
  ['GitHub', 'github.com'],
  ['Amazon', 'amazon.com'],
  ['Google', 'google.com'],
  ['Netflix', 'netflix.com'],
  ['PayPal', 'paypal.com'],
  ['Reddit', 'reddit.com'],
  ['LinkedIn', 'linkedin.com'],
  ['Dropbox', 'dropbox.com'],
  ['Wikipedia', 'wikipedia.org'],
  ['Mozilla', 'mozilla.org'],
  ['Stack Overflow', 'stackoverflow.com'],
  ['Spotify', 'spotify.com'],
  ['eBay', 'ebay.com'],
  ['Booking.com', 'booking.com'],
  ['Etsy', 'etsy.com'],
  ['GitLab', 'gitlab.com'],
];

const SYLLABLES =
  'bri,lan,co,mar,tek,vo,sol,quin,del,ra,nex,ori,pal,zen,tor,ka,mi,lu,ver,sta,fin,gro,hub,lo'.split(',');
const TLDS = ['com', 'com', 'com', 'net', 'org', 'io', 'de', 'co.uk', 'fr', 'app'];
const FIRST = 'alex,sam,maria,jon,lena,wei,fatima,olu,noah,emma,ivan,priya,lucas,sofia,kenji,ana'.split(',');
const LAST = 'smith,garcia,muller,chen,okafor,rossi,kowalski,tanaka,silva,novak,dubois,haddad'.split(',');
const MAIL = ['gmail.com', 'outlook.com', 'proton.me', 'example.org', 'fastmail.com'];
const WORDS =
  'account,security,question,answer,pin,recovery,codes,shared,with,family,old,email,card,ends,in,billing,work,personal,renew,yearly,support,ticket,backup,phone'.split(
    ',',
  );
const PASSWORD_CHARS = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!@#$%^&*-_=+?';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function generateItems(count: number, seed: number): ItemInput[] {
  const random = prng(seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  const chars = (alphabet: string, n: number) =>
    Array.from({ length: n }, () => alphabet[int(alphabet.length)]).join('');
  const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

  const items: ItemInput[] = [];
  for (let i = 0; i < count; i++) {
    let name: string;
    let domain: string;
    if (random() < 0.25) {
      [name, domain] = pick(KNOWN_SITES);
    } else {
      const stem = Array.from({ length: 2 + int(2) }, () => pick(SYLLABLES)).join('');
      name = capitalise(stem);
      domain = `${stem}.${pick(TLDS)}`;
    }
    if (random() < 0.1) name += ` (${pick(['work', 'personal', 'old', 'family'])})`;
    const first = pick(FIRST);
    const last = pick(LAST);
    const username =
      random() < 0.7
        ? `${first}.${last}${random() < 0.4 ? int(100) : ''}@${pick(MAIL)}`
        : `${first}${int(10000)}`;
    const urls = [`https://${random() < 0.5 ? 'www.' : ''}${domain}/login`];
    if (random() < 0.3) urls.push(`https://${pick(['accounts', 'auth', 'my', 'app'])}.${domain}/`);
    const notes =
      random() < 0.2 ? capitalise(Array.from({ length: 4 + int(30) }, () => pick(WORDS)).join(' ')) : '';
    items.push({
      name,
      username,
      password: chars(PASSWORD_CHARS, 16 + int(9)),
      notes,
      totp:
        random() < 0.1
          ? `otpauth://totp/${encodeURIComponent(name)}:${username}?secret=${chars(BASE32, 32)}&issuer=${encodeURIComponent(name)}`
          : '',
      urls,
      match: random() < 0.95 ? 'domain' : 'host',
      favorite: random() < 0.05,
      fields: random() < 0.05 ? [{ name: 'PIN', value: chars('0123456789', 4 + int(3)), hidden: true }] : [],
    });
  }
  return items;
}

/** Human-style passwords for the health bench: weak to zxcvbn, and some reused across sites. */
const HUMAN = ['Summer2019!', 'iloveyou12', 'Dragon#77', 'monkey123', 'Liverpool1892', 'P@ssword2024'];

/**
 * generateItems with every tenth password human-style (10%), half of those reused verbatim on
 * other items and half made unique by a suffix: the vault the health report is measured on.
 */
export function generateHealthItems(count: number, seed: number): ItemInput[] {
  return generateItems(count, seed).map((item, i) =>
    i % 10 === 0
      ? { ...item, password: HUMAN[(i / 10) % HUMAN.length]! + (i % 20 === 0 ? '' : String(i)) }
      : item,
  );
}
