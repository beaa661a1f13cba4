import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';

/**
 * The metrics API Gateway publishes for HTTP APIs, with the statistic that makes sense for each.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html
 */
export const HTTP_API_METRICS = {
  clientError: { metricName: '4xx', statistic: 'Sum' },
  serverError: { metricName: '5xx', statistic: 'Sum' },
  count: { metricName: 'Count', statistic: 'SampleCount' },
  dataProcessed: { metricName: 'DataProcessed', statistic: 'Sum' },
  integrationLatency: { metricName: 'IntegrationLatency', statistic: 'Average' },
  latency: { metricName: 'Latency', statistic: 'Average' },
} as const;

/** Something with a `metric()` method: an API or a stage. */
export interface MetricSource {
  metric(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric;
}

/** One of the canned HTTP API metrics of `source`; caller's props override the default statistic. */
export function httpApiMetric(source: MetricSource, name: keyof typeof HTTP_API_METRICS, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
  const { metricName, statistic } = HTTP_API_METRICS[name];
  return source.metric(metricName, { statistic, ...props });
}
