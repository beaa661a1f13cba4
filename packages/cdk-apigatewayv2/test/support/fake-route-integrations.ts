import {
  HttpConnectionType, HttpIntegrationType, HttpMethod, HttpRouteAuthorizerBindOptions, HttpRouteAuthorizerConfig,
  HttpRouteIntegrationBindOptions, HttpRouteIntegrationConfig, IHttpRouteAuthorizer, IHttpRouteIntegration,
  PayloadFormatVersion,
} from '../../src';

/**
 * Test-local route integrations and authorizers: they return fixed configurations and record the routes that
 * bound them, so tests can check the core's binding path without the integrations submodule.
 */
export class RecordingLambdaIntegration implements IHttpRouteIntegration {
  public readonly boundPaths: (string | undefined)[] = [];

  constructor(private readonly functionArn: string, private readonly version = PayloadFormatVersion.VERSION_2_0) {}

  public bind(options: HttpRouteIntegrationBindOptions): HttpRouteIntegrationConfig {
    this.boundPaths.push(options.route.path);
    return { type: HttpIntegrationType.LAMBDA_PROXY, uri: this.functionArn, payloadFormatVersion: this.version };
  }
}

export class UrlIntegration implements IHttpRouteIntegration {
  constructor(private readonly url: string, private readonly method = HttpMethod.ANY) {}

  public bind(_options: HttpRouteIntegrationBindOptions): HttpRouteIntegrationConfig {
    return { type: HttpIntegrationType.HTTP_PROXY, uri: this.url, method: this.method, payloadFormatVersion: PayloadFormatVersion.VERSION_1_0 };
  }
}

export class FixedConfigIntegration implements IHttpRouteIntegration {
  constructor(private readonly config: HttpRouteIntegrationConfig) {}

  public bind(_options: HttpRouteIntegrationBindOptions): HttpRouteIntegrationConfig {
    return this.config;
  }
}

export class PrivateUrlIntegration implements IHttpRouteIntegration {
  constructor(private readonly listenerArn: string, private readonly vpcLinkId: string) {}

  public bind(_options: HttpRouteIntegrationBindOptions): HttpRouteIntegrationConfig {
    return {
      type: HttpIntegrationType.HTTP_PROXY, uri: this.listenerArn, method: HttpMethod.ANY,
      connectionType: HttpConnectionType.VPC_LINK, connectionId: this.vpcLinkId, payloadFormatVersion: PayloadFormatVersion.VERSION_1_0,
    };
  }
}

export class FixedAuthorizer implements IHttpRouteAuthorizer {
  public readonly scopes: string[] = [];

  constructor(private readonly config: HttpRouteAuthorizerConfig) {}

  public bind(options: HttpRouteAuthorizerBindOptions): HttpRouteAuthorizerConfig {
    this.scopes.push(options.scope.node.path);
    return this.config;
  }
}
