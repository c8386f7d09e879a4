/**
 * How often a tab may ask: token buckets per frame and per tab, for every request that comes from
 * inside a tab's pages (content scripts, the inline menu, the save prompt).
 *
 * Why: a hostile page controls when its content script and our framed pages are asked to send
 * (clicks, submits, frames it creates). Without a bound, a page looping requests would keep the
 * background busy parsing and answering and slow Tessera down for the popup. Each request takes
 * one token from its frame's bucket and one from its tab's bucket; buckets refill at a steady
 * rate. The frame bucket stops one frame looping; the tab bucket stops a page that spreads its
 * loop over many frames. Real pages send a handful of requests per click or submit, far below
 * either bound, and a burst (a page that loads dozens of frames at once) fits in the capacity.
 */

export interface BucketRule {
  /** Requests allowed at once, after a quiet spell. */
  capacity: number;
  /** Requests added back per second. */
  perSecond: number;
}

export interface TabLimits {
  frame: BucketRule;
  tab: BucketRule;
}

export const DEFAULT_TAB_LIMITS: TabLimits = {
  frame: { capacity: 30, perSecond: 5 },
  tab: { capacity: 120, perSecond: 20 },
};

/** Buckets kept before idle (full) ones are dropped; a full bucket is the same as none. */
const PRUNE_ABOVE = 500;

interface Bucket {
  tokens: number;
  at: number;
  /** Set by a refusal, cleared by the next grant: only the first refusal of a run is reported. */
  refusing: boolean;
}

export type Admission = { ok: true } | { ok: false; retryAfterMs: number; firstRefusal: boolean };

export function createRateLimiter(now: () => number, limits: TabLimits = DEFAULT_TAB_LIMITS) {
  const buckets = new Map<string, { bucket: Bucket; rule: BucketRule }>();
  /** A page making many frames must not make every request walk every bucket: prune once a second. */
  let prunedAt = Number.NEGATIVE_INFINITY;

  function bucketFor(key: string, rule: BucketRule, t: number): Bucket {
    let entry = buckets.get(key);
    if (!entry) {
      if (buckets.size >= PRUNE_ABOVE && t - prunedAt >= 1_000) prune(t);
      entry = { bucket: { tokens: rule.capacity, at: t, refusing: false }, rule };
      buckets.set(key, entry);
    }
    const { bucket } = entry;
    // A clock that goes back (a changed system time) refills nothing rather than going negative.
    const elapsed = Math.max(0, t - bucket.at);
    bucket.tokens = Math.min(rule.capacity, bucket.tokens + (elapsed * rule.perSecond) / 1000);
    bucket.at = t;
    return bucket;
  }

  function prune(t: number): void {
    prunedAt = t;
    for (const [key, { bucket, rule }] of buckets) {
      const tokens = bucket.tokens + (Math.max(0, t - bucket.at) * rule.perSecond) / 1000;
      if (tokens >= rule.capacity) buckets.delete(key);
    }
  }

  /** Time until `bucket` holds one whole token again. */
  const waitFor = (bucket: Bucket, rule: BucketRule) =>
    bucket.tokens >= 1 ? 0 : Math.ceil(((1 - bucket.tokens) * 1000) / rule.perSecond);

  return {
    /** Takes one token from the frame's and the tab's bucket, or takes none and says how long to wait. */
    admit(tabId: number, frameId: number): Admission {
      const t = now();
      const frame = bucketFor(`${tabId}:${frameId}`, limits.frame, t);
      const tab = bucketFor(`${tabId}`, limits.tab, t);
      const wait = Math.max(waitFor(frame, limits.frame), waitFor(tab, limits.tab));
      if (wait > 0) {
        const firstRefusal = !frame.refusing;
        frame.refusing = true;
        return { ok: false, retryAfterMs: wait, firstRefusal };
      }
      frame.tokens -= 1;
      tab.tokens -= 1;
      frame.refusing = false;
      return { ok: true };
    },
    /** How many buckets are kept (tests check the memory stays bounded). */
    get size(): number {
      return buckets.size;
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
