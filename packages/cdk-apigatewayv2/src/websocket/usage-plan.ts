import { IResource, Lazy, Names, Resource } from 'aws-cdk-lib';
import { CfnUsagePlan, CfnUsagePlanKey } from 'aws-cdk-lib/aws-apigateway';
import { Construct } from 'constructs';
import type { ThrottleSettings } from '../common/stage';
import { throwInvalid } from '../private/invalid';
import type { IWebSocketApi } from './api';
import type { IApiKey } from './api-key';
import type { IWebSocketStage } from './stage';

/**
 * The time period of a usage plan's quota.
 */
export enum Period {
  /** The quota resets every day (UTC). */
  DAY = 'DAY',
  /** The quota resets every week. */
  WEEK = 'WEEK',
  /** The quota resets every month. */
  MONTH = 'MONTH',
}

/**
 * How many requests a key may make per period.
 */
export interface QuotaSettings {
  /**
   * The number of requests allowed per period.
   *
   * @default - no limit
   */
  readonly limit?: number;

  /**
   * The number of requests subtracted from the limit in the first period.
   *
   * @default - none
   */
  readonly offset?: number;

  /**
   * The period the limit applies to.
   *
   * @default - none
   */
  readonly period?: Period;
}

/**
 * A stage whose API keys the plan covers.
 */
export interface UsagePlanPerApiStage {
  /**
   * The API of the stage.
   *
   * @default - the stage's API
   */
  readonly api?: IWebSocketApi;

  /**
   * The stage.
   *
   * @default - none: the entry is refused, a plan covers stages
   */
  readonly stage?: IWebSocketStage;
}

/**
 * Properties of a UsagePlan.
 */
export interface UsagePlanProps {
  /**
   * The WebSocket API stages the plan covers.
   *
   * @default - none
   */
  readonly apiStages?: UsagePlanPerApiStage[];

  /**
   * Description of the plan.
   *
   * @default - none
   */
  readonly description?: string;

  /**
   * How many requests each key may make per period.
   *
   * @default - no quota
   */
  readonly quota?: QuotaSettings;

  /**
   * Steady-state rate and burst of requests per key.
   *
   * @default - no throttling
   */
  readonly throttle?: ThrottleSettings;

  /**
   * Name of the plan.
   *
   * @default - none
   */
  readonly usagePlanName?: string;
}

/**
 * Options of `UsagePlan.addApiKey()`.
 */
export interface AddApiKeyOptions {
  /**
   * A logical id for the `AWS::ApiGateway::UsagePlanKey`, e.g. to keep one that already exists.
   *
   * @default - derived from the key's construct path
   */
  readonly overrideLogicalId?: string;
}

/**
 * A usage plan.
 */
export interface IUsagePlan extends IResource {
  /**
   * Id of the usage plan.
   *
   * @attribute
   */
  readonly usagePlanId: string;

  /**
   * Adds an API key to the plan.
   */
  addApiKey(apiKey: IApiKey, options?: AddApiKeyOptions): void;
}

abstract class UsagePlanBase extends Resource implements IUsagePlan {
  public abstract readonly usagePlanId: string;

  public addApiKey(apiKey: IApiKey, options?: AddApiKeyOptions): void {
    // aws-cdk-lib's construct id, so keys migrated from it keep their logical ids.
    const resource = new CfnUsagePlanKey(this, `UsagePlanKeyResource:${Names.nodeUniqueId(apiKey.node)}`, {
      keyId: apiKey.keyId,
      keyType: 'API_KEY',
      usagePlanId: this.usagePlanId,
    });
    if (options?.overrideLogicalId !== undefined) {
      resource.overrideLogicalId(options.overrideLogicalId);
    }
  }
}

/**
 * An `AWS::ApiGateway::UsagePlan` for WebSocket API stages: the API keys it holds may connect to those stages
 * (routes with `apiKeyRequired`), within its throttle and quota. Usage plans and API keys are REST API resources
 * that WebSocket APIs share.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html
 *
 * @resource AWS::ApiGateway::UsagePlan
 */
