import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as events from 'aws-cdk-lib/aws-events';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { describe, expect, test } from 'vitest';
import { expectError } from '../../test/support/expect-error';
import { HttpApi, HttpIntegrationSubtype, HttpRoute, HttpRouteKey, MappingValue, ParameterMapping } from '../index';
import { HttpEventBridgeIntegration, HttpSqsIntegration, HttpStepFunctionsIntegration } from './index';

function newStack(): Stack {
  return new Stack(new App(), 'Stack');
}

function stateMachine(stack: Stack, type?: sfn.StateMachineType): sfn.StateMachine {
  return new sfn.StateMachine(stack, 'StateMachine', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Pass')), stateMachineType: type });
}

describe('HttpSqsIntegration', () => {
  test('default integration', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    const queue = new sqs.Queue(stack, 'Queue');
    new HttpRoute(stack, 'Route', { httpApi: api, routeKey: HttpRouteKey.with('/orders'), integration: new HttpSqsIntegration({ queue }) });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      IntegrationSubtype: 'SQS-SendMessage',
      PayloadFormatVersion: '1.0',
      CredentialsArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^RouteInvokeRole'), 'Arn'] },
      RequestParameters: { QueueUrl: { Ref: Match.stringLikeRegexp('^Queue') }, MessageBody: '$request.body.MessageBody' },
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'apigateway.amazonaws.com' } })] },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Sid: 'AllowSqsExecution', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Queue'), 'Arn'] } }] },
    });
  });

  test.each([
    [HttpIntegrationSubtype.SQS_RECEIVE_MESSAGE, 'sqs:ReceiveMessage', {}],
    [HttpIntegrationSubtype.SQS_DELETE_MESSAGE, 'sqs:DeleteMessage', { ReceiptHandle: '$request.body.ReceiptHandle' }],
    [HttpIntegrationSubtype.SQS_PURGE_QUEUE, 'sqs:PurgeQueue', {}],
  ])('subtype %s grants %s only and maps its parameters', (subtype, action, extra) => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    const queue = new sqs.Queue(stack, 'Queue');
    api.addRoutes({ path: '/q', integration: new HttpSqsIntegration({ queue, subtype }) });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationSubtype: subtype,
      RequestParameters: { QueueUrl: { Ref: Match.stringLikeRegexp('^Queue') }, ...extra, ...(subtype === HttpIntegrationSubtype.SQS_DELETE_MESSAGE ? {} : { ReceiptHandle: Match.absent() }) },
    });
    template.hasResourceProperties('AWS::IAM::Policy', { PolicyDocument: { Statement: [Match.objectLike({ Action: action })] } });
  });

  test('a custom parameter mapping replaces the default one', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    const queue = new sqs.Queue(stack, 'Queue');
    const parameterMapping = new ParameterMapping().custom('QueueUrl', queue.queueUrl).custom('MessageBody', '$request.body').custom('MessageGroupId', '$request.header.group');
    api.addRoutes({ path: '/q', integration: new HttpSqsIntegration({ queue, parameterMapping }) });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      RequestParameters: { QueueUrl: { Ref: Match.stringLikeRegexp('^Queue') }, MessageBody: '$request.body', MessageGroupId: '$request.header.group' },
    });
  });

  test('routes of one API share one role and one integration', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    const integration = new HttpSqsIntegration({ queue: new sqs.Queue(stack, 'Queue') });
    api.addRoutes({ path: '/a', integration });
    api.addRoutes({ path: '/b', integration });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::Role', 1);
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 1);
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 2);
  });

  test('throws when subtype is not SQS', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    const integration = new HttpSqsIntegration({ queue: new sqs.Queue(stack, 'Queue'), subtype: HttpIntegrationSubtype.EVENTBRIDGE_PUT_EVENTS });
    expectError(() => api.addRoutes({ path: '/q', integration }),
      "Subtype must start with `SQS_`: HttpSqsIntegration subtype must be one of the SQS_* subtypes, got 'EventBridge-PutEvents' (at 'Stack/Api/ANY--q')");
  });
});

