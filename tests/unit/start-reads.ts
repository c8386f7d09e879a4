// What a script injected into every page reads at start (issue 18: the first read of an interface
// in a content script's world builds it there, which every frame pays): `recorded` gives a view of
// an object that records each property read and `in` test, for the start-cost tests of the
// passkey scripts and the autofill content script.

/**
 * `target` as a script sees it, every property read (`name`) and `in` test (`in name`) recorded
 * in `reads`; `extra` adds or replaces properties. Methods are bound to `target`, so the view can
 * stand in for a window or a DOM object; constructors (capitalised names) are left unbound.
 */
export function recorded<T extends object>(target: T, extra: Record<string, unknown> = {}) {
  const reads: string[] = [];
  const view = new Proxy(target, {
    get(object, key) {
      reads.push(String(key));
      const value = key in extra ? extra[key as string] : Reflect.get(object, key, object);
      return typeof value === 'function' && !/^[A-Z]/.test(String(key)) ? value.bind(object) : value;
    },
    has(object, key) {
      reads.push(`in ${String(key)}`);
      return key in extra || Reflect.has(object, key);
    },
  });
  return { view: view as T, reads };
}
