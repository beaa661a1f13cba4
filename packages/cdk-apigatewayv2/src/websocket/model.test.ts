import { Stack } from 'aws-cdk-lib';
import { JsonSchemaType, JsonSchemaVersion } from 'aws-cdk-lib/aws-apigateway';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import { expectError } from '../../test/support/expect-error';
import { logicalId, newStack } from '../../test/support/websocket-fixtures';
import { WebSocketApi, WebSocketModel } from '../index';

function setup(): { stack: Stack; api: WebSocketApi } {
  const stack = newStack();
  return { stack, api: new WebSocketApi(stack, 'Api') };
}

describe('WebSocketModel', () => {
  test('addModel creates a JSON model of the API with $schema and $ref spelled out', () => {
    const { stack, api } = setup();
    const model = api.addModel('Status', {
      modelName: 'statusInputModel',
      description: 'status messages',
      schema: {
        schema: JsonSchemaVersion.DRAFT4,
        title: 'statusInputModel',
        type: JsonSchemaType.OBJECT,
        required: ['action'],
        properties: {
          action: { type: JsonSchemaType.STRING, enum: ['status'] },
          ref: { ref: '#/definitions/reference' },
        },
        definitions: { reference: { type: JsonSchemaType.STRING, pattern: '^r-' } },
        additionalProperties: false,
      },
    });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Model', {
      ApiId: { Ref: logicalId(api) },
      Name: 'statusInputModel',
      ContentType: 'application/json',
      Description: 'status messages',
      Schema: {
        $schema: 'http://json-schema.org/draft-04/schema#',
        title: 'statusInputModel',
        type: 'object',
        required: ['action'],
        properties: {
          action: { type: 'string', enum: ['status'] },
          ref: { $ref: '#/definitions/reference' },
        },
        definitions: { reference: { type: 'string', pattern: '^r-' } },
        additionalProperties: false,
      },
    });
    expect(model.modelName).toBe('statusInputModel');
    expect(model.webSocketApi).toBe(api);
    expect(stack.resolve(model.modelId)).toEqual({ Ref: logicalId(model) });
  });

  test('converts schemas nested in items, combinators and dependencies', () => {
    const { stack, api } = setup();
    api.addModel('Nested', {
      modelName: 'nested',
      schema: {
        type: JsonSchemaType.ARRAY,
        items: [{ ref: '#/a' }, { type: JsonSchemaType.NUMBER }],
        additionalItems: { ref: '#/b' },
        anyOf: [{ ref: '#/c' }],
        not: { ref: '#/d' },
        dependencies: { x: ['y'], z: { ref: '#/e' } },
        patternProperties: { '^s': { ref: '#/f' } },
      },
    });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Model', {
      Schema: {
        type: 'array',
        items: [{ $ref: '#/a' }, { type: 'number' }],
        additionalItems: { $ref: '#/b' },
        anyOf: [{ $ref: '#/c' }],
        not: { $ref: '#/d' },
        dependencies: { x: ['y'], z: { $ref: '#/e' } },
        patternProperties: { '^s': { $ref: '#/f' } },
      },
    });
  });

  test('generates an alphanumeric name and uses contentType when given', () => {
    const { stack, api } = setup();
    const model = new WebSocketModel(stack, 'Chat-Message_Model', {
      webSocketApi: api,
      contentType: 'text/plain',
      schema: { type: JsonSchemaType.STRING },
    });

    expect(model.modelName).toMatch(/^[A-Za-z0-9]+$/);
    expect(model.modelName).toContain('ChatMessageModel');
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Model', {
      Name: model.modelName,
      ContentType: 'text/plain',
      Description: Match.absent(),
    });
  });

  test.each(['status-model', '', 'a'.repeat(129)])('rejects the model name %j', (modelName) => {
    const { api } = setup();
    expectError(() => api.addModel('Model', { modelName, schema: {} }), `WebSocketModel modelName must be 1 to 128 letters or digits, got '${modelName}' (at 'Stack/Api/Model')`,
    );
  });
});
