import { ArnFormat, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * `arn:{partition}:execute-api:{region}:{account}:{apiId}/{tail}`, with partition, region and account of
 * the stack that holds `scope`.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/arn-format-reference.html
 */
export function executeApiArn(scope: IConstruct, apiId: string, tail: string): string {
  return Stack.of(scope).formatArn({
    service: 'execute-api',
    resource: apiId,
    arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    resourceName: tail,
  });
}
