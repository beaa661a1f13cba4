/**
 * The AWS service action of an AWS service integration (`IntegrationSubtype`).
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services-reference.html
 */
export enum HttpIntegrationSubtype {
  /** EventBridge PutEvents integration */
  EVENTBRIDGE_PUT_EVENTS = 'EventBridge-PutEvents',
  /** SQS SendMessage integration */
  SQS_SEND_MESSAGE = 'SQS-SendMessage',
  /** SQS ReceiveMessage integration */
  SQS_RECEIVE_MESSAGE = 'SQS-ReceiveMessage',
  /** SQS DeleteMessage integration */
  SQS_DELETE_MESSAGE = 'SQS-DeleteMessage',
  /** SQS PurgeQueue integration */
  SQS_PURGE_QUEUE = 'SQS-PurgeQueue',
  /** AppConfig GetConfiguration integration */
  APPCONFIG_GET_CONFIGURATION = 'AppConfig-GetConfiguration',
  /** Kinesis PutRecord integration */
  KINESIS_PUT_RECORD = 'Kinesis-PutRecord',
  /** Step Functions StartExecution integration */
  STEPFUNCTIONS_START_EXECUTION = 'StepFunctions-StartExecution',
  /** Step Functions StartSyncExecution integration */
  STEPFUNCTIONS_START_SYNC_EXECUTION = 'StepFunctions-StartSyncExecution',
  /** Step Functions StopExecution integration */
  STEPFUNCTIONS_STOP_EXECUTION = 'StepFunctions-StopExecution',
}
