import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { ApiDraft } from '../template/api-draft.js';
import { childIdFor } from '../template/physical-ids.js';
import type { PropertyReader } from '../template/property-reader.js';
import { readOpenApiDocument, type OpenApiParts } from './read-openapi.js';

/**
 * The OpenAPI document of an `AWS::ApiGatewayV2::Api`: `Body` (inline, intrinsics resolved) or
 * `BodyS3Location` naming an asset file of the cloud assembly (JSON or YAML). Undefined when it has neither;
 * `'invalid'` when the document cannot be had or breaks a rule (reported: the API is then not served, so
 * nothing is served half-parsed).
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-api.html
 */
export function readApiBody(reader: PropertyReader, draft: Pick<ApiDraft, 'ref'>): OpenApiParts | 'invalid' | undefined {
  const property = reader.has('Body') ? 'Body' : reader.has('BodyS3Location') ? 'BodyS3Location' : undefined;
  if (property === undefined) return undefined;
  const diagnostics = reader.scope.diagnostics;
  const document = property === 'Body' ? inlineBody(reader) : assetBody(reader);
  if (document === undefined) return 'invalid';
  const { stackName, logicalId } = draft.ref;
  const result = readOpenApiDocument(document, {
    ref: draft.ref,
    idFor: (pointer) => childIdFor(stackName, `${logicalId}/${property}${pointer}`),
  });
  for (const finding of result.findings) {
    const message = `${property}#${finding.pointer}: ${finding.message}`;
    const code = finding.severity === 'error' ? 'INVALID_PROPERTY' : finding.severity === 'info' ? 'ASSUMED_DEFAULT' : 'UNSUPPORTED_PROPERTY';
    diagnostics.report(finding.severity, code, reader.at(property), message);
  }
  if (result.parts === undefined) {
    diagnostics.error('INVALID_PROPERTY', reader.at(property), `the OpenAPI document of API ${logicalId} has errors (above); the API is not served`);
    return 'invalid';
  }
  return result.parts;
}

function inlineBody(reader: PropertyReader): unknown {
  const body = reader.value('Body');
  if (typeof body !== 'string') return body;
  // CloudFormation takes the document as JSON text too.
  try {
    return JSON.parse(body) as unknown;
  } catch {
    reader.invalid('Body', 'an OpenAPI document (an object, or JSON text)', body.slice(0, 40));
    return undefined;
  }
}

const loadModule = createRequire(import.meta.url);

/** `BodyS3Location` → the asset file it names (CDK asset metadata, or an S3 key of the assembly's assets). */
function assetBody(reader: PropertyReader): unknown {
  const { scope, resource } = reader;
  const metadata = resource.Metadata ?? {};
  let file: string | undefined;
  if (typeof metadata['aws:asset:path'] === 'string' && metadata['aws:asset:property'] === 'BodyS3Location') {
    file = join(scope.assets.directory, metadata['aws:asset:path']);
  } else {
    const location = reader.object('BodyS3Location');
    const key = location?.Key;
    file = typeof key === 'string' ? scope.assets.locate(key) : undefined;
    if (file === undefined) {
      scope.diagnostics.error('INVALID_PROPERTY', reader.at('BodyS3Location'), `the OpenAPI document ${JSON.stringify(location)} is not an asset of the cloud assembly; the API is not served`);
      return undefined;
    }
  }
  try {
    const yaml = loadModule('yaml') as typeof import('yaml');
    return yaml.parse(readFileSync(file, 'utf8'), { version: '1.2' }) as unknown;
  } catch (error) {
    scope.diagnostics.error('INVALID_PROPERTY', reader.at('BodyS3Location'), `cannot read the OpenAPI document ${file}: ${(error as Error).message}; the API is not served`);
    return undefined;
  }
}
