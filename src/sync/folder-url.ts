// The sync folder's address as a person types it, checked and put in one canonical form.
//
// URL forms (the folder must exist; Tessera does not create it):
//   Nextcloud / ownCloud  https://cloud.example.com/remote.php/dav/files/USER/Tessera/
//   Apache mod_dav        https://host.example.com/dav/Tessera/   (wherever `Dav On` is set)
//   rclone serve webdav   http://127.0.0.1:8080/Tessera/          (the served remote's folder)
//
// Safety fact: Basic auth sends the app password with every request, so plain http is refused except to
// this machine (loopback), where nothing crosses a network.

export class FolderUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FolderUrlError';
  }
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The folder URL with a trailing slash, or FolderUrlError saying what is wrong with `input`. */
export function normalizeFolderUrl(input: string): URL {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new FolderUrlError(
      'The server address is not a URL: it should look like https://host/path/to/folder/',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new FolderUrlError(`The server address must start with https:// (not ${url.protocol}//)`);
  }
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) {
    throw new FolderUrlError(
      'The server address must use https://: over http:// the app password would cross the network readable',
    );
  }
  if (url.username || url.password) {
    throw new FolderUrlError('Put the user name and app password in their own fields, not in the address');
  }
  if (url.search || url.hash) {
    throw new FolderUrlError('The server address must be a folder, without ?query or #fragment');
  }
  if (!url.pathname.endsWith('/')) url.pathname = `${url.pathname}/`;
  return url;
}
