import { IResource } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { IAccessLogDestination } from './access-log';
import { IDomainName } from './domain-name';

/**
 * A stage of an API Gateway v2 API: a named, deployed snapshot that clients call.
 */
export interface IStage extends IResource {
  /**
   * The name of the stage, e.g. `prod` or `$default`.
   * @attribute
   */
  readonly stageName: string;

  /**
   * The URL of this stage on the API's default endpoint.
   * @attribute
   */
  readonly url: string;

  /**
   * Returns a CloudWatch metric of this stage (namespace `AWS/ApiGateway`, dimensions `ApiId` and `Stage`).
   *
   * @param metricName the name of the metric, e.g. `Count`
   * @param props options that override the metric's defaults
   */
  metric(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * Adds a stage variable to this stage.
   *
   * Names are letters, digits and `_`; values are letters, digits and `-._~:/?#&=,`.
   * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-stage.html#cfn-apigatewayv2-stage-stagevariables
   *
   * @param name the name of the stage variable
   * @param value its value
   */
  addStageVariable(name: string, value: string): void;
}

/**
 * Options of a stage that HTTP and WebSocket stages share.
 */
export interface StageOptions {
  /**
   * Whether every change to the API is deployed to this stage automatically.
   * @default false
   */
  readonly autoDeploy?: boolean;

  /**
   * A custom domain and base path to serve this stage on.
   * @default - no custom domain and api mapping configuration
   */
  readonly domainMapping?: DomainMappingOptions;

  /**
   * Throttle settings for the routes of this stage.
   *
   * @default - no throttling configuration
   */
  readonly throttle?: ThrottleSettings;

  /**
   * The description for the API stage.
   *
   * @default - no description
   */
  readonly description?: string;

  /**
   * Specifies whether detailed metrics (per route) are enabled.
   *
   * @default false
   */
  readonly detailedMetricsEnabled?: boolean;

  /**
   * Settings for access logging.
   *
   * @default - No access logging
   */
  readonly accessLogSettings?: IAccessLogSettings;

  /**
   * Stage variables for the stage: key-value pairs that integrations and authorizers can read
   * (`${stageVariables.name}`). Names are letters, digits and `_`; values are letters, digits and `-._~:/?#&=,`.
   *
   * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-stage.html#cfn-apigatewayv2-stage-stagevariables
   * @default - No stage variables
   */
  readonly stageVariables?: { [key: string]: string };

  /**
   * Settings of single routes, keyed by route key (`GET /books`, `$default`, or a WebSocket route key such as
   * `$connect`); they override `throttle` and `detailedMetricsEnabled` for that route.
   *
   * aws-cdk-lib 2.x has no such prop; it is CloudFormation's `RouteSettings` of the stage.
   * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-stage.html#cfn-apigatewayv2-stage-routesettings
   *
   * @default - every route uses the stage's settings
   */
  readonly routeSettings?: { [routeKey: string]: RouteSettings };
}

/**
 * Container for defining throttling parameters to API stages.
 *
 * API Gateway throttles with a token bucket: `burstLimit` is the bucket's size, `rateLimit` the number of tokens
 * added per second.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html
 */
export interface ThrottleSettings {
  /**
   * The API request steady-state rate limit (average requests per second over an extended period of time).
   * @default none
   */
  readonly rateLimit?: number;

  /**
   * The maximum API request rate limit over a time ranging from one to a few seconds.
   * @default none
   */
  readonly burstLimit?: number;
}

/**
 * Settings of one route of a stage.
 */
export interface RouteSettings {
  /**
   * Throttle settings of the route.
   * @default - the stage's `throttle`
   */
  readonly throttle?: ThrottleSettings;

  /**
   * Whether detailed metrics are enabled for the route.
   * @default - the stage's `detailedMetricsEnabled`
   */
  readonly detailedMetricsEnabled?: boolean;
}

/**
 * Settings for access logging.
 */
export interface IAccessLogSettings {
  /**
   * The destination where to write access logs.
   */
  readonly destination: IAccessLogDestination;

  /**
   * A single line format of access logs of data, as specified by selected $context variables.
   * The format must include either `AccessLogFormat.contextRequestId()`
   * or `AccessLogFormat.contextExtendedRequestId()`.
   *
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html
   *
   * @default - Common Log Format
   */
  readonly format?: AccessLogFormat;
}

/**
 * Reference to a stage created outside this construct tree.
 */
export interface StageAttributes {
  /** The name of the stage. */
  readonly stageName: string;
}

/**
 * Serves a stage on a custom domain, under a base path.
 */
export interface DomainMappingOptions {
  /** The custom domain. */
  readonly domainName: IDomainName;

  /**
   * The base path of the stage on the domain (`https://{domain}/{mappingKey}`), e.g. `v1` or `orders/v2`.
   * A domain can have at most one mapping without a key. An empty string is not accepted: omit the key instead.
   * @default - empty key for the root path mapping
   */
  readonly mappingKey?: string;
}
