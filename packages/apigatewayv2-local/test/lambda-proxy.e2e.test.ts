// End to end: a template synthesized from aws-cdk-lib's own HTTP API constructs, served on real sockets,
// with Lambda handlers run locally; answers compared with what AWS documents (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html).
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';
import { Duration } from 'aws-cdk-lib';
import { HttpApi, HttpMethod, HttpStage, PayloadFormatVersion } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startGateway, type Gateway } from '../src/index.js';
import { handlerDirectory, synthStack, type SynthesizedApp } from './support/synth-stack.js';

const HANDLERS = `
let invocations = 0;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
exports.echo = async (event) => {
  invocations += 1;
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ event, invocations }) };
};
exports.echoV1 = async (event) => ({
  statusCode: 202,
  headers: { 'content-type': 'application/json' },
  multiValueHeaders: { 'set-cookie': ['a=1', 'b=2'] },
  body: JSON.stringify({ event }),
});
exports.cookies = async () => ({
  statusCode: 201,
  cookies: ['session=abc; Path=/; HttpOnly', 'theme=dark'],
  headers: { 'x-custom': 'yes' },
  body: 'created',
});
exports.binary = async () => ({
  statusCode: 200,
  isBase64Encoded: true,
  headers: { 'content-type': 'application/octet-stream' },
  body: Buffer.from([0, 1, 2, 255]).toString('base64'),
});
exports.inferred = async () => ({ hello: 'world' });
exports.fail = async () => { throw new TypeError('nope'); };
exports.sleep = async (event) => {
  await sleep(Number(event.queryStringParameters?.ms ?? '0'));
  return { statusCode: 200, body: 'awake' };
};
exports.crash = async (event) => {
  if (event.queryStringParameters?.crash === 'yes') process.exit(3);
  invocations += 1;
  return { statusCode: 200, body: String(invocations) };
};
exports.log = async () => {
  console.log('hello from the handler');
  return { statusCode: 200, body: 'logged' };
};
`;

let code: SynthesizedApp;
let app: SynthesizedApp;
let gateway: Gateway;
const lines: string[] = [];
let main = '';
let strict = '';

beforeAll(async () => {
  code = handlerDirectory({ 'index.js': HANDLERS });
  app = synthStack('LambdaE2e', (stack) => {
    const fn = (id: string, handler: string, timeout = Duration.seconds(3)) =>
      new lambda.Function(stack, id, {
        runtime: lambda.Runtime.NODEJS_22_X,
        handler: `index.${handler}`,
        code: lambda.Code.fromAsset(code.directory),
        timeout,
      });
    const echo = fn('EchoFn', 'echo');
    const api = new HttpApi(stack, 'MainApi', {
      defaultIntegration: new HttpLambdaIntegration('DefaultIntegration', echo),
    });
    new HttpStage(stack, 'DevStage', { httpApi: api, stageName: 'dev', autoDeploy: true, stageVariables: { color: 'blue' } });
    const route = (path: string, integration: HttpLambdaIntegration, methods = [HttpMethod.GET]) =>
      api.addRoutes({ path, methods, integration });
    const echoIntegration = new HttpLambdaIntegration('EchoIntegration', echo);
    route('/echo/{id}', echoIntegration);
    route('/items/{id}', echoIntegration);
    route('/items/{proxy+}', echoIntegration, [HttpMethod.ANY]);
    route('/items/special', new HttpLambdaIntegration('InlineIntegration', new lambda.Function(stack, 'InlineFn', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline("exports.handler = async () => ({ statusCode: 200, body: 'special, from inline code' });"),
    })));
    route('/v1/{id}', new HttpLambdaIntegration('V1Integration', fn('EchoV1Fn', 'echoV1'), {
      payloadFormatVersion: PayloadFormatVersion.VERSION_1_0,
    }));
    route('/cookies', new HttpLambdaIntegration('CookiesIntegration', fn('CookiesFn', 'cookies')));
    route('/binary', new HttpLambdaIntegration('BinaryIntegration', fn('BinaryFn', 'binary')));
    route('/inferred', new HttpLambdaIntegration('InferredIntegration', fn('InferredFn', 'inferred')));
    route('/fail', new HttpLambdaIntegration('FailIntegration', fn('FailFn', 'fail')));
    route('/function-timeout', new HttpLambdaIntegration('FnTimeoutIntegration', fn('FnTimeoutFn', 'sleep', Duration.seconds(1))));
    route('/integration-timeout', new HttpLambdaIntegration('SlowIntegration', fn('SlowFn', 'sleep', Duration.seconds(10)), {
      timeout: Duration.millis(400),
    }));
    route('/crash', new HttpLambdaIntegration('CrashIntegration', fn('CrashFn', 'crash')));
    route('/log', new HttpLambdaIntegration('LogIntegration', fn('LogFn', 'log')));

    const strictApi = new HttpApi(stack, 'StrictApi');
    strictApi.addRoutes({ path: '/only', methods: [HttpMethod.GET], integration: new HttpLambdaIntegration('OnlyIntegration', echo) });
  });
  gateway = await startGateway({ assembly: app.directory, port: 0, log: (line) => lines.push(line) });
  main = gateway.apis.find((a) => a.logicalId.startsWith('MainApi'))?.url ?? '';
  strict = gateway.apis.find((a) => a.logicalId.startsWith('StrictApi'))?.url ?? '';
});

