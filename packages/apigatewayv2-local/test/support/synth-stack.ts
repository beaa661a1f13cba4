import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';

/** A synthesized cloud assembly in a temp dir, removed by `dispose()`. */
export interface SynthesizedApp {
  readonly directory: string;
  readonly dispose: () => void;
}

/**
 * Synthesizes one stack, built by `build`, into a fresh temp dir, as a user's test would
 * (`app.synth()`, no CDK CLI).
 */
export function synthStack(stackName: string, build: (stack: Stack) => void): SynthesizedApp {
  const directory = mkdtempSync(join(tmpdir(), 'apigw-local-e2e-'));
  const app = new App({ outdir: directory });
  build(new Stack(app, stackName));
  app.synth();
  return { directory, dispose: () => rmSync(directory, { recursive: true, force: true }) };
}

/** Writes handler source files into a fresh temp dir, for `lambda.Code.fromAsset`. */
export function handlerDirectory(files: Readonly<Record<string, string>>): SynthesizedApp {
  const directory = mkdtempSync(join(tmpdir(), 'apigw-local-e2e-code-'));
  for (const [name, source] of Object.entries(files)) {
    mkdirSync(dirname(join(directory, name)), { recursive: true });
    writeFileSync(join(directory, name), source);
  }
  return { directory, dispose: () => rmSync(directory, { recursive: true, force: true }) };
}

/** What a WebSocket e2e file sets up: its clients, its gateway, its assembly and code, its state directory. */
export interface WebSocketE2eFixture {
  readonly clients: readonly { readonly ws: { terminate(): void } }[];
  readonly gateway: { close(): Promise<void> } | undefined;
  readonly app: SynthesizedApp | undefined;
  readonly code: SynthesizedApp | undefined;
  readonly state: string | undefined;
}

/** Ends every client, closes the gateway and removes what the file wrote; each part may be missing after a failed setup. */
export async function tearDownWebSocketE2e(fixture: WebSocketE2eFixture): Promise<void> {
  for (const client of fixture.clients) client.ws.terminate();
  await fixture.gateway?.close();
  fixture.app?.dispose();
  fixture.code?.dispose();
  if (fixture.state !== undefined) rmSync(fixture.state, { recursive: true, force: true });
}
