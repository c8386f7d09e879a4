/**
 * Who may ask what: the four audiences a request in protocol.ts is for, and which one a sender is.
 *
 *   'page'    this extension's own pages that no web page can load (popup, options, offscreen):
 *             they may do anything.
 *   'options' only the options page, as a tab's top-level document (a 'page' sender whose path is
 *             OPTIONS_PAGE): requests whose answer only that page needs (the health report).
 *   'menu'    the inline menu (inline-menu.html) framed in a tab by the content script.
 *   'prompt'  the save prompt (save-prompt.html) framed in a tab by the content script.
 *   'content' a content script, which may only ask about its own frame.
 *
 * Safety facts: the two framed pages are the extension's only web-accessible pages
 * (wxt.config.ts lists exactly FRAMED_PAGES), so they live inside pages an attacker controls. Each
 * gets only the requests it sends, never a page's rights: the audience comes from the path the
 * browser reports for the sender (never from the message), and a path that is web-accessible
 * always maps to its narrow audience. Full 'page' rights need a path no web page can load, shown
 * outside any tab (the toolbar popup, the offscreen document) or as a tab's top-level document
 * (the options page): one of our pages framed inside another page gets no rights at all.
 */

export type Audience = 'page' | 'options' | 'menu' | 'prompt' | 'content';

/** The options page's file in the build. */
export const OPTIONS_PAGE = 'options.html';

/** The web-accessible pages (file name in the build) and the audience each may speak for. */
export const FRAMED_PAGES = {
  'inline-menu.html': 'menu',
  'save-prompt.html': 'prompt',
} as const satisfies Record<string, Audience>;

/**
 * The lazily loaded part of the autofill content script (entrypoints/autofill-forms.ts). A content
 * script can import a module only when it is web-accessible, so it is; it is code, not a page, and
 * a document showing it as text runs nothing (classifySender gives it no audience at all).
 */
export const AUTOFILL_FORMS_SCRIPT = 'autofill-forms.js';

/** The web-accessible scripts: never a sender (src/messages/sender.ts). */
export const WEB_ACCESSIBLE_SCRIPTS: readonly string[] = [AUTOFILL_FORMS_SCRIPT];

/** Whether `path` ("/autofill-forms.js") is one of the web-accessible scripts. */
export function isWebAccessibleScript(path: string): boolean {
  return WEB_ACCESSIBLE_SCRIPTS.includes(path.replace(/^\//, ''));
}

/** Who is asked to describe each audience in a refusal ("may be asked only by ..."). */
export const AUDIENCE_NAMES: Record<Audience, string> = {
  page: "Tessera's own pages (popup, options)",
  options: "Tessera's options page",
  menu: "Tessera's inline menu",
  prompt: "Tessera's save prompt",
  content: 'a Tessera content script',
};

/** The framed page served at `path` ("/inline-menu.html"), if it is one. */
export function framedAudience(path: string): 'menu' | 'prompt' | undefined {
  const name = path.replace(/^\//, '');
  return Object.hasOwn(FRAMED_PAGES, name) ? FRAMED_PAGES[name as keyof typeof FRAMED_PAGES] : undefined;
}
