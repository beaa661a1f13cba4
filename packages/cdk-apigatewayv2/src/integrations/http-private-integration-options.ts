import { HttpMethod } from '../http/http-method';
import { IVpcLink } from '../http/vpc-link';
import { HttpIntegrationRequestOptions } from './integration-request-options';

/**
 * Options shared by the integrations that reach private resources in a VPC through a VPC link.
 */
export interface HttpPrivateIntegrationOptions extends HttpIntegrationRequestOptions {
  /**
   * The VPC link API Gateway reaches the resource through.
   * @default - for load balancers, the API's VPC link in the load balancer's VPC, created if the API has none;
   * required for Cloud Map services
   */
  readonly vpcLink?: IVpcLink;

  /**
   * The method API Gateway uses towards the backend; `ANY` forwards the client's method.
   * @default HttpMethod.ANY
   */
  readonly method?: HttpMethod;

  /**
   * The host name API Gateway verifies the backend's TLS certificate against. Setting it makes API Gateway
   * use HTTPS to the backend.
   * @default undefined private integration traffic will use HTTP protocol
   */
  readonly secureServerName?: string;
}
