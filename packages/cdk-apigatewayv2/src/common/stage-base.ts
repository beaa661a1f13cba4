import { Annotations, Lazy, Resource, Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CfnStage } from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { throwInvalid } from '../private/invalid';
import { isConcrete } from '../private/tokens';
import { claimUniqueKey } from '../private/unique-keys';
import { IApi } from './api';
import { ApiMapping } from './api-mapping';
import { IAccessLogSettings, IStage, RouteSettings, StageOptions, ThrottleSettings } from './stage';

/**
 * What a stage subclass passes to `StageBase._createStage`.
 * @internal
 */
export interface StageResourceOptions extends StageOptions {
  /** The API of the stage. */
  readonly api: IApi;
  /** The stage name, already defaulted by the subclass. */
  readonly stageName: string;
  /** Whether `$default` is an acceptable stage name (HTTP APIs only). */
  readonly allowDefaultName: boolean;
}

/**
 * What HTTP and WebSocket stages share: the `AWS::ApiGatewayV2::Stage` with its name rules, the optional
 * custom domain mapping, URLs and metrics. Subclasses set `baseApi` and `stageName`, then call `_createStage`.
 *
 * A hidden base class: jsii copies its public members into each exported subclass.
 * @internal
 */
export abstract class StageBase extends Resource implements IStage {
  public abstract readonly stageName: string;

  /** The API this stage belongs to. */
  public abstract readonly baseApi: IApi;

  public abstract readonly url: string;

  /**
   * The mapping created from `domainMapping`, if any.
   * @internal
   */
  protected _apiMapping?: ApiMapping;

  private readonly stageVariables: Record<string, string> = {};

  /**
   * The access log format used when `accessLogSettings` gives none.
   */
  public abstract defaultAccessLogFormat(): AccessLogFormat;

  /** Whether this stage writes its own resource (false for imported stages). */
  private rendersResource = false;

  public addStageVariable(name: string, value: string): void {
    checkStageVariable(this, name, value);
    if (!this.rendersResource) {
      Annotations.of(this).addWarningV2('cdk-apigatewayv2:stageVariableOnImportedStage',
        `${this.constructor.name} addStageVariable has no effect on an imported stage, got '${name}'`);
    }
    this.stageVariables[name] = value;
  }

  public metric(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.baseApi.metric(metricName, props).with({
      dimensionsMap: { ApiId: this.baseApi.apiId, Stage: this.stageName },
    });
  }

  /**
   * Validates the stage name, checks it is unique on the API, and creates the stage and its domain mapping.
   * @internal
   */
  protected _createStage(options: StageResourceOptions): CfnStage {
    validateStageName(this, options.stageName, options.allowDefaultName);
    if (isConcrete(options.stageName)) {
      const holder = claimUniqueKey({ owner: options.api, key: `stage:${options.stageName}`, claimant: this.node.path });
      if (holder !== undefined) {
        throwInvalid(this, { subject: this.constructor.name, prop: 'stageName', rule: 'must be unique within an API', got: `'${options.stageName}' which is already used by ${holder}` });
      }
    }
    this.rendersResource = true;
    for (const [name, value] of Object.entries(options.stageVariables ?? {})) {
      this.addStageVariable(name, value);
    }
    // Every prop added after 1.123 is left out of the template when not given, so 1.123 stages synthesize as before.
    const resource = new CfnStage(this, 'Resource', {
      apiId: options.api.apiId,
      stageName: options.stageName,
      autoDeploy: options.autoDeploy,
      description: options.description,
      defaultRouteSettings: renderRouteSettings(options.throttle, options.detailedMetricsEnabled),
      routeSettings: this.renderPerRouteSettings(options.routeSettings),
      stageVariables: Lazy.any({ produce: () => (Object.keys(this.stageVariables).length > 0 ? { ...this.stageVariables } : undefined) }),
      accessLogSettings: this.renderAccessLogSettings(options.accessLogSettings),
    });
    if (options.domainMapping !== undefined) {
      // The construct id @aws-cdk 1.123 gives it: the domain's construct path then the key as text (`undefined`
      // for the root mapping), so migrated mappings keep their logical ids.
      const mapping = options.domainMapping;
      this._apiMapping = new ApiMapping(this, `${mapping.domainName.node.path}${String(mapping.mappingKey)}`, {
        api: options.api,
        domainName: options.domainMapping.domainName,
        apiMappingKey: options.domainMapping.mappingKey,
        stage: this,
      });
    }
    return resource;
  }

