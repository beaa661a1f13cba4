import * as iam from 'aws-cdk-lib/aws-iam';
import { throwInvalid } from '../../private/invalid';
import { IHttpApi } from '../../http/http-api';
import { HttpConnectionType, HttpIntegrationType } from '../../http/http-integration';
import { HttpIntegrationSubtype } from '../../http/http-integration-subtype';
import { HttpRouteIntegrationBindOptions, HttpRouteIntegrationConfig, IHttpRouteIntegration } from '../../http/http-route-integration';
import { IntegrationCredentials } from '../../http/integration-credentials';
import { ParameterMapping } from '../../http/parameter-mapping';
import { PayloadFormatVersion } from '../../http/payload-format-version';

/** The one statement the integration's role gets: the subtype's action, on the target only. */
export interface ServiceGrant {
  /** The statement id, as aws-cdk-lib names it (`AllowSqsExecution` …). */
  readonly sid: string;
  readonly action: string;
  readonly resource: string;
}

/** The AWS service an integration class calls, for its subtype check. */
export interface ServiceFamily {
  /** The integration class, for messages. */
  readonly subject: string;
  /** The value prefix of the family's subtypes, e.g. `SQS-`. */
  readonly valuePrefix: string;
  /** The enum prefix, as messages name it, e.g. `SQS_`. */
  readonly enumPrefix: string;
  /** aws-cdk-lib's message for a subtype of another family. */
  readonly legacyMessage: string;
  /** The subtype when none is given. */
  readonly defaultSubtype: HttpIntegrationSubtype;
}

/**
 * What the SQS, EventBridge and Step Functions integrations share: an `AWS_PROXY` integration with a subtype,
 * payload format 1.0 (the only one AWS service integrations take), and a role that API Gateway assumes, allowed
 * the one action of the subtype on the one target.
 *
 * The role is made once per API, under the first route that binds the integration (construct id `InvokeRole`,
 * as aws-cdk-lib), so every route of the API shares one role and one integration resource.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services.html
 * @internal
 */
export abstract class AwsServiceIntegration implements IHttpRouteIntegration {
  private readonly roles = new WeakMap<IHttpApi, iam.Role>();

  /**
   * @param family the service, for the subtype check
   * @param subtype the subtype the user gave
   */
  protected constructor(private readonly family: ServiceFamily, private readonly subtype: HttpIntegrationSubtype | undefined) {}

  public bind(options: HttpRouteIntegrationBindOptions): HttpRouteIntegrationConfig {
    const subtype = this._checkedSubtype(options);
    let role = this.roles.get(options.route.httpApi);
    if (role === undefined) {
      role = new iam.Role(options.scope, 'InvokeRole', { assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com') });
      const grant = this._grant(options, subtype);
      role.addToPolicy(new iam.PolicyStatement({ effect: iam.Effect.ALLOW, sid: grant.sid, actions: [grant.action], resources: [grant.resource] }));
      this.roles.set(options.route.httpApi, role);
    }
    return {
      payloadFormatVersion: PayloadFormatVersion.VERSION_1_0,
      type: HttpIntegrationType.LAMBDA_PROXY,
      subtype,
      credentials: IntegrationCredentials.fromRole(role),
      connectionType: HttpConnectionType.INTERNET,
      parameterMapping: this._parameterMapping(options, subtype),
    };
  }

  /**
   * The subtype, checked against the integration's family; subclasses may check more.
   * @internal
   */
  protected _checkedSubtype(options: HttpRouteIntegrationBindOptions): HttpIntegrationSubtype {
    const subtype = this.subtype ?? this.family.defaultSubtype;
    if (!subtype.startsWith(this.family.valuePrefix)) {
      throwInvalid(options.scope, {
        legacyMessage: this.family.legacyMessage, subject: this.family.subject, prop: 'subtype', rule: `must be one of the ${this.family.enumPrefix}* subtypes`, value: subtype,
      });
    }
    return subtype;
  }

  /**
   * The action and resource the role is allowed.
   * @internal
   */
  protected abstract _grant(options: HttpRouteIntegrationBindOptions, subtype: HttpIntegrationSubtype): ServiceGrant;

  /**
   * The request parameters of the service action.
   * @internal
   */
  protected abstract _parameterMapping(options: HttpRouteIntegrationBindOptions, subtype: HttpIntegrationSubtype): ParameterMapping;
}
