/**
 * The name of the broadcast the background sends to every extension page when the vault locks.
 * On its own so that a page's lock listener (src/ui/lock-broadcast.ts), which the popup's early
 * script runs too, does not import the request schemas of protocol.ts.
 */
export const LOCKED_EVENT = 'tessera.locked';
