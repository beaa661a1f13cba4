import { IResource } from 'aws-cdk-lib';

/**
 * An authorizer of an API Gateway v2 API.
 */
export interface IAuthorizer extends IResource {
  /**
   * The identifier of this authorizer.
   * @attribute
   */
  readonly authorizerId: string;
}