  private renderAccessLogSettings(settings: IAccessLogSettings | undefined): CfnStage.AccessLogSettingsProperty | undefined {
    if (settings === undefined) {
      return undefined;
    }
    const format = settings.format?.toString();
    // "The log format must include at least $context.requestId or $context.extendedRequestId."
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging.html
    if (isConcrete(format) && !/\$context\.(?:requestId|extendedRequestId)\b/.test(format)) {
      throwInvalid(this, {
        legacyMessage: 'Access log must include either `AccessLogFormat.contextRequestId()` or `AccessLogFormat.contextExtendedRequestId()`',
        subject: this.constructor.name, prop: 'accessLogSettings.format', rule: 'must contain $context.requestId or $context.extendedRequestId', value: format,
      });
    }
    return {
      destinationArn: settings.destination.bind(this).destinationArn,
      format: format ?? this.defaultAccessLogFormat().toString(),
    };
  }

  /**
   * `RouteSettings` is a JSON property in CloudFormation's schema, so the keys are written as CloudFormation spells
   * them. Explicit values, false included: a route's setting overrides the stage's.
   */
  private renderPerRouteSettings(settings: { [routeKey: string]: RouteSettings } | undefined): Record<string, unknown> | undefined {
    if (settings === undefined) {
      return undefined;
    }
    const rendered: Record<string, unknown> = {};
    for (const [routeKey, route] of Object.entries(settings)) {
      rendered[routeKey] = {
        ThrottlingBurstLimit: route.throttle?.burstLimit,
        ThrottlingRateLimit: route.throttle?.rateLimit,
        DetailedMetricsEnabled: route.detailedMetricsEnabled,
      };
    }
    return rendered;
  }

  /**
   * `{scheme}://{apiId}.execute-api.{region}.{urlSuffix}/{stage path}`; the `$default` stage is served at the root.
   * @internal
   */
  protected _stageUrl(scheme: string): string {
    const stack = Stack.of(this);
    const path = this.stageName === '$default' ? '' : this.stageName;
    return `${scheme}://${this.baseApi.apiId}.execute-api.${stack.region}.${stack.urlSuffix}/${path}`;
  }
}

const STAGE_NAME = /^[A-Za-z0-9_-]{1,128}$/;

/** Stage names are 1 to 128 letters, digits, `_` and `-`; HTTP APIs also know `$default`. */
function validateStageName(scope: Construct, stageName: string, allowDefaultName: boolean): void {
  const kind = scope.constructor.name;
  if (!isConcrete(stageName)) {
    return;
  }
  if (stageName === '$default') {
    if (!allowDefaultName) {
      throwInvalid(scope, { subject: kind, prop: 'stageName', rule: "'$default' is only valid for HTTP APIs", value: stageName });
    }
    return;
  }
  if (!STAGE_NAME.test(stageName)) {
    throwInvalid(scope, { subject: kind, prop: 'stageName', rule: `must be ${allowDefaultName ? `'$default' or ` : ''}1 to 128 letters, digits, '_' and '-'`, value: stageName });
  }
}

/** `DefaultRouteSettings`, left out unless throttling or detailed metrics are asked for, as aws-cdk-lib does. */
function renderRouteSettings(throttle: ThrottleSettings | undefined, detailedMetricsEnabled: boolean | undefined): CfnStage.RouteSettingsProperty | undefined {
  if (throttle === undefined && !detailedMetricsEnabled) {
    return undefined;
  }
  return {
    throttlingBurstLimit: throttle?.burstLimit,
    throttlingRateLimit: throttle?.rateLimit,
    detailedMetricsEnabled,
  };
}

/**
 * "Variable names can have alphanumeric and underscore characters, and the values must match
 * [A-Za-z0-9-._~:/?#&=,]+."
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-stage.html#cfn-apigatewayv2-stage-stagevariables
 */
function checkStageVariable(scope: Construct, name: string, value: string): void {
  if (isConcrete(name) && !/^[A-Za-z0-9_]+$/.test(name)) {
    throwInvalid(scope, { subject: scope.constructor.name, prop: 'stageVariables', rule: 'names must be letters, digits and _', value: name });
  }
  if (isConcrete(value) && !/^[A-Za-z0-9\-._~:/?#&=,]+$/.test(value)) {
    throwInvalid(scope, { subject: scope.constructor.name, prop: `stageVariables.${name}`, rule: 'must be letters, digits and -._~:/?#&=,', value });
  }
}
