/**
 * One job at a time, in the order they were asked for. Used wherever a read-change-write must not
 * interleave with another: the Session's work on the vault key, the settings object, the never-save
 * list.
 *
 * A job that fails does not block the ones after it; its own caller still sees the failure.
 */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();

  /** Runs `job` after every job queued before it has settled; resolves or rejects as `job` does. */
  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(job);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}
