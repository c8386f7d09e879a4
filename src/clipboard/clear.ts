/**
 * Emptying the clipboard from a page that has no focus (the offscreen document on Chrome, the
 * background event page on Firefox).
 *
 * navigator.clipboard.writeText needs a focused document, which these never are. document's
 * execCommand('copy') works without focus for an extension with clipboardWrite, and a 'copy'
 * listener that sets empty text/plain makes that copy write an empty clipboard.
 */
export function emptyClipboard(doc: Document): boolean {
  const onCopy = (event: ClipboardEvent) => {
    event.clipboardData?.setData('text/plain', '');
    event.preventDefault();
  };
  doc.addEventListener('copy', onCopy);
  try {
    return doc.execCommand('copy');
  } finally {
    doc.removeEventListener('copy', onCopy);
  }
}
