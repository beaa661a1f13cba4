/** Shared pieces of reading an OpenAPI document: JSON values, pointers and how findings are reported. */

export type Json = Readonly<Record<string, unknown>>;

/** JSON pointer escaping of one reference token (RFC 6901). */
export function pointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Where findings about the document go, by JSON pointer. */
export interface Report {
  readonly error: (pointer: string, message: string) => void;
  readonly warning: (pointer: string, message: string) => void;
  readonly info?: (pointer: string, message: string) => void;
}

/** An object of strings at `pointer` (`requestParameters` …), or `{}` with an error. */
export function stringMap(value: unknown, pointer: string, report: Report): Record<string, string> {
  if (value === undefined) return {};
  if (!isObject(value) || !Object.values(value).every((item) => typeof item === 'string')) {
    report.error(pointer, 'must be an object of strings');
    return {};
  }
  return { ...(value as Record<string, string>) };
}
