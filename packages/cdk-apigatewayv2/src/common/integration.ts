import { IResource } from 'aws-cdk-lib';

/**
 * An integration of an API Gateway v2 API: the backend that a route sends requests to.
 */
export interface IIntegration extends IResource {
  /**
   * The identifier of this integration.
   * @attribute
   */
  readonly integrationId: string;
}
