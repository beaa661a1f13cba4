import { Duration } from 'aws-cdk-lib';
import { ParameterMapping } from '../http/parameter-mapping';

/**
 * What the Lambda, HTTP and private integrations take, as aws-cdk-lib 2.x's do, to shape the request and bound
 * the wait for the backend.
 */
export interface HttpIntegrationRequestOptions {
  /**
   * Specifies how to transform HTTP requests before sending them to the backend.
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html
   * @default undefined requests are sent to the backend unmodified
   */
  readonly parameterMapping?: ParameterMapping;

  /**
   * How API Gateway changes the backend's response before the client gets it, per backend status code (200 to
   * 599): headers appended, overwritten or removed (`appendHeader`, `overwriteHeader`, `removeHeader`) and the
   * status code overwritten (`overwriteStatusCode`). aws-cdk-lib 2.x has no such prop; it is CloudFormation's
   * `ResponseParameters`.
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html
   * @default - responses are returned unmodified
   */
  readonly responseParameterMappings?: { [statusCode: string]: ParameterMapping };

  /**
   * The maximum amount of time an integration will run before it returns without a response
   * (50 milliseconds to 30 seconds).
   * @default - API Gateway's default, 30 seconds for HTTP APIs
   */
  readonly timeout?: Duration;
}
