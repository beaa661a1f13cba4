import { IResource } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';

/**
 * An API Gateway v2 API: the part that HTTP and WebSocket APIs have in common.
 */
export interface IApi extends IResource {
  /**
   * The identifier of this API, e.g. `a1b2c3d4e5`.
   * @attribute
   */
  readonly apiId: string;

  /**
   * The default endpoint of this API, e.g. `https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com`.
   * @attribute
   */
  readonly apiEndpoint: string;

  /**
   * Returns a CloudWatch metric of this API (namespace `AWS/ApiGateway`, dimension `ApiId`),
   * summed over all of its stages.
   *
   * @param metricName the name of the metric, e.g. `Count`
   * @param props options that override the metric's defaults
   */
  metric(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric;
}

/**
 * The IP address types that can invoke an API or a custom domain name.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-ip-address-type.html
 */
export enum IpAddressType {
  /** IPv4 address type */
  IPV4 = 'ipv4',
  /** IPv4 and IPv6 address type */
  DUAL_STACK = 'dualstack',
}
