import { describe, expect, it } from 'vitest';
import { FolderUrlError, normalizeFolderUrl } from '../../../src/sync/folder-url';

describe('normalizeFolderUrl', () => {
  it.each([
    [
      'https://cloud.example.com/remote.php/dav/files/alice/Tessera',
      'https://cloud.example.com/remote.php/dav/files/alice/Tessera/',
    ],
    ['  https://host.example/dav/Tessera/ ', 'https://host.example/dav/Tessera/'],
    ['http://127.0.0.1:8080/Tessera', 'http://127.0.0.1:8080/Tessera/'],
    ['http://localhost:8080/Tessera/', 'http://localhost:8080/Tessera/'],
  ])('accepts %s as %s', (input, expected) => {
    expect(normalizeFolderUrl(input).href).toBe(expected);
  });

  it.each([
    ['not a url', 'not a URL'],
    ['ftp://host/x/', 'must start with https://'],
    ['http://cloud.example.com/Tessera/', 'must use https://'],
    ['https://alice:secret@host/x/', 'their own fields'],
    ['https://host/x/?a=1', 'without ?query'],
  ])('refuses %s, saying why', (input, reason) => {
    expect(() => normalizeFolderUrl(input)).toThrow(FolderUrlError);
    expect(() => normalizeFolderUrl(input)).toThrow(reason);
  });
});
