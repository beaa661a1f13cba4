import { HttpConnectionType, HttpIntegrationType } from '../../http/http-integration';
import { HttpMethod } from '../../http/http-method';
import { HttpRouteIntegrationBindOptions, HttpRouteIntegrationConfig, IHttpRouteIntegration } from '../../http/http-route-integration';
import { PayloadFormatVersion } from '../../http/payload-format-version';
import { IVpcLink } from '../../http/vpc-link';
import { throwInvalid } from '../../private/invalid';
import { isConcrete } from '../../private/tokens';
import { HttpPrivateIntegrationOptions } from '../http-private-integration-options';
import { HttpIntegrationRequestOptions } from '../integration-request-options';

/** A DNS host name, optionally with a leading wildcard label (no scheme, port or path). */
const HOST_NAME = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;

/**
 * What the load balancer and Cloud Map integrations share: an `HTTP_PROXY` integration over a VPC link,
 * payload 1.0, whose URI is the ARN of the private resource.
 *
 * @internal
 */
export abstract class HttpPrivateIntegration implements IHttpRouteIntegration {
  /** Private integrations always connect through a VPC link. */
  public readonly connectionType = HttpConnectionType.VPC_LINK;
  /** Private integrations are HTTP proxies. */
  public readonly integrationType = HttpIntegrationType.HTTP_PROXY;
  /** HTTP proxies accept payload format 1.0 only. */
  public readonly payloadFormatVersion = PayloadFormatVersion.VERSION_1_0;
  /** The method API Gateway uses towards the backend. */
  public readonly httpMethod: HttpMethod;

  private readonly secureServerName?: string;
  private readonly requestOptions: HttpIntegrationRequestOptions;

  /**
   * @param className the concrete class, for error messages
   * @param options the options every private integration has
   */
  protected constructor(className: string, options: HttpPrivateIntegrationOptions) {
    validateSecureServerName(className, options.secureServerName);
    this.httpMethod = options.method ?? HttpMethod.ANY;
    this.secureServerName = options.secureServerName;
    this.requestOptions = { parameterMapping: options.parameterMapping, timeout: options.timeout, responseParameterMappings: options.responseParameterMappings };
  }

  /** Returns the integration configuration for the resource of this integration. */
  public abstract bind(options: HttpRouteIntegrationBindOptions): HttpRouteIntegrationConfig;

  /**
   * The configuration of a private integration.
   * @param uri the listener or Cloud Map service ARN
   * @param vpcLink the link API Gateway connects through
   */
  protected privateConfig(uri: string, vpcLink: IVpcLink): HttpRouteIntegrationConfig {
    // Keys in @aws-cdk 1.123's order: the integration's logical id is a hash of this object as written.
    return {
      method: this.httpMethod,
      payloadFormatVersion: this.payloadFormatVersion,
      type: this.integrationType,
      connectionType: this.connectionType,
      connectionId: vpcLink.vpcLinkId,
      uri,
      secureServerName: this.secureServerName,
      // Added after 1.123, and absent from the configuration unless given: 1.123 integrations keep their logical ids.
      parameterMapping: this.requestOptions.parameterMapping,
      timeout: this.requestOptions.timeout,
      responseParameterMappings: this.requestOptions.responseParameterMappings,
    };
  }
}

function validateSecureServerName(className: string, name: string | undefined): void {
  if (isConcrete(name) && !HOST_NAME.test(name)) {
    throwInvalid(undefined, { subject: className, prop: 'secureServerName', rule: 'must be a host name (no scheme, port or path)', value: name });
  }
}
