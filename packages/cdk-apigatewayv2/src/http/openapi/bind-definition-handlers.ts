import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { throwInvalid } from '../../private/invalid';
import { ApiDefinition, failOnProblems, InlineApiDefinition } from './api-definition';

/**
 * An inline definition with `apiDefinitionHandlers` bound into it, validated; undefined for an asset definition
 * (bound once the `CfnApi` exists).
 */
export function inlineDefinitionOf(api: Construct, definition: ApiDefinition, handlers: { [operation: string]: lambda.IFunction }): { [key: string]: unknown } | undefined {
  if (!(definition instanceof InlineApiDefinition)) {
    if (Object.keys(handlers).length > 0) {
      throwInvalid(api, { subject: 'HttpApi', prop: 'apiDefinitionHandlers', rule: 'need an inline apiDefinition (ApiDefinition.fromInline): an asset is uploaded as it is', value: Object.keys(handlers) });
    }
    return undefined;
  }
  const document = structuredClone<{ [key: string]: unknown }>(definition.definition);
  for (const [operation, handler] of Object.entries(handlers)) {
    const found = findOperation(document, operation);
    if (found === undefined) {
      throwInvalid(api, { subject: 'HttpApi', prop: `apiDefinitionHandlers['${operation}']`, rule: "must name an operation of apiDefinition by operationId or route key ('GET /books/{id}', '$default')", value: operation });
    }
    if (found['x-amazon-apigateway-integration'] !== undefined) {
      throwInvalid(api, { subject: 'HttpApi', prop: `apiDefinitionHandlers['${operation}']`, rule: 'must name an operation without x-amazon-apigateway-integration', value: operation });
    }
    found['x-amazon-apigateway-integration'] = { type: 'aws_proxy', httpMethod: 'POST', uri: handler.functionArn, payloadFormatVersion: '2.0' };
  }
  failOnProblems(api, document);
  return document;
}

type JsonObject = { [key: string]: unknown };

function asObject(value: unknown): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

/** The operation object an `operationId` or route key names in a document. */
function findOperation(document: JsonObject, name: string): JsonObject | undefined {
  const paths = asObject(document.paths) ?? {};
  if (name === '$default') return asObject(asObject(paths['/$default'])?.['x-amazon-apigateway-any-method']);
  const space = name.indexOf(' ');
  if (space > 0) {
    const method = name.slice(0, space);
    return asObject(asObject(paths[name.slice(space + 1)])?.[method === 'ANY' ? 'x-amazon-apigateway-any-method' : method.toLowerCase()]);
  }
  for (const item of Object.values(paths)) {
    for (const operation of Object.values(asObject(item) ?? {})) {
      if (asObject(operation)?.operationId === name) return asObject(operation);
    }
  }
  return undefined;
}
