import type { Server } from 'node:http';
import { createServer, type AddressInfo, type Socket } from 'node:net';

export interface ListenTlsOrPlainOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Gets the connections that start with plain HTTP. */
  readonly plain: Server;
  /** Gets the connections that start with a TLS handshake (an `https` server). */
  readonly secure: Server;
  /** A connection that sends no byte for this long is closed (no HTTP answer is possible yet). */
  readonly firstByteTimeoutMs: number;
}

export interface TlsOrPlainListener {
  readonly port: number;
  /** Stops listening and destroys every connection. */
  readonly close: () => Promise<void>;
}

/** TLS records start with this byte (handshake content type); plain HTTP starts with a method's letter. */
const TLS_HANDSHAKE = 0x16;

/**
 * One port, two protocols: the first byte of each connection tells a TLS handshake from plain HTTP, and the
 * connection goes to `secure` or `plain` (which never listen themselves).
 */
export async function listenTlsOrPlain(options: ListenTlsOrPlainOptions): Promise<TlsOrPlainListener> {
  const sockets = new Set<Socket>();
  const listener = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.setTimeout(options.firstByteTimeoutMs, () => socket.destroy());
    socket.once('data', (chunk: Buffer) => {
      socket.setTimeout(0);
      socket.pause();
      socket.unshift(chunk);
      if (chunk[0] === TLS_HANDSHAKE) {
        options.secure.emit('connection', socket);
      } else {
        options.plain.emit('connection', socket);
        socket.resume();
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    listener.once('error', reject);
    listener.listen(options.port, options.host, () => {
      listener.off('error', reject);
      resolve();
    });
  });
  let closed: Promise<void> | undefined;
  return {
    port: (listener.address() as AddressInfo).port,
    close() {
      closed ??= (async () => {
        const stopped = new Promise<void>((resolve) => listener.close(() => resolve()));
        for (const socket of sockets) socket.destroy();
        await stopped;
      })();
      return closed;
    },
  };
}
