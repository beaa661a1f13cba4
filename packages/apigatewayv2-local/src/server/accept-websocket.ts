import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { connectClient } from '../websocket/connect-client.js';
import { disconnectClient, receiveMessage } from '../websocket/connection-lifecycle.js';
import type { ConnectionRegistry, LiveConnection } from '../websocket/connection-registry.js';
import { CLOSE_CODES, FrameScanner, maxFragments, type WebSocketLimits } from '../websocket/limits.js';
import type { ConnectionContext, WebSocketDeps, WebSocketLogRecord } from '../websocket/types.js';
import type { CompiledWebSocketApi } from '../websocket/websocket-api.js';
import { checkHandshake } from './check-handshake.js';
import { NO_BODY, readReceivedRequest } from './request-parts.js';
import { writeRawResponse } from './write-raw-response.js';

export interface AcceptWebSocketOptions {
  /** The API as served now (a reload replaces it). */
  readonly compiled: () => CompiledWebSocketApi;
  readonly registry: ConnectionRegistry;
  readonly deps: WebSocketDeps;
  readonly limits: WebSocketLimits;
  /** Settles once every API listens: handshakes wait for it. */
  readonly ready: Promise<void>;
  /** One record per connect, message and disconnect. */
  readonly onEvent?: (record: WebSocketLogRecord) => void;
  /** A failure of the gateway itself (a bug, not a function error). */
  readonly onError: (message: string, error: unknown) => void;
  /** A connection opened: its deadline may be the earliest. */
  readonly onOpen: () => void;
}

/** ws error codes → the close code the connection ends with. */
const WS_ERROR_CLOSE_CODES: Readonly<Record<string, number>> = {
  WS_ERR_UNSUPPORTED_MESSAGE_LENGTH: CLOSE_CODES.messageTooBig,
  WS_ERR_INVALID_UTF8: 1007,
  WS_ERR_TOO_MANY_BUFFERED_PARTS: CLOSE_CODES.policyViolation,
};

/**
 * Turns upgrade requests into WebSocket connections: `$connect` runs before the handshake completes (`ws`
 * with `noServer`), so a refused client never sees an open socket; an accepted one joins the registry, and
 * its frames, pings and close are wired to the connection lifecycle.
 */
export class WebSocketAcceptor {
  private readonly subprotocols = new WeakMap<IncomingMessage, string>();
  private readonly wss: WebSocketServer;

  constructor(private readonly options: AcceptWebSocketOptions) {
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.limits.maxMessageBytes,
      maxFragments: maxFragments(options.limits),
      // Pings are answered in `wire`, where a client that does not read its pongs is closed with a close frame.
      autoPong: false,
      perMessageDeflate: false,
      clientTracking: false,
      handleProtocols: (_offered, request) => this.subprotocols.get(request) ?? false,
    });
  }

  /** An HTTP server's `upgrade` listener. */
  onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    this.handshake(request, socket, head).catch((error: unknown) => {
      this.options.onError(`handshake of ${request.url ?? '/'} failed`, error);
      writeRawResponse(socket, 500, [], Buffer.from('{"message":"Internal Server Error"}'));
    });
  }

  close(): void {
    this.wss.close();
  }

  private async handshake(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const { options } = this;
    const upgrade = readReceivedRequest(request, NO_BODY, Date.now());
    await options.ready;
    // What `ws` would refuse after `$connect` ran is refused before it.
    const refusal = checkHandshake(request);
    if (refusal !== undefined) {
      writeRawResponse(socket, refusal.status, refusal.headers, Buffer.alloc(0));
      return;
    }
    const outcome = await connectClient(options.compiled(), upgrade, options.deps);
    if (outcome.kind === 'rejected') {
      writeRawResponse(socket, outcome.status, outcome.headers, outcome.body);
      options.onEvent?.(outcome.log);
      return;
    }
    if (options.registry.isShuttingDown || socket.destroyed) {
      socket.destroy();
      options.onEvent?.({ ...outcome.log, status: 1006, error: 'the client left before $connect finished' });
      return;
    }
    if (outcome.subprotocol !== undefined) this.subprotocols.set(request, outcome.subprotocol);
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      options.onEvent?.(outcome.log);
      this.wire(ws, outcome.connection, socket as Socket);
    });
  }

  private wire(ws: WebSocket, context: ConnectionContext, socket: Socket): void {
    const { options } = this;
    const live = options.registry.add(context, {
      isOpen: () => ws.readyState === WebSocket.OPEN,
      bufferedBytes: () => ws.bufferedAmount,
      send: (text) => ws.send(text),
      close: (code, reason) => ws.close(code, reason),
      terminate: () => ws.terminate(),
    });
    options.onOpen();
    const scanner = new FrameScanner(options.limits.maxFrameBytes);
    socket.prependListener('data', (chunk: Buffer) => {
      if (live.closeRequested) return;
      if (scanner.feed(chunk).kind === 'frame-too-large') live.close(CLOSE_CODES.messageTooBig, 'Frame too big');
    });
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (live.acceptMessage(isBinary)) this.receive(live, rawText(data));
    });
    ws.on('ping', (data: Buffer) => {
      if (live.acceptPing()) ws.pong(data);
    });
    ws.on('error', (error: Error & { code?: string }) => {
      // ws closes the socket itself after a protocol error; remember why for $disconnect.
      live.noteClose({ code: WS_ERROR_CLOSE_CODES[error.code ?? ''] ?? 1002, reason: error.message });
    });
    ws.on('close', (code: number, reason: Buffer) => this.disconnect(live, code, reason.toString('utf8')));
  }

  private receive(live: LiveConnection, text: string): void {
    const { options } = this;
    receiveMessage(options.compiled(), live.context, text, options.deps).then(
      (outcome) => {
        if (outcome.reply !== undefined) live.send(outcome.reply);
        options.onEvent?.(outcome.log);
      },
      (error: unknown) => options.onError(`message on ${live.context.connectionId} failed`, error),
    );
  }

  private disconnect(live: LiveConnection, code: number, reason: string): void {
    const { options } = this;
    const { connectionId } = live.context;
    const close = options.registry.closed(connectionId, code, reason);
    if (close === undefined) return;
    disconnectClient(options.compiled(), live.context, { statusCode: close.code, reason: close.reason }, options.deps).then(
      (record) => options.onEvent?.(record),
      (error: unknown) => options.onError(`$disconnect of ${connectionId} failed`, error),
    );
  }
}


function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
