import { parseJson, readJsonPath } from '../gateway/json-path.js';

/**
 * The part of API Gateway's mapping template language (Velocity) the local gateway renders for WebSocket
 * MOCK and non-proxy HTTP integrations: `$context.*`, `$stageVariables.*`, `$input.body`,
 * `$input.json('$.x')` and `$input.path('$.x')`, in quiet (`$!x`) and formal (`${x}`) notation, and `\$`
 * for a literal dollar. Directives (`#if`, `#set`, `#foreach`), `$util`, `$input.params` and any other
 * reference are not rendered: `compileMappingTemplate` names them so the template reader reports them.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-data-transformations.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html
 */

type TemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'context'; readonly name: string }
  | { readonly kind: 'stage-variable'; readonly name: string }
  | { readonly kind: 'body' }
  | { readonly kind: 'json' | 'path'; readonly path: string };

export interface CompiledTemplate {
  readonly parts: readonly TemplatePart[];
  /** What the template uses that is not rendered (left as written), e.g. `#if`, `$util.escapeJavaScript`. */
  readonly unsupported: readonly string[];
}

/** What a template reads. `context` answers `$context.{name}` (undefined renders as nothing). */
export interface TemplateInput {
  readonly body: string;
  readonly context: (name: string) => string | undefined;
  readonly stageVariables: Readonly<Record<string, string>>;
}

const NAME = String.raw`([A-Za-z_]\w*(?:\.[A-Za-z_][\w-]*)*)(\(\s*'([^']*)'\s*\)|\(\s*"([^"]*)"\s*\))?`;
/** `$name`, `$!name`, `${name}`, `$!{name}`, each with an optional `('argument')`. */
const REFERENCE = new RegExp(String.raw`^\$!?(?:\{${NAME}\}|${NAME})`);
const DIRECTIVE = /^#(?:#|\*|\{?[A-Za-z]+)/;

const compiled = new Map<string, CompiledTemplate>();

/** Reads a template once (cached by its text: a model holds few). */
export function compileMappingTemplate(source: string): CompiledTemplate {
  let template = compiled.get(source);
  if (!template) {
    template = parse(source);
    compiled.set(source, template);
  }
  return template;
}

function parse(source: string): CompiledTemplate {
  const parts: TemplatePart[] = [];
  const unsupported: string[] = [];
  let text = '';
  const push = (part: TemplatePart): void => {
    if (text !== '') parts.push({ kind: 'text', text });
    text = '';
    parts.push(part);
  };
  let index = 0;
  while (index < source.length) {
    const rest = source.slice(index);
    if (rest.startsWith('\\$')) {
      text += '$';
      index += 2;
      continue;
    }
    const directive = rest[0] === '#' ? DIRECTIVE.exec(rest) : null;
    if (directive) {
      unsupported.push(directive[0]);
      text += directive[0];
      index += directive[0].length;
      continue;
    }
    const reference = rest[0] === '$' ? REFERENCE.exec(rest) : null;
    // `$5` or a lone `$` is text.
    if (!reference) {
      text += rest[0];
      index += 1;
      continue;
    }
    const formal = reference[1] !== undefined;
    const [name, call, single, double] = formal ? reference.slice(1, 5) : reference.slice(5, 9);
    const part = referencePart(name, call === undefined ? undefined : (single ?? double));
    if (part) push(part);
    else {
      unsupported.push(reference[0]);
      text += reference[0];
    }
    index += reference[0].length;
  }
  if (text !== '') parts.push({ kind: 'text', text });
  return { parts, unsupported };
}

function referencePart(name: string, argument: string | undefined): TemplatePart | undefined {
  if (argument === undefined) {
    if (name === 'input.body') return { kind: 'body' };
    if (name.startsWith('context.')) return { kind: 'context', name: name.slice('context.'.length) };
    if (name.startsWith('stageVariables.')) return { kind: 'stage-variable', name: name.slice('stageVariables.'.length) };
    return undefined;
  }
  if ((name === 'input.json' || name === 'input.path') && argument.startsWith('$')) {
    return { kind: name === 'input.json' ? 'json' : 'path', path: argument.slice(1) };
  }
  return undefined;
}

/** Renders a compiled template; what it cannot render stays as written. */
export function renderMappingTemplate(template: CompiledTemplate, input: TemplateInput): string {
  let root: { value: unknown } | undefined;
  const body = (): unknown => {
    if (!root) {
      const parsed = parseJson(input.body);
      root = { value: parsed.ok ? parsed.value : undefined };
    }
    return root.value;
  };
  let out = '';
  for (const part of template.parts) {
    switch (part.kind) {
      case 'text':
        out += part.text;
        break;
      case 'context':
        out += input.context(part.name) ?? '';
        break;
      case 'stage-variable':
        out += input.stageVariables[part.name] ?? '';
        break;
      case 'body':
        out += input.body;
        break;
      case 'json': {
        const value = readJsonPath(body(), part.path);
        out += value === undefined ? '' : JSON.stringify(value);
        break;
      }
      case 'path': {
        const value = readJsonPath(body(), part.path);
        out += value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
        break;
      }
    }
  }
  return out;
}
