import { IResource } from 'aws-cdk-lib';

/**
 * A route of an API Gateway v2 API.
 */
export interface IRoute extends IResource {
  /**
   * The identifier of this route.
   * @attribute
   */
  readonly routeId: string;
}
