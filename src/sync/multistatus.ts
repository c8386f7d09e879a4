// Reads a WebDAV PROPFIND answer (a `DAV:multistatus`, RFC 4918 §13 and §14.16) into the few facts
// sync needs: each resource's href, whether it is a collection, its length and the free quota.
//
// Service workers have no DOMParser, so this uses saxes, a strict, namespace-aware XML parser (the one
// jsdom uses). Namespaces matter: servers spell the DAV: namespace with any prefix (`D:`, `d:`,
// `lp1:`, a default xmlns), and only the namespace URI says an element is DAV's. Safety fact: the
// server is not trusted; a document type declaration (the door to entity expansion) is refused, and
// anything that is not a well-formed multistatus throws MultistatusError rather than yielding a guess.

import { SaxesParser, type SaxesTagNS } from 'saxes';

const DAV = 'DAV:';

/** One `DAV:response`, with the properties of its successful (2xx) propstats. */
export interface DavResource {
  /** The href exactly as the server wrote it (may be a path or an absolute URL, percent-encoded). */
  readonly href: string;
  readonly collection: boolean;
  /** DAV:getcontentlength, when the server reported it. */
  readonly contentLength?: number;
  /** DAV:quota-available-bytes (RFC 4331), when the server reported it. */
  readonly quotaAvailableBytes?: number;
}

export class MultistatusError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MultistatusError';
  }
}

/** The properties one propstat carries; applied to the resource only if the propstat's status is 2xx. */
interface PropValues {
  collection: boolean;
  contentLength?: number;
  quotaAvailableBytes?: number;
}

/** A non-negative decimal integer property, or undefined when it is anything else (never a guess). */
function wholeNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d{1,15}$/.test(trimmed)) return undefined;
  return Number(trimmed);
}

/** The code in a `DAV:status` line such as "HTTP/1.1 200 OK" (RFC 4918 §14.28). */
function statusCode(line: string): number | undefined {
  const match = /^\s*HTTP\/\d(?:\.\d)?\s+(\d{3})\b/.exec(line);
  return match ? Number(match[1]) : undefined;
}

export function parseMultistatus(xml: string): DavResource[] {
  const parser = new SaxesParser({ xmlns: true });
  const resources: DavResource[] = [];
  /** Local names of the open DAV: elements from the root down; '' for an element of another namespace. */
  const path: string[] = [];
  let text = '';
  let href: string | undefined;
  let resource: PropValues = { collection: false };
  let props: PropValues = { collection: false };
  let propStatus: number | undefined;

  const parent = () => path[path.length - 2];

  parser.on('doctype', () => {
    throw new MultistatusError(
      'the PROPFIND answer declares a document type, which a multistatus never does',
    );
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    path.push(tag.uri === DAV ? tag.local : '');
    text = '';
    const name = path[path.length - 1];
    if (path.length === 1 && name !== 'multistatus') {
      throw new MultistatusError('the PROPFIND answer is XML but not a DAV:multistatus');
    }
    if (name === 'response' && parent() === 'multistatus') {
      href = undefined;
      resource = { collection: false };
    } else if (name === 'propstat' && parent() === 'response') {
      props = { collection: false };
      propStatus = undefined;
    } else if (name === 'collection' && parent() === 'resourcetype') {
      props.collection = true;
    }
  });
  parser.on('text', (chunk) => {
    text += chunk;
  });
  parser.on('cdata', (chunk) => {
    text += chunk;
  });
  parser.on('closetag', () => {
    const name = path[path.length - 1];
    const inside = parent();
    if (name === 'href' && inside === 'response') href = text.trim();
    else if (name === 'getcontentlength' && inside === 'prop') props.contentLength = wholeNumber(text);
    else if (name === 'quota-available-bytes' && inside === 'prop')
      props.quotaAvailableBytes = wholeNumber(text);
    else if (name === 'status' && inside === 'propstat') propStatus = statusCode(text);
    else if (name === 'propstat' && inside === 'response') {
      if (propStatus !== undefined && propStatus >= 200 && propStatus < 300)
        resource = { ...resource, ...defined(props) };
    } else if (name === 'response' && inside === 'multistatus') {
      if (href === undefined || href === '') throw new MultistatusError('a DAV:response has no DAV:href');
      resources.push({ href, ...resource });
    }
    path.pop();
    text = '';
  });

  try {
    parser.write(xml).close();
  } catch (error) {
    if (error instanceof MultistatusError) throw error;
    throw new MultistatusError(`the PROPFIND answer is not well-formed XML (${(error as Error).message})`);
  }
  return resources;
}

/** The props that were actually present, so an absent one never overwrites another propstat's value. */
function defined(props: PropValues): Partial<PropValues> {
  const out: Partial<PropValues> = {};
  if (props.collection) out.collection = true;
  if (props.contentLength !== undefined) out.contentLength = props.contentLength;
  if (props.quotaAvailableBytes !== undefined) out.quotaAvailableBytes = props.quotaAvailableBytes;
  return out;
}