describe('HttpEventBridgeIntegration', () => {
  test('default integration puts events on the bus with the bus name added', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    const bus = new events.EventBus(stack, 'Bus');
    api.addRoutes({ path: '/events', integration: new HttpEventBridgeIntegration({ eventBusRef: bus.eventBusRef }) });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      IntegrationSubtype: 'EventBridge-PutEvents',
      PayloadFormatVersion: '1.0',
      RequestParameters: { Detail: '$request.body.Detail', DetailType: '$request.body.DetailType', Source: '$request.body.Source', EventBusName: { Ref: Match.stringLikeRegexp('^Bus') } },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Sid: 'AllowEventBridgePutEvents', Effect: 'Allow', Action: 'events:PutEvents', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Bus'), 'Arn'] } }] },
    });
  });

  test('a custom mapping gets EventBusName unless it sets one, and is not changed itself', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    const bus = new events.EventBus(stack, 'Bus');
    const parameterMapping = ParameterMapping.fromObject({ Detail: MappingValue.requestBody('data'), DetailType: MappingValue.custom('order'), Source: MappingValue.custom('shop') });
    api.addRoutes({ path: '/events', integration: new HttpEventBridgeIntegration({ eventBusRef: bus.eventBusRef, parameterMapping }) });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      RequestParameters: { Detail: '$request.body.data', DetailType: 'order', Source: 'shop', EventBusName: { Ref: Match.stringLikeRegexp('^Bus') } },
    });
    expect(Object.keys(parameterMapping.mappings)).toEqual(['Detail', 'DetailType', 'Source']);
  });
});

describe('HttpStepFunctionsIntegration', () => {
  test('default integration starts executions of the state machine', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    api.addRoutes({ path: '/run', integration: new HttpStepFunctionsIntegration({ stateMachine: stateMachine(stack) }) });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationSubtype: 'StepFunctions-StartExecution',
      RequestParameters: { StateMachineArn: { Ref: Match.stringLikeRegexp('^StateMachine') } },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Sid: 'AllowStepFunctionsExecution', Effect: 'Allow', Action: 'states:StartExecution', Resource: { Ref: Match.stringLikeRegexp('^StateMachine') } }] },
    });
  });

  test('STOP_EXECUTION grants states:StopExecution on the executions of the state machine', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    const machine = stateMachine(stack);
    const parameterMapping = new ParameterMapping().custom('ExecutionArn', '$request.querystring.executionArn');
    api.addRoutes({ path: '/stop', integration: new HttpStepFunctionsIntegration({ stateMachine: machine, subtype: HttpIntegrationSubtype.STEPFUNCTIONS_STOP_EXECUTION, parameterMapping }) });

    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [Match.objectLike({ Action: 'states:StopExecution', Resource: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(':execution:')])] } })] },
    });
  });

  test('START_SYNC_EXECUTION needs an express state machine', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    const integration = new HttpStepFunctionsIntegration({ stateMachine: stateMachine(stack, sfn.StateMachineType.STANDARD), subtype: HttpIntegrationSubtype.STEPFUNCTIONS_START_SYNC_EXECUTION });
    expectError(() => api.addRoutes({ path: '/sync', integration }),
      'Cannot use subtype `STEPFUNCTIONS_START_SYNC_EXECUTION` with a standard type state machine: HttpStepFunctionsIntegration subtype '
      + "STEPFUNCTIONS_START_SYNC_EXECUTION needs an EXPRESS state machine, got a STANDARD state machine (at 'Stack/Api/ANY--sync')");
  });

  test('START_SYNC_EXECUTION on an express state machine grants states:StartSyncExecution', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    api.addRoutes({ path: '/sync', integration: new HttpStepFunctionsIntegration({ stateMachine: stateMachine(stack, sfn.StateMachineType.EXPRESS), subtype: HttpIntegrationSubtype.STEPFUNCTIONS_START_SYNC_EXECUTION }) });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', { PolicyDocument: { Statement: [Match.objectLike({ Action: 'states:StartSyncExecution' })] } });
  });
});
