import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * Writes a whole HTTP/1.1 response on a socket no `ServerResponse` owns (a refused handshake, a request Node
 * could not parse, a head that took too long), then closes the socket once the bytes are out: a client that
 * never closes its side does not keep it.
 */
export function writeRawResponse(socket: Duplex, status: number, headers: readonly (readonly [string, string])[], body: Buffer): void {
  if (socket.destroyed) return;
  const lines = [`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`];
  for (const [name, value] of headers) lines.push(`${name}: ${value}`);
  lines.push(`content-length: ${body.length}`, 'connection: close', '', '');
  socket.end(Buffer.concat([Buffer.from(lines.join('\r\n'), 'latin1'), body]), () => socket.destroy());
}
