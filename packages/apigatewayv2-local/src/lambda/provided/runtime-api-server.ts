import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChildMessage, ErrorFields, ParentMessage } from '../environment-messages.js';
import type { ProcessChannel } from '../process-channel.js';
import { MAX_RESPONSE_BYTES, responseSizeError } from '../process-execution-environment.js';

/**
 * A local Lambda Runtime API (version 2018-06-01) for one execution environment of a custom runtime:
 * the bootstrap long-polls `GET /runtime/invocation/next` and answers with `POST …/{id}/response` or
 * `…/{id}/error`, or reports `POST /runtime/init/error`. To the gateway it is the environment's
 * `ProcessChannel`: the same messages as the JSON-lines runtimes, carried over HTTP instead.
 * https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html
 *
 * It lives here rather than in `src/server/` because it is not the gateway's public endpoint but the
 * private channel of one environment, like the pipes of the other runtimes, and ends with it.
 */
export interface RuntimeApi {
  /** `host:port`, the value of `AWS_LAMBDA_RUNTIME_API`. */
  readonly address: string;
  readonly channel: ProcessChannel;
  /** Stops listening and drops the bootstrap's connections. Safe to call more than once. */
  close(): void;
}

const API_PREFIX = '/2018-06-01/runtime/';

/**
 * The error type Lambda's error-report endpoint falls back to when the runtime names none (neither in the
 * body nor in `Lambda-Runtime-Function-Error-Type`); *unconfirmed*.
 */
export const UNNAMED_FUNCTION_ERROR_TYPE = 'Unhandled';

/** Answers to requests the Runtime API refuses (status, `errorType`); the types are *unconfirmed*. */
const REFUSALS = {
  /** A response or error for a request id that is not the running invocation's (unknown, or already answered). */
  invalidRequestId: [400, 'InvalidRequestID'],
  /** `init/error` after the first `next` (init is over), or a second `next` while one waits. */
  invalidStateTransition: [403, 'InvalidStateTransition'],
  /** A response over Lambda's 6 MB limit. */
  payloadTooLarge: [413, 'RequestEntityTooLarge'],
  notFound: [404, 'NotFound'],
} as const satisfies Record<string, readonly [number, string]>;

interface Queued {
  readonly requestId: string;
  readonly body: string;
  readonly invokedFunctionArn: string;
  readonly timeoutMs: number;
}

/** Starts a Runtime API on 127.0.0.1 and a free port. */
export async function startRuntimeApi(): Promise<RuntimeApi> {
  const api = new LocalRuntimeApi();
  const server = createServer((request, response) => api.handle(request, response));
  // `next` may wait as long as the environment is idle.
  server.requestTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let closed = false;
  return {
    address: `127.0.0.1:${port}`,
    channel: api,
    close: () => {
      if (closed) return;
      closed = true;
      server.close();
      server.closeAllConnections();
    },
  };
}

class LocalRuntimeApi implements ProcessChannel {
  private listener?: (message: ChildMessage) => void;
  /** Invocations sent by the gateway and not yet handed to the bootstrap. */
  private readonly queued: Queued[] = [];
  /** The bootstrap's `next` request, while it waits for an invocation. */
  private waitingNext?: ServerResponse;
  /** The invocation handed to the bootstrap and not yet answered. */
  private running?: string;
  /** The bootstrap asked for its first invocation: Lambda's init phase is over. */
  private initialized = false;

  send(message: ParentMessage): void {
    switch (message.type) {
      case 'invoke': {
        // Throws for what JSON cannot carry (BigInt, cycles): the environment reports it to the caller.
        const body = JSON.stringify(message.event) ?? 'null';
        this.queued.push({ requestId: message.requestId, body, invokedFunctionArn: message.invokedFunctionArn, timeoutMs: message.timeoutMs });
        this.deliver();
        return;
      }
      case 'withdraw': {
        // Still here, so never handed to the bootstrap: it can be taken back.
        const index = this.queued.findIndex((queued) => queued.requestId === message.requestId);
        if (index >= 0) {
          this.queued.splice(index, 1);
          this.emit({ type: 'withdrawn', requestId: message.requestId });
        }
        return;
      }
    }
  }

  onMessage(listener: (message: ChildMessage) => void): void {
    this.listener = listener;
  }

  handle(request: IncomingMessage, response: ServerResponse): void {
    const path = (request.url ?? '').split('?')[0] ?? '';
    const route = path.startsWith(API_PREFIX) ? path.slice(API_PREFIX.length).split('/') : [];
    if (request.method === 'GET' && route.join('/') === 'invocation/next') return this.next(response);
    if (request.method === 'POST' && route.join('/') === 'init/error') return this.initError(request, response);
    if (request.method === 'POST' && route.length === 3 && route[0] === 'invocation' && (route[2] === 'response' || route[2] === 'error')) {
      return this.answer(decodeURIComponent(route[1] ?? ''), route[2], request, response);
    }
    request.resume();
    refuse(response, REFUSALS.notFound, `No Runtime API resource ${request.method ?? ''} ${path}`);
  }

  /** `GET /runtime/invocation/next`: the first one ends the init phase; it waits until there is an invocation. */
  private next(response: ServerResponse): void {
    if (this.waitingNext !== undefined) {
      refuse(response, REFUSALS.invalidStateTransition, 'Another request for the next invocation is already waiting');
      return;
    }
    this.waitingNext = response;
    response.once('close', () => {
      if (this.waitingNext === response) this.waitingNext = undefined;
    });
    if (!this.initialized) {
      this.initialized = true;
      this.emit({ type: 'ready' });
    }
    this.deliver();
  }

