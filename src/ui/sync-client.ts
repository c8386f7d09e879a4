/**
 * The sync requests of the options page and the popup, each one typed call through the pages'
 * ordinary client (src/messages/client.ts): a refusal is a RequestError with the background's code
 * like every other request. The replies are src/sync/status.ts's types.
 */

import { request } from '../messages/client';
import type { Replies, Request } from '../messages/protocol';

export type { FolderPlan, SyncStatus } from '../sync/status';

export type SyncRequestType =
  | 'sync.status'
  | 'sync.inspect'
  | 'sync.connect'
  | 'sync.joinNew'
  | 'sync.now'
  | 'sync.disconnect'
  | 'sync.rejoin';

/** The folder, its user name and app password, as sync.inspect / connect take them. */
export type SyncCredentials = Omit<Request<'sync.connect'>, 'type'>;

/** Sends one sync request; resolves with its reply or throws the background's RequestError. */
export function askSync<T extends SyncRequestType>(
  type: T,
  payload: Omit<Request<T>, 'type'>,
): Promise<Replies[T]> {
  return request<T>({ ...payload, type } as Request<T> & { type: T });
}
