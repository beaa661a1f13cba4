/**
 * Headers the server computes for the body it actually writes (and for the connection it writes on): a
 * reply never carries its own copies, whether an integration set them (the body may have been decoded or
 * replaced) or not. The socket writer and the in-process `Response` both leave them out.
 */
const FRAMING_HEADERS: ReadonlySet<string> = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive']);

/** Whether a header (name in lower case) is one the server frames the body with itself. */
export function isFramingHeader(lowerName: string): boolean {
  return FRAMING_HEADERS.has(lowerName);
}