export class UsagePlan extends UsagePlanBase {
  /**
   * Uses a usage plan that exists outside this app.
   */
  public static fromUsagePlanId(scope: Construct, id: string, usagePlanId: string): IUsagePlan {
    class Import extends UsagePlanBase {
      public readonly usagePlanId = usagePlanId;
    }
    return new Import(scope, id);
  }

  /**
   * Id of the usage plan.
   *
   * @attribute
   */
  public readonly usagePlanId: string;

  private readonly apiStages: UsagePlanPerApiStage[] = [];

  constructor(scope: Construct, id: string, props: UsagePlanProps = {}) {
    super(scope, id);
    const resource = new CfnUsagePlan(this, 'Resource', {
      apiStages: Lazy.any({ produce: () => this.renderApiStages() }),
      description: props.description,
      quota: this.renderQuota(props.quota),
      throttle: this.renderThrottle(props.throttle),
      usagePlanName: props.usagePlanName,
    });
    this.usagePlanId = resource.ref;
    for (const apiStage of props.apiStages ?? []) {
      this.addApiStage(apiStage);
    }
  }

  /**
   * Adds a stage the plan covers.
   *
   * @param apiStage the stage (and its API)
   */
  public addApiStage(apiStage: UsagePlanPerApiStage): void {
    const stage = apiStage.stage;
    if (stage === undefined) {
      throwInvalid(this, { subject: 'UsagePlan', prop: 'apiStages.stage', rule: 'is required: a plan covers stages', value: undefined });
    }
    if (apiStage.api !== undefined && apiStage.api !== stage.api) {
      throwInvalid(this, { subject: 'UsagePlan', prop: 'apiStages.api', rule: "must be the stage's own API", got: `'${apiStage.api.node.path}' for stage '${stage.node.path}'` });
    }
    this.apiStages.push(apiStage);
    // Stage names are plain strings in the plan: CloudFormation must create the stage first.
    this.node.addDependency(stage);
  }

  private renderApiStages(): CfnUsagePlan.ApiStageProperty[] | undefined {
    if (this.apiStages.length === 0) {
      return undefined;
    }
    return this.apiStages.map((apiStage) => ({ apiId: apiStage.stage!.api.apiId, stage: apiStage.stage!.stageName }));
  }

  private renderQuota(quota: QuotaSettings | undefined): CfnUsagePlan.QuotaSettingsProperty | undefined {
    if (quota === undefined) {
      return undefined;
    }
    if (quota.limit !== undefined && (!Number.isInteger(quota.limit) || quota.limit < 0)) {
      throwInvalid(this, { legacyMessage: 'Throttle quota limit should be an integer', subject: 'UsagePlan', prop: 'quota.limit', rule: 'must be a whole number of requests, 0 or more', value: quota.limit });
    }
    return { limit: quota.limit, offset: quota.offset, period: quota.period };
  }

  private renderThrottle(throttle: ThrottleSettings | undefined): CfnUsagePlan.ThrottleSettingsProperty | undefined {
    if (throttle === undefined) {
      return undefined;
    }
    if (throttle.burstLimit !== undefined && (!Number.isInteger(throttle.burstLimit) || throttle.burstLimit < 0)) {
      throwInvalid(this, { legacyMessage: 'Throttle burst limit should be an integer', subject: 'UsagePlan', prop: 'throttle.burstLimit', rule: 'must be a whole number of requests, 0 or more', value: throttle.burstLimit });
    }
    if (throttle.rateLimit !== undefined && (Number.isNaN(throttle.rateLimit) || throttle.rateLimit < 0)) {
      throwInvalid(this, { legacyMessage: 'Throttle rate limit should be an double', subject: 'UsagePlan', prop: 'throttle.rateLimit', rule: 'must be a number of requests per second, 0 or more', value: throttle.rateLimit });
    }
    return { burstLimit: throttle.burstLimit, rateLimit: throttle.rateLimit };
  }
}
