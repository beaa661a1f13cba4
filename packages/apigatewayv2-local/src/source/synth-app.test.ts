import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { GatewayError } from '../errors.js';
import { readGatewayModel } from './read-gateway-model.js';
import { writeFiles } from '../template/template-test-fixtures.js';

/**
 * A stand-in for a CDK app: it writes a cloud assembly into $CDK_OUTDIR the way `app.synth()` does, and puts
 * what it received through the environment into the template so the test can check it.
 */
const FAKE_APP = `
import { writeFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
const out = process.env.CDK_OUTDIR;
const context = JSON.parse(process.env.CDK_CONTEXT_JSON);
writeFileSync(join(out, 'manifest.json'), JSON.stringify({
  version: '55.0.0',
  artifacts: { Tiny: { type: 'aws:cloudformation:stack', environment: 'aws://unknown-account/unknown-region', properties: { templateFile: 'Tiny.template.json' } } },
}));
writeFileSync(join(out, 'Tiny.template.json'), JSON.stringify({
  Resources: {
    Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: context.apiName + '@' + process.env.CDK_DEFAULT_REGION + '/' + process.env.CDK_DEFAULT_ACCOUNT + '/' + context['aws:cdk:enable-asset-metadata'], ProtocolType: 'HTTP' } },
  },
}));
`;

describe('readGatewayModel of a CDK app command', () => {
  const dir = writeFiles({ 'app.mjs': FAKE_APP, 'fail.mjs': "console.error('Error: the app is broken'); process.exit(3);", 'silent.mjs': '' });

  test('runs the command with CDK_OUTDIR, CDK_CONTEXT_JSON and CDK_DEFAULT_* and reads the assembly it wrote', async () => {
    const outdir = join(dir, 'out-env');
    const model = await readGatewayModel({ app: `node ${join(dir, 'app.mjs')}`, context: { apiName: 'tiny' }, outdir }, { region: 'eu-central-1', accountId: '999988887777' });
    expect(model.apis.map((a) => a.name)).toEqual(['tiny@eu-central-1/999988887777/true']);
    expect(model.environment.region).toBe('eu-central-1');
    expect(existsSync(join(outdir, 'manifest.json'))).toBe(true);
  });

  test('merges the project context of cdk.context.json and cdk.json under the caller\'s context, as the CDK CLI does', async () => {
    const project = writeFiles({
      'cdk.json': { app: 'ignored', context: { apiName: 'from-cdk-json' } },
      'cdk.context.json': { apiName: 'from-cdk-context-json' },
      'app.mjs': FAKE_APP,
    });
    const fromProject = await readGatewayModel({ app: 'node app.mjs', cwd: project, outdir: join(project, 'out-project') });
    expect(fromProject.apis[0].name).toMatch(/^from-cdk-json@/);
    const fromCaller = await readGatewayModel({ app: 'node app.mjs', cwd: project, context: { apiName: 'given' }, outdir: join(project, 'out-caller') });
    expect(fromCaller.apis[0].name).toMatch(/^given@/);
  });

  test('a failing app gives APP_SYNTH_FAILED with its exit code and stderr', async () => {
    const error = await readGatewayModel({ app: `node ${join(dir, 'fail.mjs')}` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).code).toBe('APP_SYNTH_FAILED');
    expect((error as GatewayError).message).toMatch(/exited with code 3:\nError: the app is broken/);
  });

  test('an app that writes no assembly is reported as such, and its temporary directory removed', async () => {
    const error = await readGatewayModel({ app: `node ${join(dir, 'silent.mjs')}` }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/wrote no cloud assembly/);
    const outdir = /CDK_OUTDIR \((.+)\)/.exec((error as Error).message)?.[1];
    expect(outdir).toMatch(/apigw-local-synth-/);
    expect(existsSync(outdir as string)).toBe(false);
  });
});

describe('readGatewayModel input errors', () => {
  test('a directory without manifest.json is not a cloud assembly', async () => {
    await expect(readGatewayModel({ assembly: writeFiles({}) })).rejects.toMatchObject({ code: 'ASSEMBLY_INVALID' });
  });

  test('a missing template file is TEMPLATE_INVALID', async () => {
    await expect(readGatewayModel({ template: join(writeFiles({}), 'nope.yaml') })).rejects.toMatchObject({ code: 'TEMPLATE_INVALID' });
  });
});
