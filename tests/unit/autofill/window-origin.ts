// happy-dom has no `window.origin` (every browser does, and the content script reads the document's
// real origin from it: a sandboxed document's is 'null' whatever its URL says). Tests that run the
// content script give the window one, its URL's origin unless told otherwise.

export function setWindowOrigin(origin: string = window.location.origin): void {
  Object.defineProperty(window, 'origin', { value: origin, configurable: true, writable: true });
}
