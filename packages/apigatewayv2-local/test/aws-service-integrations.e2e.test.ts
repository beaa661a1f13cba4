// End to end: aws-cdk-lib's HttpSqsIntegration, HttpEventBridgeIntegration and HttpStepFunctionsIntegration
// served by the gateway, which calls the services through the AWS SDK at --service-endpoint URLs: a real
// SQS-compatible server (fauxqs) for SQS, a node:http server here that records what the SDK sends for
// EventBridge and Step Functions.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { HttpApi, HttpMethod, MappingValue, ParameterMapping } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpEventBridgeIntegration, HttpSqsIntegration, HttpStepFunctionsIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as events from 'aws-cdk-lib/aws-events';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { startFauxqs, type FauxqsServer } from 'fauxqs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startGateway, type Gateway } from '../src/index.js';
import { GatewayError } from '../src/errors.js';
import { synthStack, type SynthesizedApp } from './support/synth-stack.js';

interface ServiceRequest {
  readonly target: string | undefined;
  readonly contentType: string | undefined;
  readonly authorization: string | undefined;
  readonly body: unknown;
}

let fauxqs: FauxqsServer;
let queueUrl = '';
let services: Server;
let servicesUrl = '';
const serviceRequests: ServiceRequest[] = [];
let app: SynthesizedApp;
let gateway: Gateway;
let unconnected: Gateway;
const unconnectedLog: string[] = [];
let api = '';

beforeAll(async () => {
  fauxqs = await startFauxqs({ port: 0, logger: false });
  queueUrl = fauxqs.createQueue('orders').queueUrl;
  services = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const target = request.headers['x-amz-target'] as string | undefined;
      serviceRequests.push({
        target,
        contentType: request.headers['content-type'],
        authorization: request.headers.authorization,
        body: JSON.parse(Buffer.concat(chunks).toString() || '{}') as unknown,
      });
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(
        target === 'AWSEvents.PutEvents'
          ? JSON.stringify({ FailedEntryCount: 0, Entries: [{ EventId: 'event-1' }] })
          : JSON.stringify({ executionArn: 'arn:aws:states:us-east-1:123456789012:execution:Flow:run-1', startDate: 1700000000 }),
      );
    });
  });
  await new Promise<void>((resolve) => services.listen(0, '127.0.0.1', resolve));
  servicesUrl = `http://127.0.0.1:${(services.address() as AddressInfo).port}`;

  app = synthStack('AwsServicesE2e', (stack) => {
    const http = new HttpApi(stack, 'ServicesApi');
    http.addRoutes({
      path: '/orders',
      methods: [HttpMethod.POST],
      integration: new HttpSqsIntegration('Orders', {
        queue: new sqs.Queue(stack, 'OrdersQueue'),
        parameterMapping: new ParameterMapping().custom('QueueUrl', queueUrl).custom('MessageBody', MappingValue.requestBody('order').value),
      }),
    });
    http.addRoutes({
      path: '/events',
      methods: [HttpMethod.POST],
      integration: new HttpEventBridgeIntegration('Events', { eventBusRef: new events.EventBus(stack, 'Bus').eventBusRef }),
    });
    const flow = new sfn.StateMachine(stack, 'Flow', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Pass')) });
    http.addRoutes({
      path: '/runs',
      methods: [HttpMethod.POST],
      integration: new HttpStepFunctionsIntegration('Runs', {
        stateMachine: flow,
        parameterMapping: new ParameterMapping().custom('StateMachineArn', flow.stateMachineArn).custom('Input', '$request.body'),
      }),
    });
  });
  gateway = await startGateway({
    assembly: app.directory,
    port: 0,
    quiet: true,
    log: () => {},
    serviceEndpoints: { sqs: fauxqs.address, eventbridge: servicesUrl, stepfunctions: servicesUrl },
  });
  api = gateway.apis[0]?.url ?? '';
  unconnected = await startGateway({ assembly: app.directory, port: 0, quiet: false, log: (line) => unconnectedLog.push(line) });
}, 60_000);

afterAll(async () => {
  await gateway?.close();
  await unconnected?.close();
  await new Promise((resolve) => services?.close(resolve));
  await fauxqs?.stop();
  app?.dispose();
});

