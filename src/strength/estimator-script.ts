/**
 * The strength estimator (estimator.ts) as a script of its own, for the background: the worker
 * starts without it and loads it at the first rating (the health report), so a woken worker no
 * longer compiles zxcvbn's ~1.6 MB of dictionaries before it answers anything (issue 18,
 * bench/README.md "The worker's cold start").
 *
 * The script (entrypoints/strength-estimator.ts, built as a classic IIFE) sets one global,
 * ESTIMATOR_GLOBAL, to a function that builds the estimator. How it is loaded differs:
 * - Chrome's MV3 background is a classic service worker: no import(), and importScripts() after
 *   installation works only for scripts the worker imported while installing (the Service Workers
 *   spec's script resource map; Chrome throws a NetworkError for any other). So the worker imports
 *   it once in its install event (importAtInstall: the browser stores it with the worker, and
 *   evaluates it then) and again at first use in a later start, which reads that stored copy.
 * - Firefox's MV3 background is an event page, a document: a script element.
 * A script that cannot be loaded, or that sets no estimator, is an EstimatorLoadError that says so.
 */

import type { Estimator } from './estimator';

/** The built script, at the extension's root (WXT names an unlisted script after its entrypoint). */
export const ESTIMATOR_SCRIPT = '/strength-estimator.js';
/** The one global the script sets. */
export const ESTIMATOR_GLOBAL = 'tesseraStrengthEstimator';

export type EstimatorFactory = () => Estimator;

interface ScriptElement {
  src: string;
  onload: (() => void) | null;
  onerror: (() => void) | null;
}

/** Where the script leaves its factory: the global scope it runs in. */
export interface EstimatorSlot {
  [ESTIMATOR_GLOBAL]?: unknown;
}

/** What the loader needs of the background's global scope: a worker's or a document's. */
export interface ScriptHost extends EstimatorSlot {
  /** A classic worker's (Chrome's service worker). */
  importScripts?: (url: string) => void;
  /** A document's (Firefox's event page). */
  document?: { createElement(tag: 'script'): ScriptElement; head: { append(node: ScriptElement): void } };
  addEventListener?: (type: 'install', listener: () => void) => void;
}

export class EstimatorLoadError extends Error {
  override name = 'EstimatorLoadError';
}

/** Run by the script itself when evaluated. */
export function publishEstimator(scope: EstimatorSlot, factory: EstimatorFactory): void {
  scope[ESTIMATOR_GLOBAL] = factory;
}

export interface EstimatorScriptLoader {
  /**
   * In a service worker: imports the script in the install event, the only time a new script may
   * be imported (see the top). Call at the worker's start, with the other listeners. Elsewhere
   * nothing.
   */
  importAtInstall(): void;
  /** The estimator, loading the script the first time; a failed load is tried again next time. */
  load(): Promise<Estimator>;
}

export function estimatorScriptLoader(host: ScriptHost, url: string): EstimatorScriptLoader {
  let loading: Promise<Estimator> | null = null;

  const failure = (reason: string) =>
    new EstimatorLoadError(
      `Tessera could not load its password strength estimator (${url}): ${reason}. ` +
        'Reload Tessera on the browser’s extensions page and try again.',
    );

  function importInWorker(importScripts: (url: string) => void): void {
    try {
      importScripts.call(host, url);
    } catch (err) {
      throw failure(err instanceof Error ? err.message : String(err));
    }
  }

  function appendToDocument(document: NonNullable<ScriptHost['document']>): Promise<void> {
    return new Promise((loaded, failed) => {
      const script = document.createElement('script');
      script.onload = () => loaded();
      script.onerror = () => failed(failure('the script did not load'));
      script.src = url;
      document.head.append(script);
    });
  }

  async function loadOnce(): Promise<Estimator> {
    if (typeof host[ESTIMATOR_GLOBAL] !== 'function') {
      if (host.importScripts) importInWorker(host.importScripts);
      else if (host.document) await appendToDocument(host.document);
      else throw failure('this context can load no script');
    }
    const factory = host[ESTIMATOR_GLOBAL];
    if (typeof factory !== 'function') throw failure('the script set no estimator');
    return (factory as EstimatorFactory)();
  }

  return {
    importAtInstall() {
      const { importScripts, addEventListener } = host;
      if (!importScripts || !addEventListener) return;
      addEventListener.call(host, 'install', () => {
        // A failure here shows again, with its reason, at the first rating (load()).
        try {
          importScripts.call(host, url);
        } catch (err) {
          console.warn('[tessera] the strength estimator was not imported at install', err);
        }
      });
    },
    load() {
      loading ??= loadOnce();
      loading.catch(() => {
        loading = null;
      });
      return loading;
    },
  };
}
