import { WebSocket, type ClientOptions } from 'ws';

/**
 * How long a test waits for a frame or a condition by default: a bound, not an expectation. A function's
 * first invocation starts its environment, which on a loaded 2-core CI machine can take several seconds.
 */
const FRAME_TIMEOUT_MS = 15_000;

/** A connected test client that queues every text frame it receives and remembers how it closed. */
export interface TestClient {
  readonly ws: WebSocket;
  /** Resolves with the next frame (queued or future); rejects after `timeoutMs`. */
  next(timeoutMs?: number): Promise<string>;
  /** Frames received and not yet taken with `next`. */
  readonly pending: string[];
  /** Resolves with the close code and reason once the connection closed (either side). */
  readonly closed: Promise<{ readonly code: number; readonly reason: string }>;
}

/** How a handshake ended: an open connection, or the HTTP status the server refused it with. */
export type Handshake = { readonly kind: 'open'; readonly client: TestClient } | { readonly kind: 'refused'; readonly status: number; readonly body: string };

export function handshake(url: string, options: ClientOptions & { protocols?: string[] } = {}): Promise<Handshake> {
  const ws = new WebSocket(url, options.protocols ?? [], options);
  const pending: string[] = [];
  const waiters: ((frame: string) => void)[] = [];
  ws.on('message', (data) => {
    const text = (data as Buffer).toString('utf8');
    const waiter = waiters.shift();
    if (waiter) waiter(text);
    else pending.push(text);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') }));
  });
  const client: TestClient = {
    ws,
    pending,
    closed,
    next(timeoutMs = FRAME_TIMEOUT_MS) {
      const queued = pending.shift();
      if (queued !== undefined) return Promise.resolve(queued);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`no frame within ${timeoutMs} ms`));
        }, timeoutMs);
        const waiter = (frame: string): void => {
          clearTimeout(timer);
          resolve(frame);
        };
        waiters.push(waiter);
      });
    },
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ kind: 'open', client }));
    ws.once('unexpected-response', (_request, response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ kind: 'refused', status: response.statusCode ?? 0, body }));
    });
    ws.once('error', (error) => reject(error));
  });
}

/** Opens a connection and fails the test when the server refuses it. */
export async function connect(url: string, options: ClientOptions & { protocols?: string[] } = {}): Promise<TestClient> {
  const result = await handshake(url, options);
  if (result.kind === 'refused') throw new Error(`handshake refused with ${result.status}: ${result.body}`);
  return result.client;
}

/** Waits `ms` (to show that nothing arrives). */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `read` until it returns a value (not undefined) or `timeoutMs` passes. */
export async function eventually<T>(read: () => T | undefined, timeoutMs = FRAME_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await pause(20);
  }
}
