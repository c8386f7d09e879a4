// Loads an HTML page into its own happy-dom window for detection tests: scripts, style sheets,
// iframes and navigation are all disabled, so a captured page can do nothing but be parsed.
// happy-dom does not parse declarative shadow DOM (<template shadowrootmode="open">), which
// Chromium does, so `attachDeclarativeShadowRoots` does that step for fixture pages.

import { Window } from 'happy-dom';

export interface LoadedPage {
  document: Document;
  close(): Promise<void>;
}

export function loadPage(html: string, url = 'https://example.test/'): LoadedPage {
  const window = new Window({
    url,
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      disableComputedStyleRendering: true,
      navigation: {
        disableMainFrameNavigation: true,
        disableChildFrameNavigation: true,
        disableChildPageNavigation: true,
        disableFallbackToSetURL: true,
      },
    },
  });
  const document = window.document as unknown as Document;
  document.write(html);
  return { document, close: () => window.happyDOM.close() };
}

/** Turns each <template shadowrootmode="open"> into an open shadow root on its parent. */
export function attachDeclarativeShadowRoots(root: Document | ShadowRoot | Element): void {
  for (const template of Array.from(root.querySelectorAll('template[shadowrootmode="open"]'))) {
    const host = template.parentElement;
    if (!host || host.shadowRoot) continue;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.append((template as HTMLTemplateElement).content.cloneNode(true));
    template.remove();
    attachDeclarativeShadowRoots(shadow);
  }
}
