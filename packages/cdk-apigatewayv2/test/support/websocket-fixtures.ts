import { App, CfnElement, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { IConstruct } from 'constructs';
import {
  IWebSocketRouteIntegration,
  WebSocketIntegrationType,
  WebSocketRouteIntegrationBindOptions,
  WebSocketRouteIntegrationConfig,
} from '../../src';

/** A stack without an environment, so region and account stay `AWS::Region` / `AWS::AccountId` references. */
export function newStack(): Stack {
  return new Stack(new App(), 'Stack');
}

/** The logical id of a construct's `Resource` child. */
export function logicalId(construct: IConstruct): string {
  return Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);
}

/** A small inline Node.js function. */
export function newFunction(stack: Stack, id: string): lambda.Function {
  return new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  });
}

/** `arn:{partition}:execute-api:{region}:{account}:{apiId}/{tail}` as an environment-agnostic stack renders it. */
export function executeApiArnJoin(apiLogicalId: string, tail: string): unknown {
  return {
    'Fn::Join': [
      '',
      ['arn:', { Ref: 'AWS::Partition' }, ':execute-api:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':', { Ref: apiLogicalId }, `/${tail}`],
    ],
  };
}

/** The Lambda invocation URI of a function of the same stack, as rendered in `IntegrationUri`. */
export function invocationUriJoin(functionLogicalId: string): unknown {
  return {
    'Fn::Join': [
      '',
      [
        'arn:', { Ref: 'AWS::Partition' }, ':apigateway:', { Ref: 'AWS::Region' }, ':lambda:path/2015-03-31/functions/',
        { 'Fn::GetAtt': [functionLogicalId, 'Arn'] }, '/invocations',
      ],
    ],
  };
}

/**
 * A WebSocket route integration that returns a fixed AWS_PROXY configuration and records the keys of the routes
 * that bound it, so tests of the core do not depend on Lambda.
 */
export class RecordingWebSocketIntegration implements IWebSocketRouteIntegration {
  public readonly boundRouteKeys: string[] = [];

  constructor(private readonly uri: string) {}

  public bind(options: WebSocketRouteIntegrationBindOptions): WebSocketRouteIntegrationConfig {
    this.boundRouteKeys.push(options.route.routeKey);
    return { type: WebSocketIntegrationType.AWS_PROXY, uri: this.uri };
  }
}
