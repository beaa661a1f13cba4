import type { HeaderList, HeaderPair } from './types.js';

/** Lower-cased header names with every value, in arrival order (names are case-insensitive, spec 1.5). */
export function groupHeaders(headers: HeaderList): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    const values = grouped.get(key);
    if (values) values.push(value);
    else grouped.set(key, [value]);
  }
  return grouped;
}

/** The values of one header, case-insensitively, in arrival order. */
export function headerValues(headers: HeaderList, name: string): string[] {
  const wanted = name.toLowerCase();
  return headers.filter(([n]) => n.toLowerCase() === wanted).map(([, v]) => v);
}

/** The first value of a header, or undefined. */
export function firstHeader(headers: HeaderList, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return headers.find(([n]) => n.toLowerCase() === wanted)?.[1];
}

export function hasHeader(headers: HeaderList, name: string): boolean {
  return firstHeader(headers, name) !== undefined;
}

/** Headers without those whose lower-cased name satisfies `drop`. */
export function withoutHeaders(headers: HeaderList, drop: (lowerName: string) => boolean): HeaderPair[] {
  return headers.filter(([name]) => !drop(name.toLowerCase()));
}

/**
 * Headers the server computes for the body it actually writes; a response coming from an integration
 * must not carry its own copies (the body may have been decoded or replaced).
 */
const FRAMING_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive']);

export function isFramingHeader(lowerName: string): boolean {
  return FRAMING_HEADERS.has(lowerName);
}
