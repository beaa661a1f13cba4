import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import { expectError } from '../../test/support/expect-error';
import { RecordingWebSocketIntegration, logicalId, newStack } from '../../test/support/websocket-fixtures';
import {
  IWebSocketRouteAuthorizer,
  WebSocketApi,
  WebSocketAuthorizer,
  WebSocketAuthorizerType,
  WebSocketNoneAuthorizer,
  WebSocketRouteAuthorizerConfig,
} from '../index';

const integration = new RecordingWebSocketIntegration('urn:backend');
const AUTHORIZER_URI = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations';

function setup(): { stack: Stack; api: WebSocketApi } {
  const stack = newStack();
  return { stack, api: new WebSocketApi(stack, 'Api') };
}


describe('WebSocketAuthorizer', () => {
  test('creates a REQUEST authorizer named after its id', () => {
    const { stack, api } = setup();
    const authorizer = new WebSocketAuthorizer(stack, 'TokenAuthorizer', {
      webSocketApi: api,
      type: WebSocketAuthorizerType.LAMBDA,
      identitySource: ['route.request.querystring.token', 'route.request.header.Auth'],
      authorizerUri: AUTHORIZER_URI,
    });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      ApiId: { Ref: logicalId(api) },
      Name: 'TokenAuthorizer',
      AuthorizerType: 'REQUEST',
      IdentitySource: ['route.request.querystring.token', 'route.request.header.Auth'],
      AuthorizerUri: AUTHORIZER_URI,
    });
    expect(stack.resolve(authorizer.authorizerId)).toEqual({ Ref: logicalId(authorizer) });
  });

  test('uses authorizerName when given', () => {
    const { stack, api } = setup();
    new WebSocketAuthorizer(stack, 'Authorizer', {
      webSocketApi: api,
      type: WebSocketAuthorizerType.LAMBDA,
      identitySource: ['context.tenant'],
      authorizerUri: AUTHORIZER_URI,
      authorizerName: 'tenant-check',
    });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Authorizer', { Name: 'tenant-check' });
  });

  test('authorizes the $connect route it is attached to with CUSTOM and its id', () => {
    const { stack, api } = setup();
    const authorizer = new WebSocketAuthorizer(stack, 'Authorizer', {
      webSocketApi: api,
      type: WebSocketAuthorizerType.LAMBDA,
      identitySource: ['stageVariables.key'],
      authorizerUri: AUTHORIZER_URI,
    });
    api.addRoute('$connect', { integration, authorizer });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: '$connect',
      AuthorizationType: 'CUSTOM',
      AuthorizerId: { Ref: logicalId(authorizer) },
    });
  });

  test('rejects being attached to a route of another API', () => {
    const { stack, api } = setup();
    const authorizer = new WebSocketAuthorizer(stack, 'Authorizer', {
      webSocketApi: api,
      type: WebSocketAuthorizerType.LAMBDA,
      identitySource: ['route.request.header.Auth'],
      authorizerUri: AUTHORIZER_URI,
    });
    const other = new WebSocketApi(stack, 'Other');

    expectError(() => other.addRoute('$connect', { integration, authorizer }), "WebSocketAuthorizer webSocketApi must be the API of the route it authorizes, got another API than route 'Stack/Other/$connect-Route' (at 'Stack/Authorizer')",
    );
  });

  test('rejects an empty identitySource', () => {
    const { stack, api } = setup();
    expectError(() => new WebSocketAuthorizer(stack, 'Authorizer', {
        webSocketApi: api,
        type: WebSocketAuthorizerType.LAMBDA,
        identitySource: [],
        authorizerUri: AUTHORIZER_URI,
      }),
      'WebSocketAuthorizer identitySource must have at least one entry for a Lambda REQUEST authorizer, got []');
  });

  test('rejects an identity source in HTTP API syntax', () => {
    const { stack, api } = setup();
    expectError(() => new WebSocketAuthorizer(stack, 'Authorizer', {
        webSocketApi: api,
        type: WebSocketAuthorizerType.LAMBDA,
        identitySource: ['$request.header.Authorization'],
        authorizerUri: AUTHORIZER_URI,
      }),
      "WebSocketAuthorizer identitySource entries must look like one of 'route.request.header.Name', " +
        "'route.request.querystring.name', 'stageVariables.name', 'context.name', got '$request.header.Authorization'",
    );
  });

  test('rejects an authorizerName longer than 128 characters', () => {
    const { stack, api } = setup();
    const authorizerName = 'a'.repeat(129);
    expectError(
      () => new WebSocketAuthorizer(stack, 'Authorizer', {
        webSocketApi: api,
        type: WebSocketAuthorizerType.LAMBDA,
        identitySource: ['route.request.header.Auth'],
        authorizerUri: AUTHORIZER_URI,
        authorizerName,
      }),
      `WebSocketAuthorizer authorizerName must be 1 to 128 characters long, got '${authorizerName}' (129 characters)`,
    );
  });

  test('fromWebSocketAuthorizerAttributes authorizes routes with the given type and id', () => {
    const { stack, api } = setup();
    const authorizer = WebSocketAuthorizer.fromWebSocketAuthorizerAttributes(stack, 'Imported', {
      authorizerId: 'abc123',
      authorizerType: 'CUSTOM',
    });
    api.addRoute('$connect', { integration, authorizer });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', {
      AuthorizationType: 'CUSTOM',
      AuthorizerId: 'abc123',
    });
    Template.fromStack(stack).resourceCountIs('AWS::ApiGatewayV2::Authorizer', 0);
  });

  test("fromWebSocketAuthorizerAttributes also takes the authorizer's own type, REQUEST, as HttpAuthorizer does", () => {
    const { stack, api } = setup();
    const authorizer = WebSocketAuthorizer.fromWebSocketAuthorizerAttributes(stack, 'Imported', { authorizerId: 'abc123', authorizerType: 'REQUEST' });
    api.addRoute('$connect', { integration, authorizer });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', { AuthorizationType: 'CUSTOM', AuthorizerId: 'abc123' });
  });
});

