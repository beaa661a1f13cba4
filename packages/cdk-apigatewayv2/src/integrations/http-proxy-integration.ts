import { HttpIntegrationType } from '../http/http-integration';
import { HttpMethod } from '../http/http-method';
import { HttpRouteIntegrationBindOptions, HttpRouteIntegrationConfig, IHttpRouteIntegration } from '../http/http-route-integration';
import { PayloadFormatVersion } from '../http/payload-format-version';
import { throwInvalid } from '../private/invalid';
import { isConcrete } from '../private/tokens';
import { HttpIntegrationRequestOptions } from './integration-request-options';

/**
 * Properties of an {@link HttpProxyIntegration}.
 */
export interface HttpProxyIntegrationProps extends HttpIntegrationRequestOptions {
  /**
   * The publicly reachable `http://` or `https://` URL requests are forwarded to. For a greedy route such as
   * `/books/{proxy+}` it may use the path variable, e.g. `https://backend.example.com/{proxy}`.
   */
  readonly url: string;

  /**
   * The method API Gateway uses towards the backend; `ANY` forwards the client's method.
   * @default HttpMethod.ANY
   */
  readonly method?: HttpMethod;
}

/**
 * Forwards the requests of a route to a public HTTP endpoint (an `HTTP_PROXY` integration over the internet),
 * and the endpoint's response back to the client.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-http.html
 */
export class HttpProxyIntegration implements IHttpRouteIntegration {
  private readonly url: string;
  private readonly method: HttpMethod;
  private readonly requestOptions: HttpIntegrationRequestOptions;

  /**
   * @param props the endpoint and the method used to call it
   */
  constructor(props: HttpProxyIntegrationProps) {
    validateUrl(props.url);
    this.url = props.url;
    this.method = props.method ?? HttpMethod.ANY;
    this.requestOptions = { parameterMapping: props.parameterMapping, timeout: props.timeout, responseParameterMappings: props.responseParameterMappings };
  }

  /**
   * Returns the integration configuration; an HTTP proxy needs nothing per route.
   */
  public bind(_options: HttpRouteIntegrationBindOptions): HttpRouteIntegrationConfig {
    // Keys in @aws-cdk 1.123's order: the integration's logical id is a hash of this object as written.
    return {
      method: this.method,
      // HTTP proxy integrations accept only 1.0 (the version is meaningless to the backend, but required).
      payloadFormatVersion: PayloadFormatVersion.VERSION_1_0,
      type: HttpIntegrationType.HTTP_PROXY,
      uri: this.url,
      // Added after 1.123, and absent from the configuration unless given: 1.123 integrations keep their logical ids.
      parameterMapping: this.requestOptions.parameterMapping,
      timeout: this.requestOptions.timeout,
      responseParameterMappings: this.requestOptions.responseParameterMappings,
    };
  }
}

/**
 * API Gateway only forwards to a fully-qualified URL ("For an HTTP integration, specify a fully-qualified URL":
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-integration.html),
 * so a relative URL is refused at deploy. A token (e.g. a load balancer's DNS name) is not checked, nor is a URL
 * with a `${…}` placeholder such as a stage variable (`${stageVariables.url}`), which @aws-cdk 1.123 accepted and
 * API Gateway fills in, possibly with the scheme.
 */
function validateUrl(url: string): void {
  if (!isConcrete(url) || url.includes('${')) {
    return;
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\/([^/?#\s]*)/i.exec(url);
  if (!scheme || !['http', 'https'].includes(scheme[1].toLowerCase())) {
    throwInvalid(undefined, { subject: 'HttpProxyIntegration', prop: 'url', rule: 'must be an absolute http:// or https:// URL', value: url });
  }
  if (scheme[2] === '') {
    throwInvalid(undefined, { subject: 'HttpProxyIntegration', prop: 'url', rule: 'must name a host', value: url });
  }
  if (/\s/.test(url)) {
    throwInvalid(undefined, { subject: 'HttpProxyIntegration', prop: 'url', rule: 'must not contain whitespace', value: url });
  }
}
