import type { AwsServiceSubtype } from '../model/index.js';

/** The services `--service-endpoint` names, one per subtype prefix. */
export type AwsServiceName = 'sqs' | 'eventbridge' | 'stepfunctions';

export const AWS_SERVICE_NAMES: readonly AwsServiceName[] = ['sqs', 'eventbridge', 'stepfunctions'];

/** How a parameter's mapped text becomes the SDK input: as is, a number, a list, or a JSON object. */
type ParameterKind = 'string' | 'number' | 'list' | 'object';

interface ActionSpec {
  readonly service: AwsServiceName;
  /** The SDK command's action, e.g. `SendMessage`. */
  readonly action: string;
  readonly required: readonly string[];
  readonly optional: Readonly<Record<string, ParameterKind>>;
}

/**
 * Each subtype's action and parameters, as AWS's reference lists them
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services-reference.html).
 * `Region` is accepted and not used: the call goes to the `--service-endpoint` URL.
 */
const ACTIONS: Readonly<Record<AwsServiceSubtype, ActionSpec>> = {
  'SQS-SendMessage': {
    service: 'sqs',
    action: 'SendMessage',
    required: ['QueueUrl', 'MessageBody'],
    optional: { DelaySeconds: 'number', MessageAttributes: 'object', MessageDeduplicationId: 'string', MessageGroupId: 'string', MessageSystemAttributes: 'object', Region: 'string' },
  },
  'SQS-ReceiveMessage': {
    service: 'sqs',
    action: 'ReceiveMessage',
    required: ['QueueUrl'],
    optional: {
      AttributeNames: 'list', MaxNumberOfMessages: 'number', MessageAttributeNames: 'list', ReceiveRequestAttemptId: 'string',
      VisibilityTimeout: 'number', WaitTimeSeconds: 'number', Region: 'string',
    },
  },
  'SQS-DeleteMessage': { service: 'sqs', action: 'DeleteMessage', required: ['QueueUrl', 'ReceiptHandle'], optional: { Region: 'string' } },
  'SQS-PurgeQueue': { service: 'sqs', action: 'PurgeQueue', required: ['QueueUrl'], optional: { Region: 'string' } },
  'EventBridge-PutEvents': {
    service: 'eventbridge',
    action: 'PutEvents',
    required: ['Detail', 'DetailType', 'Source'],
    optional: { Time: 'string', EventBusName: 'string', Resources: 'list', Region: 'string', TraceHeader: 'string' },
  },
  'StepFunctions-StartExecution': { service: 'stepfunctions', action: 'StartExecution', required: ['StateMachineArn'], optional: { Name: 'string', Input: 'string', Region: 'string' } },
  'StepFunctions-StartSyncExecution': {
    service: 'stepfunctions',
    action: 'StartSyncExecution',
    required: ['StateMachineArn'],
    optional: { Name: 'string', Input: 'string', Region: 'string', TraceHeader: 'string' },
  },
  'StepFunctions-StopExecution': { service: 'stepfunctions', action: 'StopExecution', required: ['ExecutionArn'], optional: { Cause: 'string', Error: 'string', Region: 'string' } },
};

export function serviceOfSubtype(subtype: AwsServiceSubtype): AwsServiceName {
  return ACTIONS[subtype].service;
}

/** One call of an AWS service action, with its SDK input. */
export interface AwsServiceCall {
  readonly service: AwsServiceName;
  readonly subtype: AwsServiceSubtype;
  readonly action: string;
  readonly input: Readonly<Record<string, unknown>>;
}

export type BuiltCall = { readonly ok: true; readonly call: AwsServiceCall } | { readonly ok: false; readonly error: string };

function convert(kind: ParameterKind, name: string, text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  switch (kind) {
    case 'string':
      return { ok: true, value: text };
    case 'number': {
      const value = Number(text);
      return Number.isFinite(value) && text.trim() !== '' ? { ok: true, value } : { ok: false, error: `${name} must be a number, got '${text}'` };
    }
    case 'list': {
      const parsed = parseJsonText(text);
      if (Array.isArray(parsed)) return { ok: true, value: parsed.map(String) };
      return { ok: true, value: text.split(',').map((item) => item.trim()).filter((item) => item !== '') };
    }
    case 'object': {
      const parsed = parseJsonText(text);
      return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
        ? { ok: true, value: parsed }
        : { ok: false, error: `${name} must be a JSON object, got '${text}'` };
    }
  }
}

function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The action and SDK input of an AWS service integration, from its `RequestParameters` evaluated against the
 * request (`evaluate` gives a mapping value's text). A required parameter that is missing or maps to `''`,
 * or a parameter the subtype does not have, is an error (AWS refuses such an integration at deploy time).
 */
export function buildAwsServiceCall(
  subtype: AwsServiceSubtype,
  parameters: Readonly<Record<string, string>>,
  evaluate: (expression: string) => string,
): BuiltCall {
  const spec = ACTIONS[subtype];
  const input: Record<string, unknown> = {};
  for (const [name, expression] of Object.entries(parameters)) {
    const kind: ParameterKind | undefined = spec.required.includes(name) ? 'string' : spec.optional[name];
    if (kind === undefined) return { ok: false, error: `${subtype} has no parameter ${name}` };
    const text = evaluate(expression);
    if (text === '' || name === 'Region') continue;
    const converted = convert(kind, name, text);
    if (!converted.ok) return converted;
    input[name] = converted.value;
  }
  const missing = spec.required.filter((name) => input[name] === undefined);
  if (missing.length > 0) return { ok: false, error: `${subtype} needs ${missing.join(', ')}, which the request mapped to nothing` };
  if (subtype === 'EventBridge-PutEvents') {
    // PutEvents takes a list of entries; the integration sends one (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html).
    return { ok: true, call: { service: spec.service, subtype, action: spec.action, input: { Entries: [input] } } };
  }
  return { ok: true, call: { service: spec.service, subtype, action: spec.action, input } };
}
