/**
 * Splits a raw request path into segments and decodes each one (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html: routes match the decoded
 * path). Splitting happens before decoding so an encoded slash (`%2F`) stays inside its segment
 * (unconfirmed). A segment that is not valid percent-encoding is kept as received.
 *
 * `/` gives `[]`; `/pets/` gives `['pets', '']` (no trailing-slash normalization, https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html).
 */
export function splitPath(rawPath: string): RawSegment[] {
  if (rawPath === '' || rawPath === '/') return [];
  const withoutLead = rawPath.startsWith('/') ? rawPath.slice(1) : rawPath;
  return withoutLead.split('/').map((raw) => ({ raw, decoded: decodeSegment(raw) }));
}

/** One path segment as received and decoded. */
export interface RawSegment {
  readonly raw: string;
  readonly decoded: string;
}

export function decodeSegment(raw: string): string {
  if (!raw.includes('%')) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
