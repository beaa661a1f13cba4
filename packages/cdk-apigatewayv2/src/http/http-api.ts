import { Resource } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { CfnApi } from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { IApi, IpAddressType } from '../common/api';
import { DomainMappingOptions } from '../common/stage';
import { apiMetric } from '../private/api-metric';
import { executeApiArn } from '../private/execute-api-arn';
import { httpApiMetric } from '../private/http-metrics';
import { throwInvalid } from '../private/invalid';
import { isConcrete } from '../private/tokens';
import { CorsPreflightOptions, renderCors } from './cors';
import { HttpMethod } from './http-method';
import { BatchHttpRouteOptions, HttpRoute } from './http-route';
import { IHttpRouteAuthorizer } from './http-route-authorizer';
import { IHttpRouteIntegration } from './http-route-integration';
import { HttpRouteKey } from './http-route-key';
import { HttpStage, HttpStageOptions, IHttpStage } from './http-stage';
import { ApiDefinition } from './openapi/api-definition';
import { inlineDefinitionOf } from './openapi/bind-definition-handlers';
import { exportHttpApiOpenApi, HttpApiToOpenApiOptions } from './openapi/to-open-api';
import { VpcLink, VpcLinkProps } from './vpc-link';
import { grantApiGatewayInvoke } from '../private/grant-api-gateway-invoke';

/**
 * An HTTP API.
 */
export interface IHttpApi extends IApi {
  /**
   * The identifier of this API (same as `apiId`).
   * @attribute
   */
  readonly httpApiId: string;

  /**
   * The authorizer of routes that do not set their own.
   * @default - no default authorizer
   */
  readonly defaultAuthorizer?: IHttpRouteAuthorizer;

  /**
   * The authorization scopes of routes that do not set their own (JWT authorizers only).
   * @default - no default authorization scopes
   */
  readonly defaultAuthorizationScopes?: string[];

  /**
   * Returns the VPC link of this API for `options.vpc`, creating it on the first call for that VPC.
   * Later calls for the same VPC return the same link (their other options are not applied).
   */
  addVpcLink(options: VpcLinkProps): VpcLink;

  /**
   * Adds one route per method for a path. On an API imported with `HttpApi.fromHttpApiAttributes`, the routes,
   * their integration and permissions are created in the importing stack.
   */
  addRoutes(options: AddRoutesOptions): HttpRoute[];

  /**
   * The execute-api ARN of requests to this API:
   * `arn:{partition}:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}{path}`, for use in IAM policies
   * and Lambda permissions.
   *
   * @param method the HTTP method (e.g. `GET`); `ANY` or undefined mean every method (`*`)
   * @param path the resource path starting with `/` (e.g. `/books/*`); undefined means every path (`/*`)
   * @param stage the stage name; undefined means every stage (`*`)
   */
  arnForExecuteApi(method?: string, path?: string, stage?: string): string;

