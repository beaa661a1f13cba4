/** The outcome of racing a promise against a timer. */
export type Timed<T> = { readonly kind: 'done'; readonly value: T } | { readonly kind: 'timed-out' };

/**
 * Races `work` against `timeoutMs`. On timeout, `onTimeout` runs (to abort a socket, say) and the work is
 * left to finish on its own: API Gateway stops waiting but the function keeps running (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html). A late
 * rejection is swallowed so it cannot become an unhandled rejection.
 */
export function withTimeout<T>(work: Promise<T>, timeoutMs: number, onTimeout?: () => void): Promise<Timed<T>> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      onTimeout?.();
      resolve(TIMED_OUT);
    }, timeoutMs);
    work.then(
      (value) => {
        if (settled) return;
        clearTimeout(timer);
        resolve({ kind: 'done', value });
      },
      (error: unknown) => {
        if (settled) return;
        clearTimeout(timer);
        // The caller's promise carries the work's own failure, whatever was thrown.
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
        reject(error);
      },
    );
  });
}

const TIMED_OUT = { kind: 'timed-out' } as const;
