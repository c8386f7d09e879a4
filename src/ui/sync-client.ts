/**
 * The sync requests of the options page and the popup (the agreed protocol, docs/sync.md): one typed
 * call per request, through the pages' ordinary client (src/messages/client.ts), so a refusal is a
 * RequestError with the background's code like every other request.
 *
 * The types mirror the sync entries the background side declares in src/messages/protocol.ts; they
 * are spelled out here only until that branch is merged (then this module re-exports them).
 */

import { request } from '../messages/client';
import type { RequestType } from '../messages/protocol';

export interface SyncServer {
  url: string;
  username: string;
}

export interface SyncStatus {
  connected: boolean;
  server?: SyncServer;
  state: 'off' | 'idle' | 'syncing' | 'error' | 'locked';
  lastSyncedAt?: number;
  lastError?: { code: string; message: string };
  /** When another device changed the master password (or rotated the key), as this device learned. */
  keysChangedAt?: number;
  warnings: string[];
}

/** What connecting to a folder would do, shown before it is done. */
export type FolderPlan =
  | { kind: 'empty'; localItems: number }
  | { kind: 'vault'; createdAt: number; sameVault: boolean; otherFiles: number };

export interface SyncCredentials {
  url: string;
  username: string;
  password: string;
}

interface SyncRequests {
  'sync.status': [Record<string, never>, SyncStatus];
  'sync.inspect': [SyncCredentials, FolderPlan];
  'sync.connect': [SyncCredentials, SyncStatus];
  'sync.joinNew': [SyncCredentials & { masterPassword: string }, SyncStatus];
  'sync.now': [Record<string, never>, SyncStatus];
  'sync.disconnect': [Record<string, never>, SyncStatus];
}

export type SyncRequestType = keyof SyncRequests;

/** Sends one sync request; resolves with its reply or throws the background's RequestError. */
export function askSync<T extends SyncRequestType>(
  type: T,
  payload: SyncRequests[T][0],
): Promise<SyncRequests[T][1]> {
  // The cast goes once protocol.ts declares these types (see the module comment).
  const send = request as unknown as (message: { type: RequestType } & object) => Promise<SyncRequests[T][1]>;
  return send({ ...payload, type: type as unknown as RequestType });
}
