/**
 * Checks every fill into a frame makes first, shared by the login fill (fill.ts) and the code fill
 * (fill-code.ts): is the frame still on the matched origin and not sandboxed, which field has the
 * focus, and where the form would post.
 *
 * Safety fact: the origin is the document's real one (window.origin), never its URL, so a
 * sandboxed document that names the site in its URL is still refused.
 */

import { formOwner } from '../grouping';
import type { DetectedForm } from '../types';
import { formActionOrigins } from './value';

/**
 * Whether the document runs with an opaque origin (HTML "sandboxed origin browsing context flag":
 * CSP `sandbox`, `<iframe sandbox>` without allow-same-origin; also data: documents). Such a
 * document is treated as no site: it is never filled and its submissions are never offered.
 */
export function isOpaqueOrigin(view: Window): boolean {
  return view.origin === 'null';
}

/**
 * Why this frame refuses any fill, or null: no window, a sandboxed document, or a document that is
 * no longer on the origin the background matched.
 */
export function frameRefusal(
  view: Window | null,
  origin: string,
): { ok: false; code: 'origin-changed' | 'sandboxed' } | null {
  if (!view) return { ok: false, code: 'origin-changed' };
  // window.origin, not location.origin: the URL of a sandboxed document still names the site.
  if (isOpaqueOrigin(view)) return { ok: false, code: 'sandboxed' };
  if (view.origin !== origin) return { ok: false, code: 'origin-changed' };
  return null;
}

export function deepActiveElement(doc: Document): Element | null {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/**
 * Where the form could send the fields: its action's origin and each submitter's formaction
 * origin (value.ts, formActionOrigins), or [] for fields outside any form (nothing is posted by the
 * browser; the page's own script sends them, on its own origin).
 */
export function actionOrigins(form: DetectedForm, pageUrl: string): string[] {
  const input = form.fields[0]?.input;
  const owner = input ? formOwner(input) : null;
  return owner ? formActionOrigins(owner, pageUrl) : [];
}
