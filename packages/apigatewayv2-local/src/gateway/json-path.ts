/** A JSON text parsed, or a sign that it was not JSON. */
export type ParsedJson = { readonly ok: true; readonly value: unknown } | { readonly ok: false };

export function parseJson(text: string): ParsedJson {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

const PATH_TOKEN = /^(?:\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\])/;

/**
 * The JSONPath subset API Gateway's selection and mapping expressions use (no recursive descent, no
 * filters): `.name`, `[0]`, `['name']`, applied to an already parsed value. Undefined when the path names
 * nothing or cannot be read.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-selection-expressions.html
 */
export function readJsonPath(root: unknown, path: string): unknown {
  let value = root;
  let rest = path;
  while (rest !== '') {
    const token = PATH_TOKEN.exec(rest);
    if (!token) return undefined;
    rest = rest.slice(token[0].length);
    const key = token[1] ?? token[3] ?? token[4];
    if (key !== undefined) {
      if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, key)) return undefined;
      value = (value as Record<string, unknown>)[key];
    } else {
      if (!Array.isArray(value)) return undefined;
      value = (value as unknown[])[Number(token[2])];
    }
    if (value === undefined) return undefined;
  }
  return value;
}