  /** Hands the first queued invocation to a waiting bootstrap that has answered the one before. */
  private deliver(): void {
    const response = this.waitingNext;
    const invocation = this.queued[0];
    if (response === undefined || invocation === undefined || this.running !== undefined) return;
    this.queued.shift();
    this.waitingNext = undefined;
    this.running = invocation.requestId;
    response.writeHead(200, {
      'content-type': 'application/json',
      'lambda-runtime-aws-request-id': invocation.requestId,
      // The function's timeout counts from now, as the environment counts it.
      'lambda-runtime-deadline-ms': String(Date.now() + invocation.timeoutMs),
      'lambda-runtime-invoked-function-arn': invocation.invokedFunctionArn,
      'lambda-runtime-trace-id': newTraceHeader(),
    });
    response.end(invocation.body);
  }

  /** `POST /runtime/invocation/{id}/response` or `…/error`. */
  private answer(requestId: string, kind: 'response' | 'error', request: IncomingMessage, response: ServerResponse): void {
    if (requestId !== this.running) {
      request.resume();
      refuse(response, REFUSALS.invalidRequestId, `Request id '${requestId}' is not the running invocation's`);
      return;
    }
    readBody(request, (body, bytes) => {
      if (requestId !== this.running) {
        refuse(response, REFUSALS.invalidRequestId, `Request id '${requestId}' was already answered`);
        return;
      }
      this.running = undefined;
      if (body === undefined) {
        refuse(response, REFUSALS.payloadTooLarge, `Response of ${bytes} bytes exceeds the ${MAX_RESPONSE_BYTES}-byte limit`);
        this.emit({ type: 'error', requestId, ...responseSizeError(bytes) });
      } else {
        accept(response);
        this.emit(kind === 'response' ? { type: 'result', requestId, payload: body } : { type: 'error', requestId, ...errorFields(body, request) });
      }
      this.deliver();
    });
  }

  /** `POST /runtime/init/error`: the init phase failed; the error answers the invocation that started it. */
  private initError(request: IncomingMessage, response: ServerResponse): void {
    if (this.initialized) {
      request.resume();
      refuse(response, REFUSALS.invalidStateTransition, 'The init phase is over (the runtime asked for an invocation)');
      return;
    }
    readBody(request, (body) => {
      accept(response);
      this.emit({ type: 'init-error', ...errorFields(body ?? '', request) });
    });
  }

  /** Messages arrive after the request that caused them, as they would from a pipe. */
  private emit(message: ChildMessage): void {
    queueMicrotask(() => this.listener?.(message));
  }
}

/**
 * Reads a request body up to Lambda's response limit; `body` is undefined when it is larger (the rest is
 * read and dropped, so the bootstrap gets its answer).
 */
function readBody(request: IncomingMessage, done: (body: string | undefined, bytes: number) => void): void {
  const chunks: Buffer[] = [];
  let bytes = 0;
  request.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes <= MAX_RESPONSE_BYTES) chunks.push(chunk);
  });
  request.once('end', () => done(bytes <= MAX_RESPONSE_BYTES ? Buffer.concat(chunks).toString('utf8') : undefined, bytes));
}

/**
 * The error a runtime reports: `errorType`, `errorMessage` and `stackTrace` from its JSON body, the type
 * from `Lambda-Runtime-Function-Error-Type` when the body names none; a body that is not a JSON object is
 * the message.
 */
function errorFields(body: string, request: IncomingMessage): ErrorFields {
  const header = request.headers['lambda-runtime-function-error-type'];
  const headerType = typeof header === 'string' && header !== '' ? header : UNNAMED_FUNCTION_ERROR_TYPE;
  const parsed = parseObject(body);
  if (parsed === undefined) return { errorType: headerType, errorMessage: body, trace: [] };
  const { errorType, errorMessage, stackTrace } = parsed;
  return {
    errorType: typeof errorType === 'string' && errorType !== '' ? errorType : headerType,
    errorMessage: typeof errorMessage === 'string' ? errorMessage : '',
    trace: Array.isArray(stackTrace) ? stackTrace.map(String) : typeof stackTrace === 'string' ? stackTrace.split('\n') : [],
  };
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function accept(response: ServerResponse): void {
  response.writeHead(202, { 'content-type': 'application/json' });
  response.end('{"status":"OK"}');
}

function refuse(response: ServerResponse, [status, errorType]: readonly [number, string], errorMessage: string): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ errorMessage, errorType }));
}

/**
 * An X-Ray tracing header like the one Lambda passes (`Root=1-{epoch seconds in hex}-{96 random bits};
 * Parent=…;Sampled=0`); nothing is traced locally, so it is never sampled.
 * https://docs.aws.amazon.com/xray/latest/devguide/xray-concepts.html#xray-concepts-tracingheader
 */
export function newTraceHeader(now = Date.now()): string {
  const seconds = Math.floor(now / 1000).toString(16).padStart(8, '0');
  return `Root=1-${seconds}-${randomBytes(12).toString('hex')};Parent=${randomBytes(8).toString('hex')};Sampled=0`;
}
