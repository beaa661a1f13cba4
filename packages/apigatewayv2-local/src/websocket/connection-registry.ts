import type { ApiModel } from '../model/index.js';
import { CLOSE_CODES, SEND_BUFFER_LIMIT_BYTES, type WebSocketLimits } from './limits.js';
import type { ManagedConnection, SendResult } from './management-api.js';
import type { ConnectionContext } from './types.js';

/** What the registry needs of a client's socket; the server implements it over the WebSocket. */
export interface ConnectionChannel {
  /** Whether frames can still be sent (the socket is open). */
  readonly isOpen: () => boolean;
  /** Bytes written to the client and not yet sent. */
  readonly bufferedBytes: () => number;
  readonly send: (text: string) => void;
  /** Starts the closing handshake with `code`. */
  readonly close: (code: number, reason: string) => void;
  /** Drops the socket without a closing handshake. */
  readonly terminate: () => void;
}

/** A close code and reason: the one the gateway sent, or the one the client closed with. */
export interface CloseRequest {
  readonly code: number;
  readonly reason: string;
}

const IDLE_CLOSE: CloseRequest = { code: CLOSE_CODES.idle, reason: 'Going away: idle timeout' };
const DURATION_CLOSE: CloseRequest = { code: CLOSE_CODES.maxDuration, reason: 'Going away: maximum connection duration' };

/** One open connection: what the management API, the limits and `$disconnect` act on. */
export class LiveConnection implements ManagedConnection {
  readonly open = true;
  readonly openedAt: number;
  lastActiveAt: number;
  /** Set when a reload removed the connection's stage: it closes without `$disconnect`. */
  stageRemoved = false;
  /** The close the gateway started (limit, DELETE, error), reported to `$disconnect` instead of the echo. */
  closeRequested: CloseRequest | undefined;

  constructor(
    private readonly channel: ConnectionChannel,
    /** Replaced when a reload serves a new version of the API (same connection, new api and stage). */
    public context: ConnectionContext,
    private readonly now: () => number,
  ) {
    this.openedAt = now();
    this.lastActiveAt = this.openedAt;
  }

  /** A message went either way: the idle deadline moves. */
  touch(): void {
    this.lastActiveAt = this.now();
  }

  send(text: string): SendResult {
    if (!this.channel.isOpen() || this.closeRequested) return 'gone';
    if (this.channel.bufferedBytes() > SEND_BUFFER_LIMIT_BYTES) return 'buffer-full';
    this.channel.send(text);
    this.touch();
    return 'sent';
  }

  /**
   * Whether a message the client sent goes to its route: not once the connection is closing, and not a
   * binary one (AWS closes with 1003).
   */
  acceptMessage(isBinary: boolean): boolean {
    if (this.closeRequested) return false;
    if (isBinary) {
      this.close(CLOSE_CODES.unsupportedData, 'Binary frames are not supported');
      return false;
    }
    this.touch();
    return true;
  }

  /** Whether a ping gets its pong: a client that does not read its pongs is closed instead. */
  acceptPing(): boolean {
    if (this.closeRequested) return false;
    if (this.channel.bufferedBytes() <= SEND_BUFFER_LIMIT_BYTES) return true;
    this.close(CLOSE_CODES.policyViolation, 'Policy violation: pongs are not read');
    return false;
  }

  close(code: number, reason: string): void {
    if (this.closeRequested) return;
    this.closeRequested = { code, reason };
    this.channel.close(code, reason);
  }

  /** Remembers why the socket layer is closing the connection (a protocol error), unless the gateway asked first. */
  noteClose(close: CloseRequest): void {
    this.closeRequested ??= close;
  }

  terminate(): void {
    this.closeRequested ??= { code: CLOSE_CODES.goingAway, reason: 'Going away' };
    this.channel.terminate();
  }
}

/**
 * The open connections of one WebSocket API, by id, on the injected clock: which stage each belongs to,
 * when each must be closed for idling (no message either way for `idleTimeoutMs`) or for its age
 * (`maxConnectionDurationMs`), what a reload that removes a stage closes, and what `$disconnect` reports.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html#apigateway-execution-service-websocket-limits-table
 */
export class ConnectionRegistry {
  private readonly connections = new Map<string, LiveConnection>();
  private shuttingDown = false;

  constructor(
    private readonly limits: Pick<WebSocketLimits, 'idleTimeoutMs' | 'maxConnectionDurationMs'>,
    private readonly now: () => number,
  ) {}

  /** Whether `terminateAll` ran: a handshake that finishes now is dropped. */
  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  get size(): number {
    return this.connections.size;
  }

  get(connectionId: string): LiveConnection | undefined {
    return this.connections.get(connectionId);
  }

  add(context: ConnectionContext, channel: ConnectionChannel): LiveConnection {
    const live = new LiveConnection(channel, context, this.now);
    this.connections.set(context.connectionId, live);
    return live;
  }

  /**
   * The socket closed: forgets the connection and gives the close `$disconnect` reports (the gateway's own
   * close if it started one, else the client's), or undefined when no `$disconnect` runs (its stage was
   * removed, or the gateway is shutting down).
   */
  closed(connectionId: string, code: number, reason: string): CloseRequest | undefined {
    const live = this.connections.get(connectionId);
    this.connections.delete(connectionId);
    if (live === undefined || live.stageRemoved || this.shuttingDown) return undefined;
    return live.closeRequested ?? { code, reason };
  }

  /** When the connection must be closed, and with what, if nothing else closes it first. */
  deadlineOf(live: LiveConnection): { readonly at: number; readonly close: CloseRequest } {
    const idleAt = live.lastActiveAt + this.limits.idleTimeoutMs;
    const durationAt = live.openedAt + this.limits.maxConnectionDurationMs;
    return durationAt <= idleAt ? { at: durationAt, close: DURATION_CLOSE } : { at: idleAt, close: IDLE_CLOSE };
  }

  /** The earliest deadline of a connection that is not closing yet; undefined when there is none. */
  nextDeadline(): number | undefined {
    let next: number | undefined;
    for (const live of this.connections.values()) {
      if (live.closeRequested) continue;
      const { at } = this.deadlineOf(live);
      if (next === undefined || at < next) next = at;
    }
    return next;
  }

  /** Closes every connection whose deadline has passed; returns how many. */
  closeExpired(): number {
    const now = this.now();
    let closed = 0;
    for (const live of this.connections.values()) {
      if (live.closeRequested) continue;
      const deadline = this.deadlineOf(live);
      if (deadline.at > now) continue;
      live.close(deadline.close.code, deadline.close.reason);
      closed += 1;
    }
    return closed;
  }

  /**
   * A reload serves `api`: connections whose stage still exists carry on with the new stage's settings, the
   * others are closed with 1001 and get no `$disconnect`. Returns how many were closed.
   */
  replaceApi(api: ApiModel): number {
    let closed = 0;
    for (const live of this.connections.values()) {
      const stage = api.stages.find((candidate) => candidate.name === live.context.stage.name);
      if (stage === undefined) {
        live.stageRemoved = true;
        live.close(CLOSE_CODES.goingAway, 'Going away: stage removed');
        closed += 1;
      } else {
        live.context = { ...live.context, api, stage };
      }
    }
    return closed;
  }

  /** The gateway shuts down: every connection is dropped, none gets `$disconnect`. */
  terminateAll(): void {
    this.shuttingDown = true;
    for (const live of this.connections.values()) live.terminate();
  }
}
