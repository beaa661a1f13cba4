import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { IApi } from '../common/api';

/**
 * A metric of one API, HTTP or WebSocket, summed over its stages: namespace `AWS/ApiGateway`, dimension `ApiId`.
 * The caller's props override these defaults.
 */
export function apiMetric(api: IApi, metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: 'AWS/ApiGateway',
    metricName,
    dimensionsMap: { ApiId: api.apiId },
    ...props,
  }).attachTo(api);
}
