/**
 * The host permission a sync folder needs: its origin, as a match pattern both browsers accept.
 *
 * Why no port: Firefox's match patterns cannot name a port (and match every port of the host), and
 * Chrome's without a port also match every port; so `https://dav.example/*` is the one pattern that
 * works in both. The options page asks for exactly this pattern (permissions.request, from the click
 * that connects), and the background checks it (permissions.contains) before every fetch.
 */

export function folderOriginPattern(folder: URL): string {
  return `${folder.protocol}//${folder.hostname}/*`;
}
