import { Annotations, Resource } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CfnRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import { Construct } from 'constructs';
import { bindIntegration } from '../common/bind-integration';
import { IRoute } from '../common/route';
import { bindingScope } from '../private/binding-scope';
import { executeApiArn } from '../private/execute-api-arn';
import { throwInvalid } from '../private/invalid';
import { readRouteAuthorization, RouteAuthorization, routeAuthorizationProps } from '../private/route-authorization';
import { claimUniqueKey } from '../private/unique-keys';
import { IHttpApi } from './http-api';
import { HttpIntegration } from './http-integration';
import { HttpMethod } from './http-method';
import { IHttpRouteAuthorizer } from './http-route-authorizer';
import { IHttpRouteIntegration } from './http-route-integration';
import { HttpRouteKey } from './http-route-key';

/**
 * A route of an HTTP API.
 */
export interface IHttpRoute extends IRoute {
  /** The API this route belongs to. */
  readonly httpApi: IHttpApi;

  /**
   * The path of this route, e.g. `/books/{id}`.
   * @default - undefined for the `$default` route
   */
  readonly path?: string;

  /**
   * The HTTP method of this route.
   * @default - undefined for the `$default` route
   */
  readonly method?: HttpMethod;

  /**
   * The execute-api ARN of this route in every stage, as aws-cdk-lib writes it:
   * `arn:{partition}:execute-api:{region}:{account}:{apiId}/*\/{METHOD}{path}`, where `{METHOD}` is `*` for `ANY`
   * and the path is cut at its first variable, which becomes `*` (`/books/{id}` gives `/books/*`). The `$default`
   * route's is `…/*\/$default`.
   */
  readonly routeArn: string;

  /**
   * Grants `execute-api:Invoke` on this route to an identity. The route must use IAM authorization
   * (`HttpIamAuthorizer`).
   * @param grantee the identity that may call the route
   * @param options the methods to allow
   */
  grantInvoke(grantee: iam.IGrantable, options?: GrantInvokeOptions): iam.Grant;
}

/**
 * Options for granting invoke access.
 */
export interface GrantInvokeOptions {
  /**
   * The HTTP methods to allow.
   * @default - the HttpMethod of the route
   */
  readonly httpMethods?: HttpMethod[];
}

/**
 * Options shared by every route that `HttpApi.addRoutes` creates in one call.
 */
export interface BatchHttpRouteOptions {
  /** The backend of the routes. */
  readonly integration: IHttpRouteIntegration;
}

/**
 * Properties of an {@link HttpRoute}.
 */
export interface HttpRouteProps extends BatchHttpRouteOptions {
  /** The API the route belongs to. */
  readonly httpApi: IHttpApi;

  /** The method and path of the route, or `HttpRouteKey.DEFAULT`. */
  readonly routeKey: HttpRouteKey;

  /**
   * Who may call the route. `HttpNoneAuthorizer` makes it public even if the API has a default authorizer.
   * @default - the API's default authorizer, if any; otherwise none
   */
  readonly authorizer?: IHttpRouteAuthorizer;

  /**
   * OAuth scopes a caller's token must have (one of them). Only valid with a JWT authorizer.
   * @default - the API's defaultAuthorizationScopes, if any; otherwise none
   */
  readonly authorizationScopes?: string[];
}

/** aws-cdk-lib refuses longer paths in a route ARN. */
const MAX_ARN_PATH_LENGTH = 1000;

/**
 * An `AWS::ApiGatewayV2::Route` of an HTTP API, with its integration bound (shared with every route of the
 * same API that binds an equal integration) and its authorizer.
 *
 * @resource AWS::ApiGatewayV2::Route
 */
export class HttpRoute extends Resource implements IHttpRoute {
  public readonly httpApi: IHttpApi;
  public readonly path?: string;
  public readonly method?: HttpMethod;
  private readonly routeKey: HttpRouteKey;
  private readonly resource: CfnRoute;
  private readonly authorizationType: string;

  constructor(scope: Construct, id: string, props: HttpRouteProps) {
    super(scope, id);
    this.httpApi = props.httpApi;
    this.path = props.routeKey.path;
    this.method = props.routeKey.method;
    this.routeKey = props.routeKey;
    this.claimRouteKey(props.routeKey);

    const config = props.integration.bind({ route: this, scope: this });
    const integration = bindIntegration({
      api: props.httpApi,
      scope: this,
      kind: 'HttpIntegration',
      config,
      create: (parent, integrationId, c) => new HttpIntegration(parent, integrationId, {
        httpApi: props.httpApi,
        integrationType: c.type,
        integrationUri: c.uri,
        method: c.method,
        connectionId: c.connectionId,
        connectionType: c.connectionType,
        payloadFormatVersion: c.payloadFormatVersion,
        secureServerName: c.secureServerName,
        integrationSubtype: c.subtype,
        timeout: c.timeout,
        parameterMapping: c.parameterMapping,
        responseParameterMappings: c.responseParameterMappings,
        credentials: c.credentials,
      }),
    });

    const authorization = this.authorize(props);
    this.authorizationType = authorization.type;
    this.resource = new CfnRoute(this, 'Resource', {
      apiId: props.httpApi.apiId,
      routeKey: props.routeKey.key,
      target: `integrations/${integration.integrationId}`,
      ...routeAuthorizationProps(authorization),
    });
  }

