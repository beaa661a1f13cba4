/**
 * Headers the server computes for the body it actually writes; a response coming from an integration
 * must not carry its own copies (the body may have been decoded or replaced).
 */
const FRAMING_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive']);

export function isFramingHeader(lowerName: string): boolean {
  return FRAMING_HEADERS.has(lowerName);
}
