/**
 * Saves text as a file through the browser's download flow (a Blob URL on an <a download>), so no
 * "downloads" permission is needed. The object URL is revoked once the click has been dispatched.
 */

export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the click; a short delay keeps slower browsers safe.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
