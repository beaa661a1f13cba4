import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readModelFiles as readGatewayModel } from './read-gateway-model.js';
import { writeFiles } from './template-test-fixtures.js';

describe('readAuthorizer', () => {
  test('reports identity sources API Gateway would not accept, naming the authorizer', async () => {
    const dir = writeFiles({
      'Auth.template.json': {
        Resources: {
          Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'a', ProtocolType: 'HTTP' } },
          Auth: {
            Type: 'AWS::ApiGatewayV2::Authorizer',
            Properties: {
              ApiId: { Ref: 'Api' },
              Name: 'auth',
              AuthorizerType: 'REQUEST',
              AuthorizerUri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations',
              AuthorizerPayloadFormatVersion: '2.0',
              IdentitySource: ['$request.header.Authorization', '$request.body.token'],
            },
          },
        },
      },
    });
    const model = await readGatewayModel({ template: join(dir, 'Auth.template.json') });
    const reported = model.diagnostics.find((d) => d.logicalId === 'Auth' && d.property === 'IdentitySource');
    expect(reported).toMatchObject({ severity: 'error', code: 'INVALID_PROPERTY' });
    expect(reported?.message).toContain("'$request.body.token'");
    expect([...(model.apis[0]?.authorizers.values() ?? [])][0]?.identitySource).toEqual(['$request.header.Authorization', '$request.body.token']);
  });
});
