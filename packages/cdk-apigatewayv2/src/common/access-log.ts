import * as logs from 'aws-cdk-lib/aws-logs';
import { IStage } from './stage';

/**
 * Where a stage writes its access logs.
 */
export interface IAccessLogDestination {
  /**
   * Binds the destination to a stage.
   * @param stage the stage that logs to this destination
   */
  bind(stage: IStage): AccessLogDestinationConfig;
}

/**
 * What an access log destination gives the stage.
 */
export interface AccessLogDestinationConfig {
  /** The ARN of the destination (a CloudWatch Logs log group). */
  readonly destinationArn: string;
}

/**
 * Writes a stage's access logs to a CloudWatch Logs log group.
 *
 * HTTP APIs write through API Gateway's service-linked role: no resource policy is needed on the group.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging.html
 */
export class LogGroupLogDestination implements IAccessLogDestination {
  /**
   * @param logGroup the log group the stage writes to
   */
  constructor(private readonly logGroup: logs.ILogGroupRef) {}

  public bind(_stage: IStage): AccessLogDestinationConfig {
    return { destinationArn: this.logGroup.logGroupRef.logGroupArn };
  }
}