describe('SQS integration', () => {
  test('sends the mapped message to the queue, answers the service output 200, and ReceiveMessage reads it back', async () => {
    const response = await fetch(`${api}/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ order: 'two books' }) });
    expect(response.status).toBe(200);
    const output = (await response.json()) as { MessageId?: string };
    expect(output.MessageId).toEqual(expect.any(String));
    const client = new SQSClient({ endpoint: fauxqs.address, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    const received = await client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    client.destroy();
    expect(received.Messages?.map((message) => [message.MessageId, message.Body])).toEqual([[output.MessageId, 'two books']]);
  });
});

describe('EventBridge and Step Functions integrations', () => {
  test('PutEvents reaches the endpoint as the AWS SDK sends it, with the mapped entry', async () => {
    const response = await fetch(`${api}/events`, {
      method: 'POST',
      body: JSON.stringify({ Detail: '{"id":7}', DetailType: 'OrderPlaced', Source: 'shop' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ FailedEntryCount: 0, Entries: [{ EventId: 'event-1' }] });
    const sent = serviceRequests.find((request) => request.target === 'AWSEvents.PutEvents');
    expect(sent?.contentType).toBe('application/x-amz-json-1.1');
    expect(sent?.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=apigwlocal\//);
    expect(sent?.body).toMatchObject({ Entries: [{ Detail: '{"id":7}', DetailType: 'OrderPlaced', Source: 'shop' }] });
  });

  test('StartExecution reaches the endpoint with the state machine ARN and the request body as input', async () => {
    const response = await fetch(`${api}/runs`, { method: 'POST', body: JSON.stringify({ books: 2 }) });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ executionArn: 'arn:aws:states:us-east-1:123456789012:execution:Flow:run-1' });
    const sent = serviceRequests.find((request) => request.target === 'AWSStepFunctions.StartExecution');
    expect(sent?.contentType).toBe('application/x-amz-json-1.0');
    const body = sent?.body as { stateMachineArn?: string; input?: string };
    expect(body.stateMachineArn).toMatch(/^arn:aws:states:us-east-1:123456789012:stateMachine:/);
    expect(body.input).toBe('{"books":2}');
  });
});

describe('without --service-endpoint', () => {
  test('answers as AWS does for an unreachable target, and start-up says why', async () => {
    const url = unconnected.apis[0]?.url ?? '';
    const response = await fetch(`${url}/events`, { method: 'POST', body: JSON.stringify({ Detail: '{}', DetailType: 'x', Source: 'y' }) });
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('{"message":"Internal Server Error"}');
    expect(unconnectedLog.join('\n')).toContain('EventBridge-PutEvents integration has no endpoint to call');
    expect(unconnectedLog.join('\n')).toContain('--service-endpoint eventbridge=<url>');
  });

  test('a --service-endpoint for a service the template does not integrate with is an error listing those it does', async () => {
    const started = startGateway({ assembly: app.directory, port: 0, quiet: true, log: () => {}, serviceEndpoints: { sqs: fauxqs.address } });
    await expect(started.then((g) => g.close())).resolves.toBeUndefined();
    const wrong = startGateway({ assembly: app.directory, port: 0, quiet: true, log: () => {}, serviceEndpoints: { kinesis: 'http://127.0.0.1:1' } });
    await expect(wrong).rejects.toThrow(GatewayError);
    await expect(wrong).rejects.toThrow(/service endpoint 'kinesis' names no service; the services are sqs, eventbridge, stepfunctions/);
    const sqsOnly = synthStack('SqsOnly', (stack) => {
      new HttpApi(stack, 'Api').addRoutes({ path: '/q', methods: [HttpMethod.POST], integration: new HttpSqsIntegration('Q', { queue: new sqs.Queue(stack, 'Q') }) });
    });
    try {
      const unused = startGateway({ assembly: sqsOnly.directory, port: 0, quiet: true, log: () => {}, serviceEndpoints: { stepfunctions: 'http://127.0.0.1:1' } });
      await expect(unused).rejects.toThrow(/service endpoint 'stepfunctions' names no service the template integrates with; the services with AWS service integrations: sqs/);
    } finally {
      sqsOnly.dispose();
    }
  });
});
