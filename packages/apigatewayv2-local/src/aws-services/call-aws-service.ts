import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { SFNClient, StartExecutionCommand, StartSyncExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { DeleteMessageCommand, PurgeQueueCommand, ReceiveMessageCommand, SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { AwsServiceCall, AwsServiceName } from '../http/aws-service-actions.js';
import type { AwsServiceAnswer } from '../http/types.js';

/**
 * The credentials the gateway signs service calls with: fixed local ones, never the machine's, so a
 * misdirected endpoint cannot receive real keys. Local emulators accept any.
 */
export const LOCAL_SERVICE_CREDENTIALS = { accessKeyId: 'apigwlocal', secretAccessKey: 'apigwlocal' } as const;

export interface AwsServiceCallerOptions {
  /** `--service-endpoint` URLs by service. */
  readonly endpoints: ReadonlyMap<AwsServiceName, string>;
  /** The region the model resolved in (the SDK signs for it). */
  readonly region: string;
}

/** One SDK client per service, created on the first call to it. */
interface Clients {
  sqs?: SQSClient;
  eventbridge?: EventBridgeClient;
  stepfunctions?: SFNClient;
}

/**
 * Calls AWS service actions through the AWS SDK v3 clients at the user's endpoints, as API Gateway calls
 * them for an AWS service integration
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services.html).
 * One attempt, no retries; `destroy` closes the clients' sockets.
 */
export function createAwsServiceCaller(options: AwsServiceCallerOptions): {
  readonly call: (call: AwsServiceCall, signal: AbortSignal) => Promise<AwsServiceAnswer>;
  readonly destroy: () => void;
} {
  const clients: Clients = {};
  const config = (endpoint: string) => ({
    endpoint,
    region: options.region,
    credentials: LOCAL_SERVICE_CREDENTIALS,
    maxAttempts: 1,
    // StartSyncExecution's `sync-` host prefix would break a local endpoint's host.
    disableHostPrefix: true,
  });
  const send = async (call: AwsServiceCall, endpoint: string, signal: AbortSignal): Promise<object> => {
    const input = call.input as never;
    switch (call.service) {
      case 'sqs': {
        const client = (clients.sqs ??= new SQSClient(config(endpoint)));
        switch (call.action) {
          case 'SendMessage':
            return client.send(new SendMessageCommand(input), { abortSignal: signal });
          case 'ReceiveMessage':
            return client.send(new ReceiveMessageCommand(input), { abortSignal: signal });
          case 'DeleteMessage':
            return client.send(new DeleteMessageCommand(input), { abortSignal: signal });
          default:
            return client.send(new PurgeQueueCommand(input), { abortSignal: signal });
        }
      }
      case 'eventbridge': {
        const client = (clients.eventbridge ??= new EventBridgeClient(config(endpoint)));
        return client.send(new PutEventsCommand(input), { abortSignal: signal });
      }
      case 'stepfunctions': {
        const client = (clients.stepfunctions ??= new SFNClient(config(endpoint)));
        // The integration's parameters are PascalCase; Step Functions' API members are camelCase
        // (https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html).
        const camel = Object.fromEntries(Object.entries(call.input).map(([name, value]) => [name.charAt(0).toLowerCase() + name.slice(1), value])) as never;
        switch (call.action) {
          case 'StartExecution':
            return client.send(new StartExecutionCommand(camel), { abortSignal: signal });
          case 'StartSyncExecution':
            return client.send(new StartSyncExecutionCommand(camel), { abortSignal: signal });
          default:
            return client.send(new StopExecutionCommand(camel), { abortSignal: signal });
        }
      }
    }
  };
  return {
    call: async (call, signal) => {
      const endpoint = options.endpoints.get(call.service);
      if (endpoint === undefined) return { kind: 'unreachable', message: `no --service-endpoint ${call.service}=<url>` };
      try {
        const { $metadata: _metadata, ...output } = (await send(call, endpoint, signal)) as Record<string, unknown>;
        return { kind: 'output', output };
      } catch (error) {
        return answerOfError(error);
      }
    },
    destroy: () => {
      clients.sqs?.destroy();
      clients.eventbridge?.destroy();
      clients.stepfunctions?.destroy();
    },
  };
}

/** A service's own refusal carries its HTTP status; anything else (refused connection, abort) did not reach it. */
function answerOfError(error: unknown): AwsServiceAnswer {
  const failure = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const statusCode = failure.$metadata?.httpStatusCode;
  const message = failure.message ?? String(error);
  if (statusCode === undefined) return { kind: 'unreachable', message };
  return { kind: 'service-error', statusCode, errorType: failure.name ?? 'Error', message };
}
