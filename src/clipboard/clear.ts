/**
 * Emptying the clipboard from a page that has no focus (the offscreen document on Chrome, the
 * background event page on Firefox).
 *
 * navigator.clipboard.writeText needs a focused document, which these never are. document's
 * execCommand('copy') works without focus for an extension with clipboardWrite, and a 'copy'
 * listener that sets empty text/plain makes that copy write an empty clipboard.
 */
export function emptyClipboard(doc: Document): boolean {
  return writeClipboard(doc, '');
}

/**
 * Puts `text` on the clipboard from a page without focus, the same way: the background's copy of
 * a one-time code after a fill (setting "copy the code after a fill").
 */
export function writeClipboard(doc: Document, text: string): boolean {
  const onCopy = (event: ClipboardEvent) => {
    event.clipboardData?.setData('text/plain', text);
    event.preventDefault();
  };
  doc.addEventListener('copy', onCopy);
  try {
    return doc.execCommand('copy');
  } finally {
    doc.removeEventListener('copy', onCopy);
  }
}
