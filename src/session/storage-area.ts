/**
 * The slice of browser.storage.{local,session} the session code uses, so it can run against an
 * in-memory fake in unit tests and against the real areas in the extension.
 */
export interface KeyValueArea {
  get(key: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string | string[]): Promise<void>;
}

/** An in-memory area (unit tests, and a stand-in where storage.session does not exist). */
export function memoryArea(): KeyValueArea & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    async get(key) {
      const out: Record<string, unknown> = {};
      for (const k of Array.isArray(key) ? key : [key])
        if (data.has(k)) out[k] = structuredClone(data.get(k));
      return out;
    },
    async set(items) {
      for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
    },
    async remove(key) {
      for (const k of Array.isArray(key) ? key : [key]) data.delete(k);
    },
  };
}
