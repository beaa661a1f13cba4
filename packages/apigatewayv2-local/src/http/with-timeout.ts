/** The outcome of racing a promise against a timer. */
export type Timed<T> = { readonly kind: 'done'; readonly value: T } | { readonly kind: 'timed-out' };

/**
 * Races `work` against `timeoutMs`. On timeout, `onTimeout` runs (to abort a socket, say) and the work is
 * left to finish on its own: API Gateway stops waiting but the function keeps running (spec 2.8). A late
 * rejection is swallowed so it cannot become an unhandled rejection.
 */
export async function withTimeout<T>(work: Promise<T>, timeoutMs: number, onTimeout?: () => void): Promise<Timed<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Timed<T>>((resolve) => {
    timer = setTimeout(() => {
      onTimeout?.();
      resolve({ kind: 'timed-out' });
    }, timeoutMs);
  });
  work.catch(() => undefined);
  try {
    return await Promise.race([work.then((value): Timed<T> => ({ kind: 'done', value })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
