import type { Readable } from 'node:stream';

/**
 * (Kept with the Node.js runtime, which may import only its own files and node built-ins, because
 * environments split the gateway's messages with it as the gateway splits theirs.)
 *
 * Calls `onLine` for every complete line a stream produces (`terminated` true), and for the unterminated
 * rest when it ends (`terminated` false: the writer may have died mid-line). Carriage returns before the
 * line break are dropped.
 */
export function forEachLine(stream: Readable, onLine: (line: string, terminated: boolean) => void): void {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const text = rest + chunk;
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      onLine(text.slice(start, end > start && text[end - 1] === '\r' ? end - 1 : end), true);
      start = end + 1;
    }
    rest = text.slice(start);
  });
  stream.on('end', () => {
    if (rest !== '') onLine(rest, false);
    rest = '';
  });
}
