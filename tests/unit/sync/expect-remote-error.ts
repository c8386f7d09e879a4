// The RemoteError a promise rejects with, for transport tests: fails the test when the promise resolves
// (a write reported as done) or rejects with anything else.

import { expect } from 'vitest';
import { RemoteError } from '../../../src/sync/remote-store';

export async function remoteError(promise: Promise<unknown>): Promise<RemoteError> {
  const error = await promise.then(
    () => expect.fail('expected a RemoteError, but the call succeeded'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RemoteError);
  return error as RemoteError;
}
