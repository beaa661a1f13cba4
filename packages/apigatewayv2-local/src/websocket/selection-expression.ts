import { parseJson, readJsonPath } from '../gateway/json-path.js';

/** One piece of a selection expression: static text, or a JSONPath into the message body. */
type ExpressionPart = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'body'; readonly path: string };

/** A route selection expression read once, ready to evaluate on every message. */
export type SelectionExpression =
  | { readonly ok: true; readonly source: string; readonly parts: readonly ExpressionPart[]; readonly readsBody: boolean }
  | { readonly ok: false; readonly source: string; readonly problem: string };

/** What may follow `$` outside braces: a variable name with its dotted / bracketed path. */
const BARE_VARIABLE = /^\$([A-Za-z_][\w]*(?:\.[A-Za-z_$][\w$]*|\[\d+\]|\['[^']*'\]|\["[^"]*"\])*)/;
const BODY_PREFIX = 'request.body';

/**
 * Reads a WebSocket route selection expression (`RouteSelectionExpression`): `$request.body.action`, nested
 * paths (`$request.body.message.type`), `${...}` around a variable inside text (`${request.body.a}-${request.body.b}`),
 * static text, and `\$` for a literal dollar. Variables are evaluated once, never recursively. Only
 * `request.body` variables exist for messages; anything else is reported.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-selection-expressions.html
 */
export function compileSelectionExpression(source: string): SelectionExpression {
  const parts: ExpressionPart[] = [];
  let text = '';
  let index = 0;
  const pushVariable = (name: string): string | undefined => {
    if (name !== BODY_PREFIX && !name.startsWith(`${BODY_PREFIX}.`) && !name.startsWith(`${BODY_PREFIX}[`)) {
      return `only $request.body variables can select a route, got $${name}`;
    }
    if (text !== '') parts.push({ kind: 'text', text });
    text = '';
    parts.push({ kind: 'body', path: name.slice(BODY_PREFIX.length) });
    return undefined;
  };
  while (index < source.length) {
    const char = source[index];
    if (char === '\\' && source[index + 1] === '$') {
      text += '$';
      index += 2;
    } else if (char === '$' && source[index + 1] === '{') {
      const end = source.indexOf('}', index + 2);
      if (end === -1) return { ok: false, source, problem: `'\${' at ${index} is not closed` };
      const problem = pushVariable(source.slice(index + 2, end));
      if (problem) return { ok: false, source, problem };
      index = end + 1;
    } else if (char === '$') {
      const bare = BARE_VARIABLE.exec(source.slice(index));
      if (!bare) {
        text += char;
        index += 1;
        continue;
      }
      const problem = pushVariable(bare[1]);
      if (problem) return { ok: false, source, problem };
      index += bare[0].length;
    } else {
      text += char;
      index += 1;
    }
  }
  if (text !== '') parts.push({ kind: 'text', text });
  return { ok: true, source, parts, readsBody: parts.some((part) => part.kind === 'body') };
}

/**
 * Evaluates a compiled expression on a message: the body is parsed as JSON once; a path that names nothing
 * gives `''`. Undefined when the expression reads the body and the message is not JSON (the message then
 * goes to `$default`).
 */
export function evaluateSelectionExpression(
  expression: Extract<SelectionExpression, { ok: true }>,
  body: string,
): string | undefined {
  let root: unknown;
  if (expression.readsBody) {
    const parsed = parseJson(body);
    if (!parsed.ok) return undefined;
    root = parsed.value;
  }
  let result = '';
  for (const part of expression.parts) result += part.kind === 'text' ? part.text : selectionText(readJsonPath(root, part.path));
  return result;
}

/**
 * How a selected value becomes route-key text: strings as they are, numbers and booleans as written,
 * arrays as `[a, b]` (the form AWS's docs show), objects as JSON (unconfirmed), null and missing as `''`.
 */
export function selectionText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map((item) => selectionText(item)).join(', ')}]`;
  return JSON.stringify(value);
}
