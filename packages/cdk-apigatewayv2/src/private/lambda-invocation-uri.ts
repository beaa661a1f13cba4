import { Stack } from 'aws-cdk-lib';
import { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

/**
 * The URI through which API Gateway invokes a Lambda function, in the region of the API's stack:
 * `arn:{partition}:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations`.
 * Lambda authorizers (`AuthorizerUri`) and WebSocket Lambda integrations (`IntegrationUri`) both need it; HTTP API
 * integrations also accept the bare function ARN.
 *
 * @param scope a construct in the API's stack
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-authorizer.html
 */
export function lambdaInvocationUri(scope: Construct, handler: IFunction): string {
  const stack = Stack.of(scope);
  return `arn:${stack.partition}:apigateway:${stack.region}:lambda:path/2015-03-31/functions/${handler.functionArn}/invocations`;
}