afterAll(async () => {
  await gateway?.close();
  app?.dispose();
  code?.dispose();
});

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

describe('routing, stages and 404s', () => {
  test('lists both APIs with their stage URLs', () => {
    const apis = gateway.apis.map(({ stackName, protocol, stages }) => ({ stackName, protocol, stages: stages.map((s) => s.name) }));
    expect(apis).toEqual([
      { stackName: 'LambdaE2e', protocol: 'HTTP', stages: ['$default', 'dev'] },
      { stackName: 'LambdaE2e', protocol: 'HTTP', stages: ['$default'] },
    ]);
    expect(main).not.toBe(strict);
  });

  test('a literal segment beats a path variable, which beats a greedy variable, which beats $default', async () => {
    expect(await (await fetch(`${main}/items/special`)).text()).toBe('special, from inline code');
    const byVariable = await json<{ event: APIGatewayProxyEventV2 }>(await fetch(`${main}/items/7`));
    expect(byVariable.event.routeKey).toBe('GET /items/{id}');
    const greedy = await json<{ event: APIGatewayProxyEventV2 }>(await fetch(`${main}/items/7/parts/9`, { method: 'DELETE' }));
    expect(greedy.event.routeKey).toBe('ANY /items/{proxy+}');
    expect(greedy.event.pathParameters).toEqual({ proxy: '7/parts/9' });
    const fallback = await json<{ event: APIGatewayProxyEventV2 }>(await fetch(`${main}/elsewhere`));
    expect(fallback.event.routeKey).toBe('$default');
    expect(fallback.event.pathParameters).toBeUndefined();
  });

  test('answers 404 {"message":"Not Found"} with apigw-requestid and no content-type when nothing matches', async () => {
    const response = await fetch(`${strict}/nothing`);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('{"message":"Not Found"}');
    expect(response.headers.get('apigw-requestid')).toMatch(/^[A-Za-z0-9+/]{15}=$/);
    expect(response.headers.get('content-type')).toBeNull();
    expect(response.headers.get('content-length')).toBe('23');
    // GET route does not serve POST (no 405 on HTTP APIs).
    expect((await fetch(`${strict}/only`, { method: 'POST' })).status).toBe(404);
  });

  test('serves a named stage under its prefix with its stage variables, keeping the prefix in rawPath', async () => {
    const { event } = await json<{ event: APIGatewayProxyEventV2 }>(await fetch(`${main}/dev/echo/42`));
    expect(event.requestContext.stage).toBe('dev');
    expect(event.rawPath).toBe('/dev/echo/42');
    expect(event.routeKey).toBe('GET /echo/{id}');
    expect(event.stageVariables).toEqual({ color: 'blue' });
    const root = await json<{ event: APIGatewayProxyEventV2 }>(await fetch(`${main}/echo/42`));
    expect(root.event.requestContext.stage).toBe('$default');
    expect(root.event.stageVariables).toBeUndefined();
  });
});

