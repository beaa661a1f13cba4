import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import { readModelFiles } from '../template/read-gateway-model.js';
import { writeFiles } from '../template/template-test-fixtures.js';

const HASH = 'a'.repeat(64);
const DOCUMENT = {
  openapi: '3.0.1',
  info: { title: 'from-asset', version: '1' },
  paths: { '/ping': { get: { 'x-amazon-apigateway-integration': { type: 'http_proxy', httpMethod: 'GET', uri: 'https://example.com/ping', payloadFormatVersion: '1.0' } } } },
};

const template = (properties: object) => ({
  Resources: {
    Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: properties },
    Stage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'Api' }, StageName: '$default', AutoDeploy: true } },
  },
});

describe('readApiBody', () => {
  test('reads BodyS3Location that names a YAML asset file of the assembly', async () => {
    const dir = writeFiles({
      [`asset.${HASH}.yaml`]: stringify(DOCUMENT),
      'T.template.json': template({ BodyS3Location: { Bucket: 'cdk-assets', Key: `${HASH}.yaml` } }),
    });
    const model = await readModelFiles({ template: join(dir, 'T.template.json') });
    expect(model.apis.map((api) => [api.name, api.protocol, api.routes.map((route) => route.routeKey)])).toEqual([['from-asset', 'HTTP', ['GET /ping']]]);
  });

  test('reads a Body given as JSON text, and the Name property wins over info.title', async () => {
    const dir = writeFiles({ 'T.template.json': template({ Name: 'named', Body: JSON.stringify(DOCUMENT) }) });
    const model = await readModelFiles({ template: join(dir, 'T.template.json') });
    expect(model.apis[0]).toMatchObject({ name: 'named', routes: [{ routeKey: 'GET /ping' }] });
  });

  test('a BodyS3Location that is not an asset is an error and the API is not served', async () => {
    const dir = writeFiles({ 'T.template.json': template({ BodyS3Location: { Bucket: 'b', Key: 'specs/api.yaml' } }) });
    const model = await readModelFiles({ template: join(dir, 'T.template.json') });
    expect(model.apis).toEqual([]);
    expect(model.diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', property: 'BodyS3Location', message: expect.stringContaining('is not an asset of the cloud assembly') as unknown }));
  });
});
