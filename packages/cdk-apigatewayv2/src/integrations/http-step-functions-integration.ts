import { Stack } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { HttpIntegrationSubtype } from '../http/http-integration-subtype';
import { HttpRouteIntegrationBindOptions } from '../http/http-route-integration';
import { ParameterMapping } from '../http/parameter-mapping';
import { throwInvalid } from '../private/invalid';
import { AwsServiceIntegration, ServiceGrant } from './private/aws-service-integration';

/**
 * Properties to initialize `HttpStepFunctionsIntegration`.
 */
export interface HttpStepFunctionsIntegrationProps {
  /**
   * Specifies how to transform HTTP requests before sending them to the backend.
   * When the subtype is either `START_EXECUTION` or `START_SYNC_EXECUTION`,
   * it is necessary to specify the `StateMachineArn`.
   * Conversely, when the subtype is `STOP_EXECUTION`, the `ExecutionArn` must be specified.
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services-reference.html#StepFunctions-StartExecution
   * @default - specify only `StateMachineArn`
   */
  readonly parameterMapping?: ParameterMapping;

  /**
   * The subtype of the HTTP integration. Only subtypes starting with STEPFUNCTIONS_ can be specified.
   * @default HttpIntegrationSubtype.STEPFUNCTIONS_START_EXECUTION
   */
  readonly subtype?: HttpIntegrationSubtype;

  /**
   * Statemachine that Integrates with API Gateway
   */
  readonly stateMachine: sfn.StateMachine;
}

/**
 * Starts (or, with `subtype`, starts synchronously or stops) executions of a Step Functions state machine, through a
 * role allowed that one action on that state machine (or its executions).
 */
export class HttpStepFunctionsIntegration extends AwsServiceIntegration {
  private readonly props: HttpStepFunctionsIntegrationProps;

  /**
   * @param props the state machine, and optionally the action and its parameters
   */
  constructor(props: HttpStepFunctionsIntegrationProps) {
    super({
      subject: 'HttpStepFunctionsIntegration', valuePrefix: 'StepFunctions-', enumPrefix: 'STEPFUNCTIONS_', legacyMessage: 'Subtype must start with `STEPFUNCTIONS_`',
      defaultSubtype: HttpIntegrationSubtype.STEPFUNCTIONS_START_EXECUTION,
    }, props.subtype);
    this.props = props;
  }

  /** @internal */
  protected _checkedSubtype(options: HttpRouteIntegrationBindOptions): HttpIntegrationSubtype {
    const subtype = super._checkedSubtype(options);
    // StartSyncExecution runs Express workflows only.
    // https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartSyncExecution.html
    if (subtype === HttpIntegrationSubtype.STEPFUNCTIONS_START_SYNC_EXECUTION && this.props.stateMachine.stateMachineType === sfn.StateMachineType.STANDARD) {
      throwInvalid(options.scope, {
        legacyMessage: 'Cannot use subtype `STEPFUNCTIONS_START_SYNC_EXECUTION` with a standard type state machine',
        subject: 'HttpStepFunctionsIntegration', prop: 'subtype', rule: 'STEPFUNCTIONS_START_SYNC_EXECUTION needs an EXPRESS state machine', got: 'a STANDARD state machine',
      });
    }
    return subtype;
  }

  /** @internal */
  protected _grant(options: HttpRouteIntegrationBindOptions, subtype: HttpIntegrationSubtype): ServiceGrant {
    if (subtype === HttpIntegrationSubtype.STEPFUNCTIONS_STOP_EXECUTION) {
      const executions = Stack.of(options.route).formatArn({ service: 'states', resource: `execution:${this.props.stateMachine.stateMachineName}:*` });
      return { sid: 'AllowStepFunctionsExecution', action: 'states:StopExecution', resource: executions };
    }
    const action = subtype === HttpIntegrationSubtype.STEPFUNCTIONS_START_SYNC_EXECUTION ? 'states:StartSyncExecution' : 'states:StartExecution';
    return { sid: 'AllowStepFunctionsExecution', action, resource: this.props.stateMachine.stateMachineArn };
  }

  /** @internal */
  protected _parameterMapping(_options: HttpRouteIntegrationBindOptions, _subtype: HttpIntegrationSubtype): ParameterMapping {
    return this.props.parameterMapping ?? new ParameterMapping().custom('StateMachineArn', this.props.stateMachine.stateMachineArn);
  }
}