describe('Lambda proxy events', () => {
  test('payload 2.0: route, raw and decoded query, cookies split out of headers, request context', async () => {
    const response = await fetch(`${main}/echo/a%20b?x=1&x=2&y=%2F`, {
      headers: { cookie: 'a=1; b=2', 'x-thing': 'one', 'user-agent': 'e2e-test' },
    });
    expect(response.status).toBe(200);
    const { event } = await json<{ event: APIGatewayProxyEventV2 }>(response);
    expect(event.version).toBe('2.0');
    expect(event.routeKey).toBe('GET /echo/{id}');
    expect(event.rawQueryString).toBe('x=1&x=2&y=%2F');
    expect(event.queryStringParameters).toEqual({ x: '1,2', y: '/' });
    expect(event.pathParameters).toEqual({ id: 'a b' });
    expect(event.cookies).toEqual(['a=1', 'b=2']);
    expect(event.headers.cookie).toBeUndefined();
    expect(event.headers['x-thing']).toBe('one');
    expect(event.isBase64Encoded).toBe(false);
    expect(event.body).toBeUndefined();
    expect(event.requestContext.http).toMatchObject({ method: 'GET', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'e2e-test' });
    expect(event.requestContext.accountId).toBe('123456789012');
    expect(event.requestContext.requestId).toBe(response.headers.get('apigw-requestid'));
    expect(event.requestContext.time).toMatch(/^\d{2}\/\w{3}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(typeof event.requestContext.timeEpoch).toBe('number');
  });

  test('payload 2.0: a JSON body arrives as text, a binary body base64-encoded', async () => {
    const text = await json<{ event: APIGatewayProxyEventV2 }>(
      await fetch(`${main}/anything`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' }),
    );
    expect(text.event.body).toBe('{"a":1}');
    expect(text.event.isBase64Encoded).toBe(false);
    const binary = await json<{ event: APIGatewayProxyEventV2 }>(
      await fetch(`${main}/anything`, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array([0, 255]) }),
    );
    expect(binary.event.isBase64Encoded).toBe(true);
    expect(binary.event.body).toBe(Buffer.from([0, 255]).toString('base64'));
  });

  test('payload 1.0: REST-shaped event and multiValueHeaders in the result', async () => {
    const response = await fetch(`${main}/v1/5?tag=a&tag=b`, { headers: { 'x-thing': 'one' } });
    expect(response.status).toBe(202);
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    const { event } = await json<{ event: APIGatewayProxyEvent & { version: string } }>(response);
    expect(event.version).toBe('1.0');
    expect(event.httpMethod).toBe('GET');
    expect(event.resource).toBe('/v1/{id}');
    expect(event.path).toBe('/v1/5');
    expect(event.pathParameters).toEqual({ id: '5' });
    expect(event.multiValueQueryStringParameters).toEqual({ tag: ['a', 'b'] });
    expect(event.multiValueHeaders['x-thing']).toEqual(['one']);
    expect(event.stageVariables).toBeNull();
    expect(event.requestContext.httpMethod).toBe('GET');
  });
});

describe('Lambda results', () => {
  test('cookies become Set-Cookie lines; headers pass through; no content-type defaults to text/plain', async () => {
    const response = await fetch(`${main}/cookies`);
    expect(response.status).toBe(201);
    expect(response.headers.getSetCookie()).toEqual(['session=abc; Path=/; HttpOnly', 'theme=dark']);
    expect(response.headers.get('x-custom')).toBe('yes');
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toBe('created');
  });

  test('a base64 body is decoded to bytes', async () => {
    const response = await fetch(`${main}/binary`);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(new Uint8Array([0, 1, 2, 255]));
  });

  test('a result without statusCode is sent as a JSON 200', async () => {
    const response = await fetch(`${main}/inferred`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.text()).toBe('{"hello":"world"}');
  });

  test('HEAD gets the headers and no body', async () => {
    const response = await fetch(`${main}/elsewhere`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });
});

describe('function failures', () => {
  test('a function error answers 500 {"message":"Internal Server Error"}', async () => {
    const response = await fetch(`${main}/fail`);
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('{"message":"Internal Server Error"}');
  });

  test("the function's own timeout answers 500", async () => {
    const response = await fetch(`${main}/function-timeout?ms=2000`);
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('{"message":"Internal Server Error"}');
  });

  test('the integration timeout answers 503 {"message":"Service Unavailable"}', async () => {
    const response = await fetch(`${main}/integration-timeout?ms=1500`);
    expect(response.status).toBe(503);
    expect(await response.text()).toBe('{"message":"Service Unavailable"}');
  });

  test('a crashed environment answers 500 and the next request gets a fresh one', async () => {
    expect(await (await fetch(`${main}/crash`)).text()).toBe('1');
    expect((await fetch(`${main}/crash?crash=yes`)).status).toBe(500);
    // Module state starts over in the new environment.
    expect(await (await fetch(`${main}/crash`)).text()).toBe('1');
  });
});

describe('environments and logs', () => {
  test('a warm environment keeps module state between invocations', async () => {
    const first = await json<{ invocations: number }>(await fetch(`${main}/echo/1`));
    const second = await json<{ invocations: number }>(await fetch(`${main}/echo/2`));
    expect(second.invocations).toBe(first.invocations + 1);
  });

  test("handler output reaches the log sink prefixed with the function's name", async () => {
    await fetch(`${main}/log`);
    expect(lines.some((line) => /^\[[^\]]*LogFn[^\]]*\] .*hello from the handler/.test(line))).toBe(true);
  });

  test('one log line per request with method, path, route key, status, integration and duration', async () => {
    await fetch(`${main}/dev/echo/9?z=1`);
    expect(lines).toContainEqual(
      expect.stringMatching(/^\[MainApi\w*\] GET \/dev\/echo\/9\?z=1 → GET \/echo\/\{id\} 200 Lambda EchoFn\w* \(payload 2\.0\) \d+\.\d ms$/),
    );
  });
});
