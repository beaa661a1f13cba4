import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as iam from 'aws-cdk-lib/aws-iam';
import { describe, expect, test } from 'vitest';
import { expectError } from '../../test/support/expect-error';
import { executeApiArnJoin, logicalId, newStack } from '../../test/support/websocket-fixtures';
import { DomainName, HttpApi, WebSocketApi, WebSocketStage } from '../index';

function setup(): { stack: Stack; api: WebSocketApi } {
  const stack = newStack();
  return { stack, api: new WebSocketApi(stack, 'Api') };
}


function stageUrl(api: WebSocketApi, scheme: string, stageName: string): unknown {
  return {
    'Fn::Join': [
      '',
      [`${scheme}://`, { Ref: logicalId(api) }, '.execute-api.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, `/${stageName}`],
    ],
  };
}

describe('WebSocketStage', () => {
  test('creates a stage of the API with the given name and autoDeploy', () => {
    const { stack, api } = setup();
    const stage = new WebSocketStage(stack, 'Stage', { webSocketApi: api, stageName: 'dev', autoDeploy: true });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      ApiId: { Ref: logicalId(api) },
      StageName: 'dev',
      AutoDeploy: true,
    });
    expect(stage.stageName).toBe('dev');
    expect(stage.api).toBe(api);
    expect(stage.baseApi).toBe(api);
  });

  test('leaves AutoDeploy unset by default', () => {
    const { stack, api } = setup();
    new WebSocketStage(stack, 'Stage', { webSocketApi: api, stageName: 'prod' });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Stage', { StageName: 'prod', AutoDeploy: Match.absent() });
  });

  test('url is the wss:// connect URL and callbackUrl the https:// @connections base of the stage', () => {
    const { stack, api } = setup();
    const stage = new WebSocketStage(stack, 'Stage', { webSocketApi: api, stageName: 'dev' });

    expect(stack.resolve(stage.url)).toEqual(stageUrl(api, 'wss', 'dev'));
    expect(stack.resolve(stage.callbackUrl)).toEqual(stageUrl(api, 'https', 'dev'));
  });

  test('uses the region of an environment-bound stack', () => {
    const stack = new Stack(new App(), 'Stack', { env: { region: 'cn-north-1', account: '123456789012' } });
    const api = new WebSocketApi(stack, 'Api');
    const stage = new WebSocketStage(stack, 'Stage', { webSocketApi: api, stageName: 'dev' });

    expect(stack.resolve(stage.url)).toEqual({
      'Fn::Join': ['', ['wss://', { Ref: logicalId(api) }, '.execute-api.cn-north-1.', { Ref: 'AWS::URLSuffix' }, '/dev']],
    });
  });

  test('rejects the $default stage name', () => {
    const { stack, api } = setup();
    expectError(() => new WebSocketStage(stack, 'Stage', { webSocketApi: api, stageName: '$default' }), "WebSocketStage stageName '$default' is only valid for HTTP APIs, got '$default' (at 'Stack/Stage')",
    );
  });

  test.each(['my stage', '', 'a'.repeat(129), 'dev/1'])('rejects the stage name %j', (stageName) => {
    const { stack, api } = setup();
    expectError(() => new WebSocketStage(stack, 'Stage', { webSocketApi: api, stageName }), `WebSocketStage stageName must be 1 to 128 letters, digits, '_' and '-', got '${stageName}' (at 'Stack/Stage')`,
    );
  });

  test('rejects a second stage with the same name on one API', () => {
    const { stack, api } = setup();
    new WebSocketStage(stack, 'Dev', { webSocketApi: api, stageName: 'dev' });
    expectError(() => new WebSocketStage(stack, 'Again', { webSocketApi: api, stageName: 'dev' }), "WebSocketStage stageName must be unique within an API, got 'dev' which is already used by Stack/Dev (at 'Stack/Again')",
    );
  });

  test('grantManageConnections allows execute-api:ManageConnections on this stage only', () => {
    const { stack, api } = setup();
    const stage = new WebSocketStage(stack, 'Stage', { webSocketApi: api, stageName: 'dev' });
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    stage.grantManageConnections(role);

    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          {
            Action: 'execute-api:ManageConnections',
            Effect: 'Allow',
            Resource: executeApiArnJoin(logicalId(api), 'dev/*/@connections/*'),
          },
        ],
      },
    });
  });

  test('metric has the ApiId and Stage dimensions', () => {
    const { stack, api } = setup();
    const stage = new WebSocketStage(stack, 'Stage', { webSocketApi: api, stageName: 'dev' });
    const metric = stage.metric('ConnectCount');

    expect(metric.namespace).toBe('AWS/ApiGateway');
    expect(stack.resolve(metric.dimensions)).toEqual({ ApiId: { Ref: logicalId(api) }, Stage: 'dev' });
  });

  test('domainMapping maps the stage on a custom domain', () => {
    const { stack, api } = setup();
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:us-east-1:123456789012:certificate/abc');
    const domainName = new DomainName(stack, 'Domain', { domainName: 'ws.example.com', certificate });
    new WebSocketStage(stack, 'Stage', {
      webSocketApi: api,
      stageName: 'dev',
      domainMapping: { domainName, mappingKey: 'chat' },
    });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', {
      ApiId: { Ref: logicalId(api) },
      // The name itself, as @aws-cdk 1.123 writes it.
      DomainName: 'ws.example.com',
      Stage: 'dev',
      ApiMappingKey: 'chat',
    });
  });

  test('domainUrl and domainCallbackUrl are the stage on its custom domain, without the stage name', () => {
    const { stack, api } = setup();
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:us-east-1:123456789012:certificate/abc');
    const domainName = new DomainName(stack, 'Domain', { domainName: 'ws.example.com', certificate });
    const stage = new WebSocketStage(stack, 'Stage', { webSocketApi: api, stageName: 'dev', domainMapping: { domainName, mappingKey: 'chat' } });
    const root = new WebSocketStage(stack, 'Root', { webSocketApi: api, stageName: 'prod', domainMapping: { domainName } });

    expect(stage.domainUrl).toBe('wss://ws.example.com/chat');
    expect(stage.domainCallbackUrl).toBe('https://ws.example.com/chat');
    expect(root.domainUrl).toBe('wss://ws.example.com/');
  });

  test('domainUrl without a domainMapping throws', () => {
    const { stack, api } = setup();
    const stage = new WebSocketStage(stack, 'Stage', { webSocketApi: api, stageName: 'dev' });
    expectError(() => stage.domainUrl, "WebSocketStage domainUrl needs the stage's domainMapping, got none (at 'Stack/Stage')");
  });

  test('warns (acknowledgeably) for a WebSocket API on a domain that maps an HTTP API, which 1.123 synthesized', () => {
    const { stack, api } = setup();
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:us-east-1:123456789012:certificate/abc');
    const domainName = new DomainName(stack, 'Domain', { domainName: 'api.example.com', certificate });
    new HttpApi(stack, 'Http', { defaultDomainMapping: { domainName, mappingKey: 'v1' } });
    new WebSocketStage(stack, 'Stage', { webSocketApi: api, stageName: 'dev', domainMapping: { domainName, mappingKey: 'ws' } });

    Annotations.fromStack(stack).hasWarning('/Stack/Stage/Stack--Domainws', Match.stringLikeRegexp(
      "^ApiMapping api must not map WebSocket and HTTP APIs to the same domain name \\(AWS refuses the deploy\\), got WebSocket API 'Stack/Api' on a domain that maps HTTP API mapping 'Stack/Http/DefaultStage/Stack--Domainv1' \\(at 'Stack/Stage/Stack--Domainws'\\) \\[ack: cdk-apigatewayv2:webSocketAndHttpOnOneDomain\\]$"));
  });

  test('grantManagementApiAccess grants ManageConnections on the stage\'s @connections, as aws-cdk-lib', () => {
    const { stack, api } = setup();
    const stage = new WebSocketStage(stack, 'Stage', { webSocketApi: api, stageName: 'dev' });
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    stage.grantManagementApiAccess(role);

    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{
          Action: 'execute-api:ManageConnections',
          Effect: 'Allow',
          Resource: {
            'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':execute-api:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':', { Ref: logicalId(api) }, '/dev/*/@connections/*']],
          },
        }],
      },
    });
  });

  test('rejects a multi-level mapping key', () => {
    const { stack, api } = setup();
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:us-east-1:123456789012:certificate/abc');
    const domainName = new DomainName(stack, 'Domain', { domainName: 'ws.example.com', certificate });
    expectError(() => new WebSocketStage(stack, 'Stage', { webSocketApi: api, stageName: 'dev', domainMapping: { domainName, mappingKey: 'chat/v1' } }),
    "WebSocketStage domainMapping.mappingKey must not contain '/', got 'chat/v1' (at 'Stack/Stage')");
  });

  describe('fromWebSocketStageAttributes', () => {
    test('keeps the stage\'s name and API, and, as 1.123, offers no URLs', () => {
      const { stack, api } = setup();
      const stage = WebSocketStage.fromWebSocketStageAttributes(stack, 'Imported', { api, stageName: 'live' });

      expect(stage.stageName).toBe('live');
      expect(stage.api).toBe(api);
      expect(() => stage.url).toThrow(/^url is not available for imported stages\./);
      expect(() => stage.callbackUrl).toThrow(/^callback url is not available for imported stages\./);
      Template.fromStack(stack).resourceCountIs('AWS::ApiGatewayV2::Stage', 0);
    });

    test('can grant ManageConnections on the imported stage', () => {
      const { stack, api } = setup();
      const stage = WebSocketStage.fromWebSocketStageAttributes(stack, 'Imported', { api, stageName: 'live' });
      const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      stage.grantManageConnections(role);

      Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: [
            Match.objectLike({
              Resource: { 'Fn::Join': ['', Match.arrayWith(['/live/*/@connections/*'])] },
            }),
          ],
        },
      });
    });
  });
});
