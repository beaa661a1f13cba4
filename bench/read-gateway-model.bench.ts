/**
 * The template reader's cost: `readGatewayModel` on generated cloud assemblies of growing size (one HTTP
 * API, N routes, one Lambda function and integration per 4 routes, each function with environment variables
 * that reference a table), cold (first read in the process, which includes the reader's lazy loading) and
 * warm (median of later reads). Uses the built package (dist/): `npm run bench -- read-gateway-model`.
 * Goal: the example app (a handful of routes) well under 0.5 s.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readGatewayModel } from '../packages/apigatewayv2-local/dist/index.js';

const SIZES = [10, 100, 300];
const WARM_RUNS = 9;

function assembly(routeCount: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'apigw-bench-assembly-'));
  const resources: Record<string, unknown> = {
    Table: { Type: 'AWS::DynamoDB::Table', Properties: { KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }] } },
    Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'bench', ProtocolType: 'HTTP' } },
    Stage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'Api' }, StageName: '$default', AutoDeploy: true } },
  };
  const hash = 'b'.repeat(64);
  mkdirSync(join(dir, `asset.${hash}`));
  writeFileSync(join(dir, `asset.${hash}`, 'index.js'), 'exports.handler = async () => ({});');
  for (let i = 0; i < routeCount; i++) {
    const fn = `Fn${Math.floor(i / 4)}`;
    if (i % 4 === 0) {
      resources[fn] = {
        Type: 'AWS::Lambda::Function',
        Metadata: { 'aws:asset:path': `asset.${hash}`, 'aws:asset:property': 'Code' },
        Properties: {
          Runtime: 'nodejs22.x',
          Handler: 'index.handler',
          Code: { S3Bucket: { 'Fn::Sub': 'cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}' }, S3Key: `${hash}.zip` },
          Environment: { Variables: { TABLE: { Ref: 'Table' }, TABLE_ARN: { 'Fn::GetAtt': ['Table', 'Arn'] } } },
        },
      };
      resources[`${fn}Integration`] = {
        Type: 'AWS::ApiGatewayV2::Integration',
        Properties: { ApiId: { Ref: 'Api' }, IntegrationType: 'AWS_PROXY', IntegrationUri: { 'Fn::GetAtt': [fn, 'Arn'] }, PayloadFormatVersion: '2.0' },
      };
    }
    resources[`Route${i}`] = {
      Type: 'AWS::ApiGatewayV2::Route',
      Properties: { ApiId: { Ref: 'Api' }, RouteKey: `GET /r${i}/{id}`, Target: { 'Fn::Join': ['', ['integrations/', { Ref: `${fn}Integration` }]] } },
    };
  }
  writeFileSync(join(dir, 'Bench.template.json'), JSON.stringify({ Resources: resources }));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({ version: '55.0.0', artifacts: { Bench: { type: 'aws:cloudformation:stack', environment: 'aws://unknown-account/unknown-region', properties: { templateFile: 'Bench.template.json' } } } }),
  );
  return dir;
}

async function timed(dir: string): Promise<number> {
  const start = performance.now();
  const model = await readGatewayModel({ assembly: dir });
  const ms = performance.now() - start;
  if (model.diagnostics.length > 0) throw new Error(`unexpected diagnostics: ${JSON.stringify(model.diagnostics)}`);
  return ms;
}

async function main(): Promise<void> {
  const rows: string[][] = [];
  for (const size of SIZES) {
    const dir = assembly(size);
    const cold = await timed(dir);
    const warm: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++) warm.push(await timed(dir));
    warm.sort((a, b) => a - b);
    rows.push([String(size), String(Math.ceil(size / 4)), cold.toFixed(1), warm[Math.floor(WARM_RUNS / 2)].toFixed(1)]);
    rmSync(dir, { recursive: true, force: true });
  }

  console.log('| routes | functions | first read (ms) | median warm read (ms) |');
  console.log('|---:|---:|---:|---:|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
