// PROPFIND answers as real servers write them (Apache's lp1: prefixes, rclone's D:, Nextcloud's d: with
// oc: extras, a default namespace) and the hostile ones a server could send instead.

import { describe, expect, it } from 'vitest';
import { MultistatusError, parseMultistatus } from '../../../src/sync/multistatus';

/** Shortened from Apache httpd 2.4 mod_dav_fs (shared/notes/webdav-servers.md). */
const APACHE = `<?xml version="1.0" encoding="utf-8"?>
<D:multistatus xmlns:D="DAV:" xmlns:ns0="DAV:">
<D:response xmlns:lp1="DAV:" xmlns:lp2="http://apache.org/dav/props/">
<D:href>/dav/Tessera/</D:href>
<D:propstat><D:prop><lp1:resourcetype><D:collection/></lp1:resourcetype></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>
<D:propstat><D:prop><ns0:getcontentlength/><ns0:quota-available-bytes/></D:prop><D:status>HTTP/1.1 404 Not Found</D:status></D:propstat>
</D:response>
<D:response xmlns:lp1="DAV:" xmlns:lp2="http://apache.org/dav/props/">
<D:href>/dav/Tessera/batch%20a</D:href>
<D:propstat><D:prop><lp1:resourcetype/><lp1:getcontentlength>512</lp1:getcontentlength></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>
</D:response>
</D:multistatus>`;

/** As Nextcloud writes it: absolute-path hrefs, d: prefix, quota, and its own oc: properties. */
const NEXTCLOUD = `<?xml version="1.0"?>
<d:multistatus xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns" xmlns:oc="http://owncloud.org/ns">
 <d:response><d:href>/remote.php/dav/files/alice/Tessera/</d:href>
  <d:propstat><d:prop><d:resourcetype><d:collection/></d:resourcetype><d:quota-available-bytes>52428800</d:quota-available-bytes><oc:size>3</oc:size></d:prop>
  <d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
 <d:response><d:href>/remote.php/dav/files/alice/Tessera/obj</d:href>
  <d:propstat><d:prop><d:resourcetype/><d:getcontentlength>3</d:getcontentlength></d:prop>
  <d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
</d:multistatus>`;

describe('parseMultistatus', () => {
  it('reads Apache’s answer: prefixes resolved by namespace, 404 propstats ignored', () => {
    expect(parseMultistatus(APACHE)).toEqual([
      { href: '/dav/Tessera/', collection: true },
      { href: '/dav/Tessera/batch%20a', collection: false, contentLength: 512 },
    ]);
  });

  it('reads Nextcloud’s answer, with its quota', () => {
    expect(parseMultistatus(NEXTCLOUD)).toEqual([
      { href: '/remote.php/dav/files/alice/Tessera/', collection: true, quotaAvailableBytes: 52428800 },
      { href: '/remote.php/dav/files/alice/Tessera/obj', collection: false, contentLength: 3 },
    ]);
  });

  it('reads a default (unprefixed) DAV: namespace and CDATA hrefs', () => {
    const xml = `<multistatus xmlns="DAV:"><response><href><![CDATA[/f/x]]></href><propstat><prop>
      <getcontentlength>7</getcontentlength></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>`;
    expect(parseMultistatus(xml)).toEqual([{ href: '/f/x', collection: false, contentLength: 7 }]);
  });

  it('does not take an element of another namespace for DAV’s, whatever its prefix', () => {
    const xml = `<D:multistatus xmlns:D="DAV:" xmlns:X="urn:other"><D:response><D:href>/f/x</D:href><D:propstat><D:prop>
      <D:resourcetype><X:collection/></D:resourcetype><X:getcontentlength>9</X:getcontentlength>
      </D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>`;
    expect(parseMultistatus(xml)).toEqual([{ href: '/f/x', collection: false }]);
  });

  it('ignores a length that is not a whole number', () => {
    const xml = `<D:multistatus xmlns:D="DAV:"><D:response><D:href>/f/x</D:href><D:propstat><D:prop>
      <D:getcontentlength>-1</D:getcontentlength></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>`;
    expect(parseMultistatus(xml)).toEqual([{ href: '/f/x', collection: false }]);
  });

  it.each([
    [
      'a document type (entity expansion)',
      '<!DOCTYPE m [<!ENTITY a "aaaa">]><D:multistatus xmlns:D="DAV:"/>',
    ],
    ['HTML', '<!doctype html><html><body>Login</body></html>'],
    ['XML that is not a multistatus', '<D:error xmlns:D="DAV:"><D:lock-token-submitted/></D:error>'],
    [
      'a multistatus outside the DAV: namespace',
      '<multistatus><response><href>/x</href></response></multistatus>',
    ],
    ['truncated XML', APACHE.slice(0, 300)],
    ['a response without href', '<D:multistatus xmlns:D="DAV:"><D:response/></D:multistatus>'],
    ['an empty body', ''],
  ])('refuses %s with MultistatusError', (_what, xml) => {
    expect(() => parseMultistatus(xml)).toThrow(MultistatusError);
  });
});
