import { IResource } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
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
