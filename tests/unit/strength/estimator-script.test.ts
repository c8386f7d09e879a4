// The background's strength estimator loader (src/strength/estimator-script.ts): its contract in
// a service worker (imported at install, imported again at first use, a refused import is a clear
// error), in a document (a script element), and with the real estimator behind it. The built
// script in the real browsers: tests/e2e/options-health.spec.ts and tests/e2e-firefox/health.spec.ts.
import { describe, expect, it, vi } from 'vitest';
import { createEstimator, type Estimator } from '../../../src/strength/estimator';
import {
  ESTIMATOR_GLOBAL,
  type EstimatorFactory,
  EstimatorLoadError,
  estimatorScriptLoader,
  publishEstimator,
  type ScriptHost,
} from '../../../src/strength/estimator-script';

const URL = '/strength-estimator.js';
const fixed: Estimator = () => ({ score: 4, warning: null, suggestions: [] });

/**
 * A service worker's scope as the Service Workers spec has it: importScripts() of a script works
 * while installing (the script is stored) and afterwards only for a stored one; else it throws.
 * Each import evaluates the script, which publishes `factory`.
 */
function workerScope(factory: EstimatorFactory = () => fixed) {
  const stored = new Set<string>();
  let installing = false;
  let install: (() => void) | undefined;
  const scope: ScriptHost & { installs(): void; restart(): ScriptHost } = {
    importScripts: vi.fn((url: string) => {
      if (installing) stored.add(url);
      else if (!stored.has(url))
        throw new Error(
          `Failed to execute 'importScripts' on 'WorkerGlobalScope': The script at '${url}' failed to load.`,
        );
      publishEstimator(scope, factory);
    }),
    addEventListener: (type, listener) => {
      if (type === 'install') install = listener;
    },
    installs() {
      installing = true;
      install?.();
      installing = false;
    },
    /** The same registration started again: a new global scope, the same stored scripts. */
    restart() {
      delete scope[ESTIMATOR_GLOBAL];
      return scope;
    },
  };
  return scope;
}

/** A document whose script elements load (publishing `factory`) or fail. */
function documentScope(result: 'load' | 'error' | 'load-nothing', factory: EstimatorFactory = () => fixed) {
  const appended: { src: string }[] = [];
  const scope: ScriptHost = {
    document: {
      createElement: () => ({ src: '', onload: null, onerror: null }),
      head: {
        append(script) {
          appended.push(script);
          queueMicrotask(() => {
            if (result === 'error') return script.onerror?.();
            if (result === 'load') publishEstimator(scope, factory);
            script.onload?.();
          });
        },
      },
    },
  };
  return { scope, appended };
}

describe('in a service worker', () => {
  it('imports the script at install, so a later start may import it and rate', async () => {
    const scope = workerScope();
    estimatorScriptLoader(scope, URL).importAtInstall();
    scope.installs();
    expect(scope.importScripts).toHaveBeenCalledWith(URL);

    const later = estimatorScriptLoader(scope.restart(), URL);
    expect(scope[ESTIMATOR_GLOBAL]).toBeUndefined();
    const estimate = await later.load();
    expect(estimate('anything').score).toBe(4);
    expect(scope.importScripts).toHaveBeenCalledTimes(2);
  });

  it('in the worker life that installed it, uses the script already evaluated', async () => {
    const scope = workerScope();
    const loader = estimatorScriptLoader(scope, URL);
    loader.importAtInstall();
    scope.installs();
    await loader.load();
    expect(scope.importScripts).toHaveBeenCalledTimes(1);
  });

  it('builds the estimator once, however many ask at once', async () => {
    const factory = vi.fn(() => fixed);
    const scope = workerScope(factory);
    const loader = estimatorScriptLoader(scope, URL);
    loader.importAtInstall();
    scope.installs();
    const [a, b] = await Promise.all([loader.load(), loader.load()]);
    expect(a).toBe(b);
    expect(await loader.load()).toBe(a);
    expect(factory).toHaveBeenCalledTimes(1);
  });

  it('a script not imported at install is refused with a clear error, and the next load tries again', async () => {
    const scope = workerScope();
    const loader = estimatorScriptLoader(scope, URL); // importAtInstall never ran: nothing stored
    const failed = loader.load();
    await expect(failed).rejects.toBeInstanceOf(EstimatorLoadError);
    await expect(failed).rejects.toThrow(
      /^Tessera could not load its password strength estimator \(\/strength-estimator\.js\): Failed to execute 'importScripts'.*Reload Tessera/,
    );
    // Stored since (an update installed it): the next rating loads it.
    estimatorScriptLoader(scope, URL).importAtInstall();
    scope.installs();
    delete scope[ESTIMATOR_GLOBAL];
    expect((await loader.load())('x').score).toBe(4);
  });

  it('a failed import at install does not fail the install; the first rating reports it', async () => {
    const scope: ScriptHost = {
      importScripts: () => {
        throw new Error('NetworkError');
      },
      addEventListener: (_type, listener) => listener(),
    };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const loader = estimatorScriptLoader(scope, URL);
    expect(() => loader.importAtInstall()).not.toThrow();
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
    await expect(loader.load()).rejects.toThrow(/strength estimator .*: NetworkError\./);
  });

  it('a script that sets no estimator is an error that says so', async () => {
    const scope: ScriptHost = { importScripts: () => undefined };
    await expect(estimatorScriptLoader(scope, URL).load()).rejects.toThrow(/: the script set no estimator\./);
  });
});

describe('in a document (Firefox’s event page)', () => {
  it('adds one script element and rates once it has loaded; nothing is imported at install', async () => {
    const { scope, appended } = documentScope('load');
    const loader = estimatorScriptLoader(scope, URL);
    loader.importAtInstall();
    expect(appended).toEqual([]);
    expect((await loader.load())('x').score).toBe(4);
    await loader.load();
    expect(appended.map((s) => s.src)).toEqual([URL]);
  });

  it('a script that fails to load is a clear error, and the next load adds a new element', async () => {
    const { scope, appended } = documentScope('error');
    const loader = estimatorScriptLoader(scope, URL);
    await expect(loader.load()).rejects.toThrow(
      'Tessera could not load its password strength estimator (/strength-estimator.js): the script did not load. ',
    );
    await expect(loader.load()).rejects.toBeInstanceOf(EstimatorLoadError);
    expect(appended).toHaveLength(2);
  });

  it('a script that loads but sets nothing is an error', async () => {
    const { scope } = documentScope('load-nothing');
    await expect(estimatorScriptLoader(scope, URL).load()).rejects.toThrow(/the script set no estimator/);
  });
});

it('a scope that can load no script says so', async () => {
  await expect(estimatorScriptLoader({}, URL).load()).rejects.toThrow(/this context can load no script/);
});

it('with the real estimator behind it, rates as zxcvbn does', async () => {
  const scope = workerScope(createEstimator);
  const loader = estimatorScriptLoader(scope, URL);
  loader.importAtInstall();
  scope.installs();
  const estimate = await loader.load();
  expect(estimate('password1').score).toBeLessThan(3);
  expect(estimate('violet mango quarry lantern 77').score).toBeGreaterThanOrEqual(3);
});
