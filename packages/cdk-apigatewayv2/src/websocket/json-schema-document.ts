import type { JsonSchema } from 'aws-cdk-lib/aws-apigateway';

// JsonSchema spells JSON Schema's `$schema` and `$ref` without the dollar sign (jsii names cannot start
// with one); everything else keeps its JSON Schema name.
const RENAMED: Readonly<Record<string, string>> = { schema: '$schema', ref: '$ref' };

// Members whose value is one schema or a list of schemas.
const SUB_SCHEMA = new Set(['items', 'additionalItems', 'additionalProperties', 'contains', 'propertyNames', 'not', 'allOf', 'anyOf', 'oneOf']);
// Members whose value maps names to schemas (the names are data, never renamed).
const SCHEMA_MAP = new Set(['properties', 'patternProperties', 'definitions']);

/**
 * Turns a `JsonSchema` struct into the JSON Schema document API Gateway stores in a model
 * (`AWS::ApiGatewayV2::Model.Schema`). Values such as `enum`, `default` and `required` are copied as they are.
 */
export function toJsonSchemaDocument(schema: JsonSchema): Record<string, unknown> {
  const document: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema) as [string, unknown][]) {
    if (value === undefined) {
      continue;
    }
    document[RENAMED[key] ?? key] = convertMember(key, value);
  }
  return document;
}

function convertMember(key: string, value: unknown): unknown {
  if (SUB_SCHEMA.has(key)) {
    return convertSchemaOrList(value);
  }
  if (SCHEMA_MAP.has(key)) {
    return mapValues(value as Record<string, unknown>, convertSchemaOrList);
  }
  if (key === 'dependencies') {
    // A dependency is either a list of property names or a schema.
    return mapValues(value as Record<string, unknown>, (dependency) =>
      Array.isArray(dependency) ? dependency : convertSchemaOrList(dependency),
    );
  }
  return value;
}

function convertSchemaOrList(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => convertSchemaOrList(item));
  }
  if (typeof value === 'object' && value !== null) {
    return toJsonSchemaDocument(value);
  }
  return value; // `true` / `false` schemas
}

function mapValues(record: Record<string, unknown>, convert: (value: unknown) => unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).map(([name, value]) => [name, convert(value)]));
}
