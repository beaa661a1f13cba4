import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Document, Node } from 'yaml';
import { GatewayError } from '../errors.js';

/** The parts of a CloudFormation template the reader uses; values are raw (intrinsics unresolved). */
export interface CfnTemplate {
  readonly Parameters?: Readonly<Record<string, CfnParameter>>;
  readonly Conditions?: Readonly<Record<string, unknown>>;
  readonly Mappings?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
  readonly Resources?: Readonly<Record<string, CfnResource>>;
  readonly Outputs?: Readonly<Record<string, CfnOutput>>;
  readonly Transform?: unknown;
}

export interface CfnParameter {
  readonly Type?: string;
  readonly Default?: unknown;
}

export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Readonly<Record<string, unknown>>;
  readonly Condition?: string;
  readonly Metadata?: Readonly<Record<string, unknown>>;
}

export interface CfnOutput {
  readonly Value: unknown;
  readonly Condition?: string;
  readonly Export?: { readonly Name: unknown };
}

/** Resource keys of `Fn::ForEach` loops (the `AWS::LanguageExtensions` transform). */
export const FOR_EACH_PREFIX = 'Fn::ForEach::';

/** Short-form tags (`!Ref x`) and the long form each stands for. `!GetAtt a.b` keeps its dotted string. */
const SHORT_TAGS: Readonly<Record<string, string>> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  ...Object.fromEntries(
    ['GetAtt', 'Sub', 'Join', 'Select', 'Split', 'If', 'ImportValue', 'Equals', 'Not', 'And', 'Or', 'FindInMap', 'Base64', 'GetAZs', 'Cidr', 'Length', 'ToJsonString'].map(
      (name) => [`!${name}`, `Fn::${name}`],
    ),
  ),
};

/** Reads a template file (JSON or YAML, by content) and checks it looks like a CloudFormation template. */
export function readTemplateFile(path: string): CfnTemplate {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new GatewayError('TEMPLATE_INVALID', `cannot read template ${path}: ${(error as Error).message}`);
  }
  return parseTemplateText(text, path);
}

/**
 * Parses template text. JSON is tried first (it is also YAML, but JSON.parse is faster and stricter);
 * YAML gets CloudFormation's short-form tags. `source` names the file in error messages.
 */
export function parseTemplateText(text: string, source: string): CfnTemplate {
  let parsed: unknown;
  if (/^\s*\{/.test(text)) {
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new GatewayError('TEMPLATE_INVALID', `template ${jsonError(text, source, error as Error)}`);
    }
  } else {
    parsed = parseCloudFormationYaml(text, source);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new GatewayError('TEMPLATE_INVALID', `template ${source} must be an object, got ${Array.isArray(parsed) ? 'a list' : typeof parsed}`);
  }
  const resources = (parsed as { Resources?: unknown }).Resources;
  if (resources !== undefined && (resources === null || typeof resources !== 'object' || Array.isArray(resources))) {
    throw new GatewayError('TEMPLATE_INVALID', `template ${source}: Resources must be a map`);
  }
  for (const [logicalId, resource] of Object.entries((resources ?? {}) as Record<string, unknown>)) {
    // `Fn::ForEach::Name` entries (AWS::LanguageExtensions) are lists, not resources; the reader reports them.
    if (logicalId.startsWith(FOR_EACH_PREFIX)) continue;
    if (resource === null || typeof resource !== 'object' || typeof (resource as { Type?: unknown }).Type !== 'string') {
      throw new GatewayError('TEMPLATE_INVALID', `template ${source}: resource ${logicalId} must be an object with a string Type`);
    }
  }
  return parsed;
}

/**
 * `file:line:column: message` for a JSON.parse error, whose message gives a character offset
 * ("… in JSON at position 18"); editors and terminals open `file:line:column` directly.
 */
export function jsonError(text: string, source: string, error: Error): string {
  const position = /\s*in JSON at position (\d+)/.exec(error.message);
  if (position === null) return `${source} is not valid JSON: ${error.message}`;
  const offset = Math.min(Number(position[1]), text.length);
  const before = text.slice(0, offset).split('\n');
  const line = before.length;
  const column = (before.at(-1)?.length ?? 0) + 1;
  const message = error.message.replace(position[0], '').replace(/\s*\(line \d+ column \d+\)/, '');
  return `${source}:${line}:${column}: not valid JSON: ${message}`;
}

/**
 * The YAML parser is loaded on first use: cloud assemblies are JSON, and loading it costs about a third of
 * the gateway's start-up reading time.
 */
const loadModule = createRequire(import.meta.url);
let yamlModule: typeof import('yaml') | undefined;
function yaml(): typeof import('yaml') {
  yamlModule ??= loadModule('yaml') as typeof import('yaml');
  return yamlModule;
}

function parseCloudFormationYaml(text: string, source: string): unknown {
  // YAML 1.2 core schema: `yes`/`no` and dates stay strings, as CloudFormation reads them.
  const doc: Document = yaml().parseDocument(text, { version: '1.2', uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new GatewayError('TEMPLATE_INVALID', `template ${source} is not valid YAML: ${doc.errors[0].message}`);
  }
  return convertNode(doc.contents, doc, source);
}

/** Walks the YAML tree (unknown tags are kept on the nodes) and rewrites short-form tags to their long form. */
function convertNode(node: unknown, doc: Document, source: string): unknown {
  const { isAlias, isMap, isScalar, isSeq } = yaml();
  if (node === null || node === undefined) return null;
  if (isAlias(node)) return convertNode(node.resolve(doc), doc, source);
  let value: unknown;
  if (isScalar(node)) {
    value = node.value;
  } else if (isSeq(node)) {
    value = node.items.map((item) => convertNode(item, doc, source));
  } else if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      out[key] = convertNode(pair.value, doc, source);
    }
    value = out;
  } else {
    return node;
  }
  const tag = (node as Node).tag;
  if (tag === undefined || !tag.startsWith('!') || tag.startsWith('!!')) return value;
  const longForm = SHORT_TAGS[tag];
  if (longForm === undefined) {
    throw new GatewayError('TEMPLATE_INVALID', `template ${source}: unknown tag ${tag}`);
  }
  if (longForm === 'Fn::GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { [longForm]: dot > 0 ? [value.slice(0, dot), value.slice(dot + 1)] : value };
  }
  return { [longForm]: value };
}
