// Starts the content script (src/autofill/content/main.ts) on happy-dom's document the way
// entrypoints/autofill-content.ts does, with the lazily loaded part (autofill-forms.ts) imported
// from source rather than from the extension's URL. Returns the message listener it registered.

import { type ContentRuntime, runAutofillContent } from '@/src/autofill/content/main';

export type Listener = Parameters<ContentRuntime['onMessage']['addListener']>[0];

export interface Started {
  listener: Listener;
  /** How many times the lazily loaded part was imported. */
  loads(): number;
  /** Resolves once the latest import is in and what waited on it has run. */
  loaded(): Promise<void>;
}

export function startContentScript(runtime: Omit<ContentRuntime, 'onMessage'>): Started {
  let listener: Listener | null = null;
  let loads = 0;
  let latest: Promise<unknown> = Promise.resolve();
  const full: ContentRuntime = { ...runtime, onMessage: { addListener: (l) => (listener = l) } };
  runAutofillContent(window, full, () => {
    loads++;
    const loading = import('@/src/autofill/content/autofill-forms').then((module) =>
      module.startAutofillForms(document, full, () => ''),
    );
    latest = loading;
    return loading;
  });
  if (!listener) throw new Error('the content script registered no message listener');
  return {
    listener,
    loads: () => loads,
    loaded: () => latest.then(() => new Promise((resolve) => setTimeout(resolve, 0))),
  };
}
