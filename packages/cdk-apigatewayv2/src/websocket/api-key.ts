import { ArnFormat, IResource, Resource, Stack } from 'aws-cdk-lib';
import { CfnApiKey } from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { ThrottleSettings } from '../common/stage';
import { QuotaSettings, UsagePlan, UsagePlanPerApiStage } from './usage-plan';

/**
 * An API key.
 */
export interface IApiKey extends IResource {
  /**
   * Id of the key.
   *
   * @attribute
   */
  readonly keyId: string;

  /**
   * ARN of the key, `arn:{partition}:apigateway:{region}::/apikeys/{keyId}`.
   *
   * @attribute
   */
  readonly keyArn: string;
}

/**
 * Options of an API key.
 */
export interface ApiKeyOptions {
  /**
   * Name of the key.
   *
   * @default - a name CloudFormation generates
   */
  readonly apiKeyName?: string;

  /**
   * The key itself: at least 20 characters.
   *
   * @default - API Gateway generates one
   */
  readonly value?: string;

  /**
   * Description of the key.
   *
   * @default - none
   */
  readonly description?: string;
}

/**
 * Properties of an ApiKey.
 */
export interface ApiKeyProps extends ApiKeyOptions {
  /**
   * An AWS Marketplace customer id.
   *
   * @default - none
   */
  readonly customerId?: string;

  /**
   * Whether the key can be used.
   *
   * @default true
   */
  readonly enabled?: boolean;

  /**
   * Whether the key's name and value differ.
   *
   * @default false
   */
  readonly generateDistinctId?: boolean;
}

const READ = ['apigateway:GET'];
const WRITE = ['apigateway:POST', 'apigateway:PUT', 'apigateway:PATCH', 'apigateway:DELETE'];

abstract class ApiKeyBase extends Resource implements IApiKey {
  public abstract readonly keyId: string;
  public abstract readonly keyArn: string;

  /** Lets `grantee` read the key (`apigateway:GET`). */
  public grantRead(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({ grantee, actions: READ, resourceArns: [this.keyArn] });
  }

  /** Lets `grantee` change and delete the key. */
  public grantWrite(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({ grantee, actions: WRITE, resourceArns: [this.keyArn] });
  }

  /** Lets `grantee` read, change and delete the key. */
  public grantReadWrite(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({ grantee, actions: [...READ, ...WRITE], resourceArns: [this.keyArn] });
  }
}

function apiKeyArn(scope: Construct, keyId: string): string {
  return Stack.of(scope).formatArn({ service: 'apigateway', account: '', resource: '/apikeys', arnFormat: ArnFormat.SLASH_RESOURCE_NAME, resourceName: keyId });
}

/**
 * An `AWS::ApiGateway::ApiKey`: a client presents it when connecting to a route with `apiKeyRequired`. It works
 * only once a `UsagePlan` covering the stage holds it.
 *
 * @resource AWS::ApiGateway::ApiKey
 */
export class ApiKey extends ApiKeyBase {
  /**
   * Uses an API key that exists outside this app.
   */
  public static fromApiKeyId(scope: Construct, id: string, apiKeyId: string): IApiKey {
    class Import extends ApiKeyBase {
      public readonly keyId = apiKeyId;
      public readonly keyArn = apiKeyArn(this, apiKeyId);
    }
    return new Import(scope, id);
  }

  public readonly keyId: string;
  public readonly keyArn: string;

  constructor(scope: Construct, id: string, props: ApiKeyProps = {}) {
    super(scope, id, { physicalName: props.apiKeyName });
    const resource = new CfnApiKey(this, 'Resource', {
      customerId: props.customerId,
      description: props.description,
      enabled: props.enabled ?? true,
      generateDistinctId: props.generateDistinctId,
      name: this.physicalName,
      value: props.value,
    });
    this.keyId = resource.ref;
    this.keyArn = apiKeyArn(this, this.keyId);
  }
}

/**
 * Properties of a RateLimitedApiKey.
 */
export interface RateLimitedApiKeyProps extends ApiKeyProps {
  /**
   * The stages the key's usage plan covers.
   *
   * @default - none
   */
  readonly apiStages?: UsagePlanPerApiStage[];

  /**
   * How many requests the key may make per period.
   *
   * @default - no quota
   */
  readonly quota?: QuotaSettings;

  /**
   * Steady-state rate and burst of requests for the key.
   *
   * @default - no throttling
   */
  readonly throttle?: ThrottleSettings;
}

/**
 * An API key with a usage plan of its own (created when `apiStages`, `quota` or `throttle` is given).
 *
 * @resource AWS::ApiGateway::ApiKey
 */
export class RateLimitedApiKey extends ApiKeyBase {
  public readonly keyId: string;
  public readonly keyArn: string;

  constructor(scope: Construct, id: string, props: RateLimitedApiKeyProps = {}) {
    super(scope, id, { physicalName: props.apiKeyName });
    const key = new ApiKey(this, 'Resource', props);
    if (props.apiStages !== undefined || props.quota !== undefined || props.throttle !== undefined) {
      new UsagePlan(this, 'UsagePlanResource', { apiStages: props.apiStages, quota: props.quota, throttle: props.throttle }).addApiKey(key);
    }
    this.keyId = key.keyId;
    this.keyArn = key.keyArn;
  }
}
