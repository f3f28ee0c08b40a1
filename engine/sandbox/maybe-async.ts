/**
 * Helpers for work that finishes synchronously on the hot path and asynchronously otherwise, so a
 * short sandbox call costs no chain of promises.
 */

export type MaybePromise<T> = T | Promise<T>;

/** Runs `next` on the value now, or once the promise settles. */
export function chain<T, U>(
  value: MaybePromise<T>,
  next: (settled: T) => MaybePromise<U>,
): MaybePromise<U> {
  return value instanceof Promise ? value.then(next) : next(value);
}

/** Runs `work` and returns its result as a promise, turning a synchronous throw into a rejection. */
export function settle<T>(work: () => MaybePromise<T>): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error);
  }
}

/** Maps a synchronous throw or an asynchronous rejection of `work` through `mapError`. */
export function mapFailure<T>(work: () => MaybePromise<T>, mapError: (error: unknown) => unknown) {
  let result: MaybePromise<T>;
  try {
    result = work();
  } catch (error) {
    throw mapError(error);
  }
  if (!(result instanceof Promise)) return result;
  return result.catch((error: unknown) => {
    throw mapError(error);
  });
}
