import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { IApi } from '../common/api';
import { IStage, StageAttributes, StageOptions } from '../common/stage';
import { StageBase } from '../common/stage-base';
import { httpApiMetric } from '../private/http-metrics';
import { throwInvalid } from '../private/invalid';
import { IHttpApi } from './http-api';

/**
 * A stage of an HTTP API.
 */
export interface IHttpStage extends IStage {
  /** The API this stage belongs to. */
  readonly api: IHttpApi;

  /**
   * The URL of this stage on its custom domain, `https://{domain}/{mappingKey}`.
   * Reading it throws if the stage has no domain mapping (or was imported).
   */
  readonly domainUrl: string;

  /** Client errors (HTTP 4xx) of this stage, summed. */
  metricClientError(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  /** Server errors (HTTP 5xx) of this stage, summed. */
  metricServerError(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  /** Number of requests to this stage. */
  metricCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  /** Bytes processed by this stage, summed. */
  metricDataProcessed(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  /** Time between API Gateway sending a request to the backend and receiving its response, averaged. */
  metricIntegrationLatency(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  /** Time between API Gateway receiving a request and returning the response, averaged. */
  metricLatency(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
}

/**
 * Options to create a stage with `HttpApi.addStage`.
 */
export interface HttpStageOptions extends StageOptions {
  /**
   * The stage name: `$default`, or 1 to 128 letters, digits, `_` and `-`.
   * @default '$default' the default stage of the API. This stage will have the URL at the root of the API endpoint.
   */
  readonly stageName?: string;
}

/**
 * Properties of an {@link HttpStage}.
 */
export interface HttpStageProps extends HttpStageOptions {
  /** The API the stage belongs to. */
  readonly httpApi: IHttpApi;
}

/**
 * Reference to an HTTP API stage created outside this construct tree.
 */
export interface HttpStageAttributes extends StageAttributes {
  /** The API the stage belongs to. */
  readonly api: IHttpApi;
}

/** The metrics of HTTP API stages, for created and imported stages. @internal */
abstract class HttpStageBase extends StageBase implements IHttpStage {
  public abstract readonly api: IHttpApi;
  public abstract readonly domainUrl: string;

  /** Common Log Format, as aws-cdk-lib's HTTP stages. */
  public defaultAccessLogFormat(): AccessLogFormat {
    return AccessLogFormat.clf();
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
 * An `AWS::ApiGatewayV2::Stage` of an HTTP API.
 *
 * @resource AWS::ApiGatewayV2::Stage
 */
export class HttpStage extends HttpStageBase {
  /**
   * Imports an existing stage of an HTTP API.
   */
  public static fromHttpStageAttributes(scope: Construct, id: string, attrs: HttpStageAttributes): IHttpStage {
    return new ImportedHttpStage(scope, id, attrs);
  }

  public readonly api: IHttpApi;
  public readonly baseApi: IApi;
  public readonly stageName: string;

  constructor(scope: Construct, id: string, props: HttpStageProps) {
    super(scope, id);
    this.api = props.httpApi;
    this.baseApi = props.httpApi;
    this.stageName = props.stageName ?? '$default';
    this._createStage({
      ...props,
      api: props.httpApi,
      stageName: this.stageName,
      allowDefaultName: true,
    });
  }

  /** The URL of this stage on the API's execute-api endpoint. */
  public get url(): string {
    return this._stageUrl('https');
  }

  /**
   * The URL of this stage on its custom domain, `https://{domain}/{mappingKey}`.
   * Throws if the stage has no `domainMapping`.
   */
  public get domainUrl(): string {
    if (this._apiMapping === undefined) {
      throwInvalid(this, {
        legacyMessage: 'domainUrl is not available when no API mapping is associated with the Stage',
        subject: 'HttpStage', prop: 'domainUrl', rule: "needs the stage's domainMapping", got: 'none',
      });
    }
    return `https://${this._apiMapping.domainName.name}/${this._apiMapping.mappingKey ?? ''}`;
  }
}

class ImportedHttpStage extends HttpStageBase {
  public readonly api: IHttpApi;
  public readonly baseApi: IApi;
  public readonly stageName: string;

  constructor(scope: Construct, id: string, attrs: HttpStageAttributes) {
    super(scope, id);
    this.api = attrs.api;
    this.baseApi = attrs.api;
    this.stageName = attrs.stageName;
  }

  public get url(): string {
    return this._stageUrl('https');
  }

  public get domainUrl(): string {
    return throwInvalid(this, { subject: 'HttpStage', prop: 'domainUrl', rule: 'is unknown for an imported stage: its domain mapping is not part of HttpStageAttributes', got: 'an imported stage' });
  }
}
