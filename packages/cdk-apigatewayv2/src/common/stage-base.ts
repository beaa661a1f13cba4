import { Resource, Stack } from 'aws-cdk-lib';
import { CfnStage } from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { throwInvalid } from '../private/invalid';
import { isConcrete } from '../private/tokens';
import { claimUniqueKey } from '../private/unique-keys';
import { IApi } from './api';
import { ApiMapping } from './api-mapping';
import { DomainMappingOptions, IStage } from './stage';

/**
 * What a stage subclass passes to `StageBase._createStage`.
 * @internal
 */
export interface StageResourceOptions {
  /** The API of the stage. */
  readonly api: IApi;
  /** The stage name, already defaulted by the subclass. */
  readonly stageName: string;
  /** Whether `$default` is an acceptable stage name (HTTP APIs only). */
  readonly allowDefaultName: boolean;
  /** Auto deployment. */
  readonly autoDeploy?: boolean;
  /** Custom domain mapping. */
  readonly domainMapping?: DomainMappingOptions;
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
    const resource = new CfnStage(this, 'Resource', {
      apiId: options.api.apiId,
      stageName: options.stageName,
      autoDeploy: options.autoDeploy,
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