describe('route authorizer contract', () => {
  test('WebSocketNoneAuthorizer sets AuthorizationType NONE', () => {
    const { stack, api } = setup();
    api.addRoute('$connect', { integration, authorizer: new WebSocketNoneAuthorizer() });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', {
      AuthorizationType: 'NONE',
      AuthorizerId: Match.absent(),
    });
  });

  test('an AWS_IAM authorizer needs no authorizer id', () => {
    const { stack, api } = setup();
    const iamAuthorizer: IWebSocketRouteAuthorizer = { bind: () => ({ authorizationType: 'AWS_IAM' }) };
    api.addRoute('$connect', { integration, authorizer: iamAuthorizer });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', { AuthorizationType: 'AWS_IAM' });
  });

  test('bind receives the route and a scope inside it', () => {
    const { api } = setup();
    const seen: string[] = [];
    const authorizer: IWebSocketRouteAuthorizer = {
      bind: (options): WebSocketRouteAuthorizerConfig => {
        seen.push(options.route.routeKey, options.scope.node.path);
        return { authorizationType: 'NONE' };
      },
    };
    api.addRoute('$connect', { integration, authorizer });

    expect(seen).toEqual(['$connect', 'Stack/Api/$connect-Route']);
  });

  test('rejects an unknown authorization type', () => {
    const { api } = setup();
    const authorizer: IWebSocketRouteAuthorizer = { bind: () => ({ authorizationType: 'JWT' }) };
    expectError(() => api.addRoute('$connect', { integration, authorizer }), "WebSocketRoute authorizer authorizationType must be one of NONE, AWS_IAM, CUSTOM, got 'JWT' (at 'Stack/Api/$connect-Route')",
    );
  });

  test('rejects CUSTOM without an authorizer id', () => {
    const { api } = setup();
    const authorizer: IWebSocketRouteAuthorizer = { bind: () => ({ authorizationType: 'CUSTOM' }) };
    expectError(() => api.addRoute('$connect', { integration, authorizer }), "WebSocketRoute authorizer authorizerId is required for authorizationType 'CUSTOM', got undefined (at 'Stack/Api/$connect-Route')",
    );
  });
});
