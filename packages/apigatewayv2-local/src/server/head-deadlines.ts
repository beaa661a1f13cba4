import type { Duplex } from 'node:stream';
import { writeRawResponse } from './write-raw-response.js';

/**
 * Per socket, the time its first request head has to arrive (counted from when the HTTP server got the
 * socket); past it the client gets 408 and the socket closes. For HTTP servers that never `listen()` (their
 * sockets are handed to them), where Node's `headersTimeout` is not armed. Later requests on a kept-alive
 * socket are bounded by Node's keep-alive timeout until their head arrives.
 */
export class HeadDeadlines {
  private readonly timers = new WeakMap<Duplex, NodeJS.Timeout>();

  constructor(private readonly timeoutMs: number) {}

  arm(socket: Duplex): void {
    const timer = setTimeout(() => {
      this.timers.delete(socket);
      writeRawResponse(socket, 408, [], Buffer.alloc(0));
    }, this.timeoutMs).unref();
    this.timers.set(socket, timer);
    socket.once('close', () => this.clear(socket));
  }

  /** The socket's request head arrived (or failed to parse). */
  clear(socket: Duplex): void {
    clearTimeout(this.timers.get(socket));
    this.timers.delete(socket);
  }
}
