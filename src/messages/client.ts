/**
 * How extension pages talk to the background: one typed call that returns the value or throws a
 * RequestError carrying the background's code and message.
 */

import { browser } from 'wxt/browser';
import type { ErrorBody, Replies, Request, RequestType, Response } from './protocol';
import { FAST_LANE_TYPES, requestViaWorker } from './worker-channel';

export class RequestError extends Error {
  override readonly name = 'RequestError';
  constructor(readonly body: ErrorBody) {
    super(body.message);
  }
  get code(): string {
    return this.body.code;
  }
}

export async function request<T extends RequestType>(message: Request<T> & { type: T }): Promise<Replies[T]> {
  const fast = FAST_LANE_TYPES.has(message.type)
    ? ((await requestViaWorker(message as Request<'vault.list'>)) as Response<Replies[T]> | undefined)
    : undefined;
  const response = fast ?? ((await browser.runtime.sendMessage(message)) as Response<Replies[T]> | undefined);
  if (!response) throw new RequestError({ code: 'internal', message: 'Tessera did not answer. Try again.' });
  if (!response.ok) throw new RequestError(response.error);
  return response.value;
}
