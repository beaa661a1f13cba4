import { setDeadline, settleDeadline } from './deadline-lists.js';

/** The outcome of racing a promise against a timer. */
export type Timed<T> = { readonly kind: 'done'; readonly value: T } | { readonly kind: 'timed-out' };

/**
 * Races `work` against `timeoutMs`. On timeout, `onTimeout` runs (to abort a socket, say) and the work is
 * left to finish on its own: API Gateway stops waiting but the function keeps running (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html). A late
 * rejection is swallowed so it cannot become an unhandled rejection. The deadline shares its timer with
 * the others of the same duration (`deadline-lists.ts`).
 */
export function withTimeout<T>(work: Promise<T>, timeoutMs: number, onTimeout?: () => void): Promise<Timed<T>> {
  return new Promise((resolve, reject) => {
    const deadline = setDeadline(timeoutMs, () => {
      onTimeout?.();
      resolve(TIMED_OUT);
    });
    work.then(
      (value) => {
        if (settleDeadline(deadline)) resolve({ kind: 'done', value });
      },
      (error: unknown) => {
        // The caller's promise carries the work's own failure, whatever was thrown.
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
        if (settleDeadline(deadline)) reject(error);
      },
    );
  });
}

const TIMED_OUT = { kind: 'timed-out' } as const;