  /**
   * The id of the route (a `Ref` to the `AWS::ApiGatewayV2::Route`). Made on first use: few apps read it, and
   * each reference is a token that lives as long as the app.
   */
  public get routeId(): string {
    return this.resource.ref;
  }

  /**
   * The execute-api ARN of this route in every stage, as aws-cdk-lib writes it (see `IHttpRoute.routeArn`).
   * Computed on first use: most routes never need it.
   */
  public get routeArn(): string {
    return this.routeArnFor(this.method);
  }

  public grantInvoke(grantee: iam.IGrantable, options: GrantInvokeOptions = {}): iam.Grant {
    // Only IAM-authorized routes check execute-api:Invoke permissions.
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-access-control-iam.html
    if (this.authorizationType !== 'AWS_IAM') {
      throwInvalid(this, {
        legacyMessage: 'To use grantInvoke, you must use IAM authorization', subject: 'HttpRoute', prop: 'grantInvoke',
        rule: 'needs a route with IAM authorization (HttpIamAuthorizer)', got: `authorizationType '${this.authorizationType}'`,
      });
    }
    const httpMethods = [...new Set(options.httpMethods ?? [this.method])];
    if (this.method !== undefined && this.method !== HttpMethod.ANY && httpMethods.some((method) => method !== this.method)) {
      throwInvalid(this, {
        legacyMessage: 'This route does not support granting invoke for all requested http methods', subject: 'HttpRoute',
        prop: 'grantInvoke httpMethods', rule: `must be the route's method ${this.method}`, value: httpMethods,
      });
    }
    return iam.Grant.addToPrincipal({ grantee, actions: ['execute-api:Invoke'], resourceArns: httpMethods.map((method) => this.routeArnFor(method)) });
  }

  private routeArnFor(method: HttpMethod | undefined): string {
    const path = this.routeKey.path;
    if (path === undefined) {
      return executeApiArn(this, this.httpApi.apiId, '*/$default');
    }
    if (path.length > MAX_ARN_PATH_LENGTH) {
      throwInvalid(this, { legacyMessage: `Path is too long: ${path}`, subject: 'HttpRoute', prop: 'routeArn', rule: `needs a path of at most ${MAX_ARN_PATH_LENGTH} characters`, got: `${path.length} characters` });
    }
    // IAM policies cannot name a path variable: from the first one on, the path is a wildcard.
    const iamPath = path.replace(/\{.*?\}.*/, '*');
    return executeApiArn(this, this.httpApi.apiId, `*/${method === undefined || method === HttpMethod.ANY ? '*' : method}${iamPath}`);
  }

  /** API Gateway rejects two routes with the same key; variable names do not make keys different. */
  private claimRouteKey(routeKey: HttpRouteKey): void {
    const normalized = routeKey.key.replace(/\{[^}]*?(\+?)\}/g, '{$1}');
    const holder = claimUniqueKey({ owner: this.httpApi, key: `route:${normalized}`, claimant: () => `'${routeKey.key}' at ${this.node.path}` });
    if (holder !== undefined) {
      throwInvalid(this, { subject: 'HttpRoute', prop: 'routeKey', rule: 'must be unique within an API', got: `'${routeKey.key}' which duplicates ${holder}` });
    }
  }

  /**
   * The route's authorization, as @aws-cdk 1.123 writes it: `NONE` without an authorizer; otherwise the
   * authorizer's type and id, and its scopes merged with the route's (or the API's default) scopes. What 1.123
   * accepted is accepted: scopes that cannot take effect are written as 1.123 wrote them, with a warning.
   */
  private authorize(props: HttpRouteProps): RouteAuthorization {
    const authorizer = props.authorizer ?? props.httpApi.defaultAuthorizer;
    const requested = props.authorizationScopes ?? props.httpApi.defaultAuthorizationScopes;
    if (authorizer === undefined) {
      if (props.authorizationScopes !== undefined && props.authorizationScopes.length > 0) {
        Annotations.of(this).addWarningV2('cdk-apigatewayv2:scopesWithoutAuthorizer',
          `HttpRoute authorizationScopes are ignored on '${this.describeRoute()}', which has no authorizer: got [${props.authorizationScopes.join(', ')}]`);
      }
      return { type: 'NONE' };
    }

    const bound = readRouteAuthorization(authorizer.bind({ route: this, scope: bindingScope(props.httpApi, this) }), {
      protocol: 'http',
      route: this,
      subject: 'HttpRouteAuthorizerConfig',
      unknownTypeLegacyMessage: 'authorizationType should either be JWT, CUSTOM, or NONE',
    });
    const scopes = [...new Set([...bound.scopes ?? [], ...requested ?? []])];
    if (bound.type !== 'JWT' && scopes.length > 0) {
      // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html: scopes are checked
      // against a JWT's claims only; with another authorization type API Gateway does not use them.
      Annotations.of(this).addWarningV2('cdk-apigatewayv2:scopesWithoutJwt',
        `HttpRoute authorizationScopes take effect with a JWT authorizer only, got [${scopes.join(', ')}] on '${this.describeRoute()}' with authorizationType '${bound.type}'`);
    }
    return { ...bound, scopes };
  }

  private describeRoute(): string {
    return this.path === undefined ? '$default' : `${this.method} ${this.path}`;
  }
}
