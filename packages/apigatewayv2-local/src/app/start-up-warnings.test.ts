import { describe, expect, test } from 'vitest';
import { httpApi, httpIntegration, lambdaIntegration, route, stage, STACK } from '../http/http-test-fixtures.js';
import type { ApiModel, GatewayModel } from '../model/index.js';
import { startUpWarnings, type StartUpWarningsOptions } from './start-up-warnings.js';

const ref = (logicalId: string) => ({ stackName: STACK, logicalId });
const api = (logicalId: string, protocol: 'HTTP' | 'WEBSOCKET', routes = [route('GET /hello')]): ApiModel => ({
  ...httpApi({ routes, integrations: [lambdaIntegration()], stages: [stage('$default')] }),
  ref: ref(logicalId),
  protocol,
});
const modelOf = (apis: readonly ApiModel[], extra: Partial<GatewayModel> = {}): GatewayModel => ({
  apis,
  functions: [],
  diagnostics: [],
  environment: { accountId: '123456789012', region: 'us-east-1', partition: 'aws', urlSuffix: 'amazonaws.com' },
  ...extra,
});
const options: StartUpWarningsOptions = { cannotRun: () => undefined, backends: new Map<string, string>(), iamCredentialsSet: true };
const messages = (model: GatewayModel, extra: Partial<typeof options> = {}): string[] =>
  startUpWarnings(model, { ...options, ...extra }).map((w) => `${w.stackName}/${w.logicalId} ${w.message}`);

describe('startUpWarnings', () => {
  test('warns about settings it does not apply: disabled execute-api endpoint and custom domains, not the throttling it applies', () => {
    const limited: ApiModel = {
      ...api('Limited', 'HTTP'),
      disableExecuteApiEndpoint: true,
      stages: [{ ...stage('$default'), ref: ref('LimitedStage'), defaultRouteSettings: { throttlingBurstLimit: 5, throttlingRateLimit: 10 } }],
    };
    const domains = [{ ref: ref('Domain'), domainName: 'api.example.com', mappings: [{ ref: ref('Mapping'), apiId: limited.apiId, stage: '$default', apiMappingKey: 'v1' }] }];
    expect(messages(modelOf([limited], { domains }))).toEqual([
      'TestStack/Limited DisableExecuteApiEndpoint is true: AWS answers 403 on the execute-api endpoint; served locally anyway',
      `TestStack/Domain custom domain api.example.com is not served (/v1 → ${limited.apiId} stage $default); start with --domain-port <n> to serve it by Host header, or call each API on its own URL`,
    ]);
    expect(messages(modelOf([limited], { domains }), { domainPort: 8443 }).some((line) => line.includes('custom domain'))).toBe(false);
  });

  test('says an AWS service integration is not emulated unless --backend gives it an endpoint', () => {
    const sqs = httpIntegration('https://sqs.us-east-1.amazonaws.com/123/queue', { ref: { stackName: STACK, logicalId: 'Sqs' }, integrationId: 'Sqs', templated: true, awsService: 'sqs' });
    const ws: ApiModel = { ...api('Chat', 'WEBSOCKET'), routeSelectionExpression: '$request.body.action', integrations: new Map([['Sqs', sqs]]) };
    expect(messages(modelOf([ws]))).toEqual([
      'TestStack/Sqs AWS service integration https://sqs.us-east-1.amazonaws.com/123/queue (sqs) is not emulated: clients of its routes get an error; give it a local endpoint with --backend Sqs=<url>',
    ]);
    expect(messages(modelOf([ws]), { backends: new Map([['Sqs', 'http://127.0.0.1:4566']]) })).toEqual([]);
  });

  test('says nothing when the template sets nothing it cannot serve', () => {
    expect(messages(modelOf([api('Plain', 'HTTP')]))).toEqual([]);
  });

  test('warns that AWS_IAM routes refuse every call when no local credentials are set', () => {
    const iam = { authorizationType: 'AWS_IAM' as const };
    const model = modelOf([
      api('ApiA', 'HTTP', [route('GET /hello', 'Integ', iam), route('GET /open')]),
      api('Chat', 'WEBSOCKET', [route('$connect', 'Integ', iam), route('$default')]),
    ]);
    expect(messages(model, { iamCredentialsSet: false }).filter((m) => m.includes('AWS_IAM'))).toEqual([
      expect.stringMatching(
        /^TestStack\/ApiA AWS_IAM on GET \/hello and no local credentials: every call to it is refused \(403\); set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/,
      ),
      expect.stringMatching(/^TestStack\/Chat AWS_IAM on \$connect and no local credentials/),
    ]);
    expect(messages(model, { iamCredentialsSet: true }).filter((m) => m.includes('AWS_IAM'))).toEqual([]);
  });

  test('names an AWS service integration without --service-endpoint, and access log variables HTTP APIs do not have', () => {
    const queue = { ...lambdaIntegration(), ref: ref('OrdersIntegration'), kind: 'aws-service' as const, subtype: 'SQS-SendMessage' as const };
    const served: ApiModel = {
      ...api('Orders', 'HTTP'),
      integrations: new Map([[queue.integrationId, queue]]),
      stages: [{ ...stage('$default'), ref: ref('LoggedStage'), accessLog: { format: '$context.requestId $context.statuz' } }],
    };
    expect(messages(modelOf([served]))).toEqual([
      'TestStack/OrdersIntegration SQS-SendMessage integration has no endpoint to call; its routes answer as AWS does for an unreachable target (pass --service-endpoint sqs=<url>, e.g. a local emulator)',
      'TestStack/LoggedStage stage $default: the access log format uses unknown variables $context.statuz; they log as -',
    ]);
    expect(messages(modelOf([served]), { serviceEndpoints: new Map([['sqs', 'http://q']]) })).toHaveLength(1);
  });
});
