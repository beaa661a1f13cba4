import type { RawData } from 'ws';

/** The text of a message a `ws` client received (a Buffer, an ArrayBuffer, or the fragments of one message). */
export function rawDataText(data: RawData): string {
  return new TextDecoder().decode(Array.isArray(data) ? Buffer.concat(data) : data);
}