  /** Client errors (HTTP 4xx) of all stages, summed. */
  metricClientError(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  /** Server errors (HTTP 5xx) of all stages, summed. */
  metricServerError(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  /** Number of requests to all stages. */
  metricCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  /** Bytes processed by all stages, summed. */
  metricDataProcessed(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  /** Time between API Gateway sending a request to the backend and receiving its response, averaged. */
  metricIntegrationLatency(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  /** Time between API Gateway receiving a request and returning the response, averaged. */
  metricLatency(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
}

/**
 * Properties of an {@link HttpApi}.
 */
export interface HttpApiProps {
  /**
   * The name of the API, 1 to 128 characters.
   * @default - id of the HttpApi construct; with `apiDefinition`, the document's `info.title` (the `Name`
   * property is left out; `httpApiName` still reads the construct id)
   */
  readonly apiName?: string;

  /**
   * The description of the API, at most 1024 characters.
   * @default - none
   */
  readonly description?: string;

  /**
   * The backend of the `$default` route, which receives every request that no other route matches.
   * @default - none
   */
  readonly defaultIntegration?: IHttpRouteIntegration;

  /**
   * Whether to create the `$default` stage, served at the root of the API's URL and deployed automatically.
   * @default true
   */
  readonly createDefaultStage?: boolean;

  /**
   * CORS preflight configuration.
   * @default - CORS disabled.
   */
  readonly corsPreflight?: CorsPreflightOptions;

  /**
   * A custom domain mapping for the `$default` stage.
   * @default - no default domain mapping configured. meaningless if `createDefaultStage` is `false`.
   */
  readonly defaultDomainMapping?: DomainMappingOptions;

  /**
   * Whether clients can only call the API through a custom domain, not the execute-api endpoint.
   * @default false execute-api endpoint enabled.
   */
  readonly disableExecuteApiEndpoint?: boolean;

  /**
   * The IP address types that can invoke the API.
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-ip-address-type.html
   * @default undefined - AWS default is IPV4
   */
  readonly ipAddressType?: IpAddressType;

  /**
   * The authorizer of routes that do not set their own.
   * @default - No authorizer
   */
  readonly defaultAuthorizer?: IHttpRouteAuthorizer;

  /**
   * The authorization scopes of routes that do not set their own. Only valid with a JWT default authorizer.
   * @default - no default authorization scopes
   */
  readonly defaultAuthorizationScopes?: string[];

  /**
   * An OpenAPI 3.0 definition of the API's routes, integrations, authorizers and CORS (`Body` or
   * `BodyS3Location`), imported by API Gateway. Routes added as constructs are added to it (and win over the
   * definition's route with the same key, as a reimport does).
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-open-api.html
   * @default - no definition: routes come from constructs only
   */
  readonly apiDefinition?: ApiDefinition;

  /**
   * Lambda functions that serve operations of `apiDefinition`, by `operationId` or route key (`GET /books/{id}`,
   * `$default`): each operation gets a Lambda proxy integration (payload 2.0) to its function, and API Gateway
   * is allowed to invoke the function. Only with an inline definition; an operation that has an integration
   * already is refused.
   * @default - the definition's own integrations only
   */
  readonly apiDefinitionHandlers?: { [operation: string]: lambda.IFunction };

  /**
   * Whether API Gateway rolls the import of `apiDefinition` back when it finds a warning.
   * @default false
   */
  readonly failOnWarnings?: boolean;
}

/**
 * Reference to an HTTP API created outside this construct tree.
 */
export interface HttpApiAttributes {
  /** The identifier of the API. */
  readonly httpApiId: string;

  /**
   * The default endpoint of the API.
   * @default - throws an error if apiEndpoint is accessed.
   */
  readonly apiEndpoint?: string;
}

/**
 * Options of `HttpApi.addRoutes`: one route per method for a path.
 */
export interface AddRoutesOptions extends BatchHttpRouteOptions {
  /** The path of the routes, e.g. `/books/{id}`. */
  readonly path: string;

  /**
   * The methods to route; one route is created per method.
   * @default HttpMethod.ANY
   */
  readonly methods?: HttpMethod[];

  /**
   * Who may call the routes.
   * @default - uses the default authorizer if one is specified on the HttpApi
   */
  readonly authorizer?: IHttpRouteAuthorizer;

  /**
   * OAuth scopes for the routes (JWT authorizers only).
   * @default - uses defaultAuthorizationScopes if configured on the API, otherwise none.
   */
  readonly authorizationScopes?: string[];
}

/** What created and imported HTTP APIs share. @internal */
abstract class HttpApiBase extends Resource implements IHttpApi {
  public abstract readonly apiId: string;
  public abstract readonly httpApiId: string;
  public abstract readonly apiEndpoint: string;
  public readonly defaultAuthorizer?: IHttpRouteAuthorizer;
  public readonly defaultAuthorizationScopes?: string[];
  private readonly vpcLinks = new Map<string, VpcLink>();

  /**
   * Adds one route per method for a path, all with the same integration and authorization. Works on an imported
   * API too: the routes, their integration and permissions are created in the importing stack.
   */
  public addRoutes(options: AddRoutesOptions): HttpRoute[] {
    const methods = options.methods ?? [HttpMethod.ANY];
    if (methods.length === 0) {
      throwInvalid(this, { subject: 'HttpApi', prop: 'addRoutes methods', rule: 'must list at least one method', got: `[] for path '${options.path}'` });
    }
    // A loop, not `methods.map`: every CloudFormation resource of a route records its creation stack in the cloud
    // assembly's metadata, and the callback and `Array.map` would add two frames to each (bench/synth-own-cost.ts).
    const routes: HttpRoute[] = [];
    for (const method of methods) {
      routes.push(new HttpRoute(this, `${method}${options.path}`, {
        httpApi: this,
        routeKey: HttpRouteKey.with(options.path, method),
        integration: options.integration,
        authorizer: options.authorizer,
        authorizationScopes: options.authorizationScopes,
      }));
    }
    return routes;
  }

  public addVpcLink(options: VpcLinkProps): VpcLink {
    const key = options.vpc.node.addr;
    let link = this.vpcLinks.get(key);
    if (link === undefined) {
      // `VpcLink-<n>`, numbered in order of creation, is @aws-cdk 1.123's construct id: migrated links keep their logical ids.
      link = new VpcLink(this, `VpcLink-${this.vpcLinks.size + 1}`, options);
      this.vpcLinks.set(key, link);
    }
    return link;
  }

  public arnForExecuteApi(method?: string, path?: string, stage?: string): string {
    // As aws-cdk-lib: any method string is taken (ANY, in any case, becomes '*'); the path must be absolute.
    if (isConcrete(path) && !path.startsWith('/')) {
      throwInvalid(this, { legacyMessage: `Path must start with '/': ${path}`, subject: 'HttpApi', prop: 'arnForExecuteApi path', rule: "must start with '/'", value: path });
    }
    const methodPart = method === undefined || (isConcrete(method) && method.toUpperCase() === 'ANY') ? '*' : method;
    return executeApiArn(this, this.apiId, `${stage ?? '*'}/${methodPart}${path ?? '/*'}`);
  }

  public metric(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return apiMetric(this, metricName, props);
  }

  public metricClientError(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return httpApiMetric(this, 'clientError', props);
  }

  public metricServerError(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return httpApiMetric(this, 'serverError', props);
  }

  public metricCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return httpApiMetric(this, 'count', props);
  }

  public metricDataProcessed(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return httpApiMetric(this, 'dataProcessed', props);
  }

  public metricIntegrationLatency(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return httpApiMetric(this, 'integrationLatency', props);
  }

  public metricLatency(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return httpApiMetric(this, 'latency', props);
  }
}

/**
 * An HTTP API (`AWS::ApiGatewayV2::Api` with protocol HTTP): routes, their integrations and authorizers,
 * and by default a `$default` stage that deploys every change.
 *
 * @resource AWS::ApiGatewayV2::Api
 */
export class HttpApi extends HttpApiBase {
  /**
   * Imports an existing HTTP API.
   */
  public static fromHttpApiAttributes(scope: Construct, id: string, attrs: HttpApiAttributes): IHttpApi {
    return new ImportedHttpApi(scope, id, attrs);
  }

  public readonly apiId: string;
  public readonly httpApiId: string;
  private readonly executeApiEndpoint: string;

  /**
   * The name of the API.
   * @default - id of the construct
   */
  public readonly httpApiName?: string;

  /**
   * Whether the execute-api endpoint is disabled.
   * @default false
   */
  public readonly disableExecuteApiEndpoint?: boolean;

  /**
   * The `$default` stage, unless `createDefaultStage` was false.
   * @default - none
   */
  public readonly defaultStage?: IHttpStage;

  public readonly defaultAuthorizer?: IHttpRouteAuthorizer;
  public readonly defaultAuthorizationScopes?: string[];
  private readonly resource: CfnApi;

  constructor(scope: Construct, id: string, props: HttpApiProps = {}) {
    super(scope, id);
    this.httpApiName = props.apiName ?? id;
    validateApiProps(this, props, this.httpApiName);
    this.disableExecuteApiEndpoint = props.disableExecuteApiEndpoint;
    this.defaultAuthorizer = props.defaultAuthorizer;
    this.defaultAuthorizationScopes = props.defaultAuthorizationScopes;

    const inlineDefinition = props.apiDefinition === undefined ? undefined : inlineDefinitionOf(this, props.apiDefinition, props.apiDefinitionHandlers ?? {});
    // With a definition, the document's title names the API unless apiName is given, and ProtocolType may be left
    // out: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-api.html
    const fromDocument = props.apiDefinition !== undefined;
    const resource = new CfnApi(this, 'Resource', {
      name: fromDocument && props.apiName === undefined ? undefined : this.httpApiName,
      protocolType: fromDocument ? undefined : 'HTTP',
      body: inlineDefinition,
      failOnWarnings: props.failOnWarnings,
      description: props.description,
      corsConfiguration: props.corsPreflight !== undefined ? renderCors(props.corsPreflight, this) : undefined,
      disableExecuteApiEndpoint: props.disableExecuteApiEndpoint,
      ipAddressType: props.ipAddressType,
    });
    this.resource = resource;
    this.apiId = resource.ref;
    this.httpApiId = resource.ref;
    // One API-wide permission per bound function (after the API exists: the source ARN names it):
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
    for (const handler of new Set(Object.values(props.apiDefinitionHandlers ?? {}))) {
      grantApiGatewayInvoke({ handler, scope: this, id: `ApiDefinitionInvoke${handler.node.addr}`, sourceArn: () => this.arnForExecuteApi(), sourceArnBytes: 80 });
    }
    if (props.apiDefinition !== undefined && inlineDefinition === undefined) {
      // An asset definition: bound once the CfnApi exists, since the asset's metadata goes on it.
      resource.bodyS3Location = props.apiDefinition.bind(this).s3Location;
    }
    this.executeApiEndpoint = resource.attrApiEndpoint;

    if (props.defaultIntegration !== undefined) {
      new HttpRoute(this, 'DefaultRoute', {
        httpApi: this,
        routeKey: HttpRouteKey.DEFAULT,
        integration: props.defaultIntegration,
      });
    }

    if (props.createDefaultStage ?? true) {
      this.defaultStage = new HttpStage(this, 'DefaultStage', {
        httpApi: this,
        autoDeploy: true,
        domainMapping: props.defaultDomainMapping,
      });
    } else if (props.defaultDomainMapping !== undefined) {
      throwInvalid(this, {
        legacyMessage: 'defaultDomainMapping not supported with createDefaultStage disabled',
        subject: 'HttpApi', prop: 'defaultDomainMapping', rule: 'requires the default stage', got: 'createDefaultStage false',
      });
    }
  }

  /**
   * The URL of the `$default` stage, if it was created.
   * @default - undefined when createDefaultStage is false
   */
  /**
   * The default endpoint of the API (`https://{apiId}.execute-api.{region}.amazonaws.com`).
   *
   * Throws when `disableExecuteApiEndpoint` is set, as @aws-cdk 1.123 did: clients cannot use that endpoint.
   */
  public get apiEndpoint(): string {
    if (this.disableExecuteApiEndpoint) {
      throwInvalid(this, {
        legacyMessage: 'apiEndpoint is not accessible when disableExecuteApiEndpoint is set to true.',
        subject: 'HttpApi', prop: 'apiEndpoint', rule: 'cannot be read while the execute-api endpoint is disabled', got: 'disableExecuteApiEndpoint true',
      });
    }
    return this.executeApiEndpoint;
  }

  public get url(): string | undefined {
    return this.defaultStage?.url;
  }

  /**
   * The OpenAPI 3.0.1 document of this API, as API Gateway's export gives it: every route of the stack
   * (`ANY` as `x-amazon-apigateway-any-method`, `$default` under `/$default`), its integration
   * (`x-amazon-apigateway-integration`) and authorization (`security`), the authorizers as security schemes and
   * CORS as `x-amazon-apigateway-cors`. Values CloudFormation decides at deployment (function ARNs, the API id)
   * stay as `Ref` / `Fn::GetAtt` / `Fn::Join` objects. Call it once the routes are added.
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-export.html
   */
  public toOpenApi(options: HttpApiToOpenApiOptions = {}): any { // eslint-disable-line @typescript-eslint/no-explicit-any -- jsii: an OpenAPI document is free-form JSON
    return exportHttpApiOpenApi(this.resource, options);
  }

  /**
   * Adds a stage to this API.
   * @param id construct id of the stage
   */
  public addStage(id: string, options: HttpStageOptions): HttpStage {
    return new HttpStage(this, id, { httpApi: this, ...options });
  }
}

class ImportedHttpApi extends HttpApiBase {
  public readonly apiId: string;
  public readonly httpApiId: string;
  private readonly givenApiEndpoint?: string;

  constructor(scope: Construct, id: string, attrs: HttpApiAttributes) {
    super(scope, id);
    this.apiId = attrs.httpApiId;
    this.httpApiId = attrs.httpApiId;
    this.givenApiEndpoint = attrs.apiEndpoint;
  }

  public get apiEndpoint(): string {
    if (this.givenApiEndpoint === undefined) {
      throwInvalid(this, {
        legacyMessage: 'apiEndpoint is not configured on the imported HttpApi.',
        subject: 'HttpApi', prop: 'apiEndpoint', rule: 'of an imported API is known only when passed to HttpApi.fromHttpApiAttributes', value: undefined,
      });
    }
    return this.givenApiEndpoint;
  }
}

function validateApiProps(scope: Construct, props: HttpApiProps, name: string): void {
  if (isConcrete(name) && (name.length === 0 || name.length > 128)) {
    throwInvalid(scope, { subject: 'HttpApi', prop: 'apiName', rule: 'must be 1 to 128 characters', got: `'${name}' (${name.length})` });
  }
  const description = props.description;
  if (isConcrete(description) && description.length > 1024) {
    throwInvalid(scope, { subject: 'HttpApi', prop: 'description', rule: 'must be at most 1024 characters', got: `${description.length} characters` });
  }
}
