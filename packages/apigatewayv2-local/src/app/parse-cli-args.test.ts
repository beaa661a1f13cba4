import { describe, expect, test } from 'vitest';
import { parseCliArgs } from './parse-cli-args.js';

describe('parseCliArgs', () => {
  test('turns every flag into a startGateway option', () => {
    expect(
      parseCliArgs([
        '--template', 't.json', '--port', '4000', '--host', '0.0.0.0', '-c', 'stage=dev', '--context', 'url=http://x/?a=b',
        '--backend', 'AlbIntegration=http://127.0.0.1:8080', '--backend', 'Nlb=http://127.0.0.1:8081/base',
        '--account-id', '111122223333', '--region', 'eu-west-1', '--quiet', '--watch',
        '--parameter', 'Stage=dev', '--parameter', 'Url=http://x/?a=b',
        '--jwks', 'https://issuer.example=./jwks.json', '--jwks', 'https://other.example/=http://127.0.0.1:9000/jwks',
        '--ignore-permissions', '--env', 'BooksFn.TABLE=books=local', '--env', 'BooksFn.STAGE=dev', '--env', 'Other/AuthFn.KEY=',
        '--env-file', 'env.json',
      ]),
    ).toEqual({
      kind: 'start',
      options: {
        template: 't.json',
        context: { stage: 'dev', url: 'http://x/?a=b' },
        port: 4000,
        host: '0.0.0.0',
        backends: { AlbIntegration: 'http://127.0.0.1:8080', Nlb: 'http://127.0.0.1:8081/base' },
        accountId: '111122223333',
        region: 'eu-west-1',
        quiet: 'requests',
        watch: true,
        parameters: { Stage: 'dev', Url: 'http://x/?a=b' },
        jwks: { 'https://issuer.example': './jwks.json', 'https://other.example/': 'http://127.0.0.1:9000/jwks' },
        ignorePermissions: true,
        env: { BooksFn: { TABLE: 'books=local', STAGE: 'dev' }, 'Other/AuthFn': { KEY: '' } },
        envFile: 'env.json',
      },
    });
  });

  test('turns --access-log into the accessLog option', () => {
    expect(parseCliArgs(['--access-log', 'access.log'])).toEqual({ kind: 'start', options: { accessLog: 'access.log' } });
  });

  test('takes the assembly directory as a positional or as --assembly', () => {
    expect(parseCliArgs(['out'])).toEqual({ kind: 'start', options: { assembly: 'out' } });
    expect(parseCliArgs(['--assembly', 'out', '-p', '0'])).toEqual({ kind: 'start', options: { assembly: 'out', port: 0 } });
    expect(parseCliArgs(['--app', 'npx tsx bin/app.ts'])).toEqual({ kind: 'start', options: { app: 'npx tsx bin/app.ts' } });
    expect(parseCliArgs([])).toEqual({ kind: 'start', options: {} });
  });

  test('recognises --help and --version before anything else', () => {
    expect(parseCliArgs(['--port', '1', '--help'])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['-v'])).toEqual({ kind: 'version' });
  });

  test('rejects an unknown flag in its own words, naming it and the closest flag', () => {
    expect(() => parseCliArgs(['--prot', '3000'])).toThrow(/^unknown option --prot \(did you mean --port\?\); run apigw-local --help for the options$/);
    expect(() => parseCliArgs(['--frobnicate'])).toThrow(/^unknown option --frobnicate; run apigw-local --help/);
    expect(() => parseCliArgs(['--port'])).toThrow(/^option --port needs a value; run apigw-local --help/);
  });

  test('rejects two sources naming the CLI flags, never an option the CLI does not have', () => {
    expect(() => parseCliArgs(['--template', 't.json', '--app', 'node app.js'])).toThrow(
      'give one source: an assembly directory, --template <file> or --app "<command>"; got --template and --app',
    );
    expect(() => parseCliArgs(['cdk.out', '--template', 't.json'])).toThrow(/got the assembly directory 'cdk\.out' and --template$/);
  });

  test('rejects a port that is not an integer from 0 to 65535', () => {
    expect(() => parseCliArgs(['--port', 'abc'])).toThrow("--port must be an integer from 0 to 65535, got 'abc'");
    expect(() => parseCliArgs(['--port', '70000'])).toThrow(/got '70000'/);
    expect(() => parseCliArgs(['--port', '-1'])).toThrow();
  });

  test('turns --domain-port into the domainPort option, checked as a port', () => {
    expect(parseCliArgs(['--domain-port', '8443'])).toEqual({ kind: 'start', options: { domainPort: 8443 } });
    expect(() => parseCliArgs(['--domain-port', 'x'])).toThrow("--domain-port must be an integer from 0 to 65535, got 'x'");
  });

  test('rejects a backend without logicalId=url, or given twice', () => {
    expect(() => parseCliArgs(['--backend', 'http://x'])).toThrow("--backend must be <logicalId>=<url>");
    expect(() => parseCliArgs(['--parameter', 'novalue'])).toThrow("--parameter must be <name>=<value> (e.g. Stage=dev), got 'novalue'");
    expect(() => parseCliArgs(['--jwks', 'https://issuer.example'])).toThrow("--jwks must be <issuer>=<file|url>");
    expect(() => parseCliArgs(['--backend', 'A=http://x', '--backend', 'A=http://y'])).toThrow("--backend given twice for 'A'");
  });

  test('rejects two assembly directories', () => {
    expect(() => parseCliArgs(['a', 'b'])).toThrow('expected at most one assembly directory, got 2: a b');
    expect(() => parseCliArgs(['a', '--assembly', 'b'])).toThrow(/give the assembly directory once/);
  });
  test('--env needs <FunctionLogicalId>.<NAME>=<value>', () => {
    expect(() => parseCliArgs(['--env', 'TABLE=x'])).toThrow("--env must be <FunctionLogicalId>.<NAME>=<value> (e.g. BooksFn.TABLE_NAME=books), got 'TABLE=x'");
    expect(() => parseCliArgs(['--env', 'BooksFn.=x'])).toThrow(/--env must be/);
    expect(() => parseCliArgs(['--env', 'BooksFn.TABLE'])).toThrow(/--env must be/);
  });
  test('--inspect and --inspect-brk take an optional port (9229 without one)', () => {
    const inspect = (argv: string[]) => {
      const command = parseCliArgs(argv);
      return command.kind === 'start' ? command.options.inspect : undefined;
    };
    expect(inspect(['--inspect'])).toEqual({ port: 9229, waitForDebugger: false });
    expect(inspect(['--inspect=0', '-q'])).toEqual({ port: 0, waitForDebugger: false });
    expect(inspect(['--inspect-brk', '--port', '4000'])).toEqual({ port: 9229, waitForDebugger: true });
    expect(inspect(['--inspect-brk=9300'])).toEqual({ port: 9300, waitForDebugger: true });
    expect(() => parseCliArgs(['--inspect=abc'])).toThrow("--inspect takes a port from 0 to 65535, got 'abc'");
    expect(() => parseCliArgs(['--inspect', '--inspect-brk'])).toThrow('give --inspect or --inspect-brk, not both');
  });
});
