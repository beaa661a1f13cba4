import { describe, expect, it } from 'vitest';
import type { AwsServiceIntegrationModel } from '../model/index.js';
import type { AwsServiceCall } from './aws-service-actions.js';
import { buildAwsServiceCall } from './aws-service-actions.js';
import { handleHttpRequest } from './handle-http-request.js';
import { deps, httpApi, request, route } from './http-test-fixtures.js';
import type { AwsServiceAnswer } from './types.js';

function sqsIntegration(extra: Partial<AwsServiceIntegrationModel> = {}): AwsServiceIntegrationModel {
  return {
    ref: { stackName: 'TestStack', logicalId: 'SqsInteg' },
    integrationId: 'Integ',
    kind: 'aws-service',
    subtype: 'SQS-SendMessage',
    timeoutMs: 30_000,
    requestParameters: { QueueUrl: '$request.header.queue', MessageBody: '$request.body.message', DelaySeconds: '${request.querystring.delay}' },
    responseParameters: {},
    ...extra,
  };
}

async function send(integration: AwsServiceIntegrationModel, answer: (call: AwsServiceCall, signal: AbortSignal) => Promise<AwsServiceAnswer>) {
  const calls: AwsServiceCall[] = [];
  const api = httpApi({ routes: [route('POST /send')], integrations: [integration] });
  const response = await handleHttpRequest(
    api,
    request('POST', '/send?delay=3', { headers: [['queue', 'http://sqs.local/1/q']], body: Buffer.from('{"message":"hello"}') }),
    deps({
      callAwsService: (call, signal) => {
        calls.push(call);
        return answer(call, signal);
      },
    }),
  );
  return { response, calls };
}

describe('AWS service integrations', () => {
  it("call the subtype's action with the mapped parameters and answer the service's output 200 as JSON", async () => {
    const { response, calls } = await send(sqsIntegration(), () => Promise.resolve({ kind: 'output', output: { MessageId: 'm-1', MD5OfMessageBody: 'abc' } }));
    expect(calls).toEqual([
      { service: 'sqs', subtype: 'SQS-SendMessage', action: 'SendMessage', input: { QueueUrl: 'http://sqs.local/1/q', MessageBody: 'hello', DelaySeconds: 3 } },
    ]);
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body.toString())).toEqual({ MessageId: 'm-1', MD5OfMessageBody: 'abc' });
  });

  it('answer 500 Internal Server Error when the service cannot be reached', async () => {
    const { response } = await send(sqsIntegration(), () => Promise.resolve({ kind: 'unreachable', message: 'no --service-endpoint sqs=<url>' }));
    expect(response.statusCode).toBe(500);
    expect(response.body.toString()).toBe('{"message":"Internal Server Error"}');
    expect(response.log.error).toContain('no --service-endpoint sqs');
  });

  it("answer a service's refusal with its status", async () => {
    const { response } = await send(sqsIntegration(), () =>
      Promise.resolve({ kind: 'service-error', statusCode: 400, errorType: 'QueueDoesNotExist', message: 'The specified queue does not exist.' }),
    );
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body.toString())).toEqual({ message: 'The specified queue does not exist.', type: 'QueueDoesNotExist' });
  });

  it('answer 503 when the integration timeout elapses, and abort the call', async () => {
    let aborted = false;
    const { response } = await send(sqsIntegration({ timeoutMs: 20 }), (_call, signal) =>
      new Promise((resolve) => signal.addEventListener('abort', () => {
        aborted = true;
        resolve({ kind: 'unreachable', message: 'aborted' });
      })),
    );
    expect(response.statusCode).toBe(503);
    expect(aborted).toBe(true);
  });

  it('answer 500 without calling when a required parameter maps to nothing', async () => {
    const { response, calls } = await send(sqsIntegration({ requestParameters: { QueueUrl: '$request.header.nope', MessageBody: 'x' } }), () =>
      Promise.resolve({ kind: 'output', output: {} }),
    );
    expect(response.statusCode).toBe(500);
    expect(response.log.error).toBe('SQS-SendMessage needs QueueUrl, which the request mapped to nothing');
    expect(calls).toEqual([]);
  });
});

describe('buildAwsServiceCall', () => {
  const identity = (expression: string) => expression;

  it('wraps an EventBridge event in one entry of PutEvents', () => {
    expect(buildAwsServiceCall('EventBridge-PutEvents', { Detail: '{"a":1}', DetailType: 'Order', Source: 'shop', EventBusName: 'bus', Resources: 'r1, r2' }, identity)).toEqual({
      ok: true,
      call: {
        service: 'eventbridge',
        subtype: 'EventBridge-PutEvents',
        action: 'PutEvents',
        input: { Entries: [{ Detail: '{"a":1}', DetailType: 'Order', Source: 'shop', EventBusName: 'bus', Resources: ['r1', 'r2'] }] },
      },
    });
  });

  it('refuses a parameter the subtype does not have, and a number that is not one', () => {
    expect(buildAwsServiceCall('StepFunctions-StopExecution', { ExecutionArn: 'arn', Bogus: 'x' }, identity)).toEqual({ ok: false, error: 'StepFunctions-StopExecution has no parameter Bogus' });
    expect(buildAwsServiceCall('SQS-ReceiveMessage', { QueueUrl: 'q', MaxNumberOfMessages: 'ten' }, identity)).toEqual({ ok: false, error: "MaxNumberOfMessages must be a number, got 'ten'" });
  });

  it('leaves Region out of the call: the endpoint decides where it goes', () => {
    const built = buildAwsServiceCall('StepFunctions-StartExecution', { StateMachineArn: 'arn:sm', Input: '{}', Region: 'eu-west-1' }, identity);
    expect(built.ok && built.call.input).toEqual({ StateMachineArn: 'arn:sm', Input: '{}' });
  });
});
