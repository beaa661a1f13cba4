import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { GatewayError } from '../errors.js';
import { AssetLocator } from './asset-locator.js';
import { readTemplateFile } from './parse-template.js';
import type { StackSource } from './stack-scope.js';

/** The parts of a cloud assembly `manifest.json` the reader uses. */
interface AssemblyManifest {
  readonly artifacts?: Readonly<Record<string, ManifestArtifact>>;
}

interface ManifestArtifact {
  readonly type: string;
  readonly environment?: string;
  readonly properties?: {
    readonly templateFile?: string;
    readonly stackName?: string;
    readonly parameters?: Readonly<Record<string, string>>;
    /** `cdk:asset-manifest` */
    readonly file?: string;
    /** `cdk:cloud-assembly` (a CDK `Stage`): a nested assembly in a sub-directory. */
    readonly directoryName?: string;
  };
}

interface AssetManifestFile {
  readonly files?: Readonly<
    Record<string, { readonly source?: { readonly path?: string }; readonly destinations?: Readonly<Record<string, { readonly objectKey?: string }>> }>
  >;
}

/** What a cloud assembly holds: its stacks and, when every stack agrees, the environment they target. */
export interface LoadedAssembly {
  readonly stacks: readonly StackSource[];
  /** `aws://{account}/{region}` of the first stack with a concrete environment. */
  readonly accountId?: string;
  readonly region?: string;
}

/**
 * Reads every `aws:cloudformation:stack` artifact of a cloud assembly directory, including the assemblies of
 * CDK `Stage`s. Parameter `overrides` apply to every stack that declares the parameter.
 */
export function loadAssembly(directory: string, overrides: Readonly<Record<string, string>> = {}): LoadedAssembly {
  const stacks: StackSource[] = [];
  const env: { accountId?: string; region?: string } = {};
  loadInto(resolve(directory), overrides, stacks, env);
  return { stacks, ...env };
}

function loadInto(directory: string, overrides: Readonly<Record<string, string>>, stacks: StackSource[], env: { accountId?: string; region?: string }): void {
  const manifestPath = join(directory, 'manifest.json');
  if (!existsSync(manifestPath)) {
    throw new GatewayError('ASSEMBLY_INVALID', `${directory} is not a cloud assembly: manifest.json not found`);
  }
  let manifest: AssemblyManifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as AssemblyManifest;
  } catch (error) {
    throw new GatewayError('ASSEMBLY_INVALID', `cannot read ${manifestPath}: ${(error as Error).message}`);
  }
  const artifacts = Object.entries(manifest.artifacts ?? {});
  const assets = new AssetLocator(directory, readAssetManifests(directory, artifacts.map(([, a]) => a)));
  for (const [artifactId, artifact] of artifacts) {
    if (artifact.type === 'cdk:cloud-assembly' && artifact.properties?.directoryName) {
      loadInto(join(directory, artifact.properties.directoryName), overrides, stacks, env);
      continue;
    }
    if (artifact.type !== 'aws:cloudformation:stack') continue;
    const templateFile = artifact.properties?.templateFile;
    if (!templateFile) throw new GatewayError('ASSEMBLY_INVALID', `stack artifact ${artifactId} in ${manifestPath} has no templateFile`);
    const match = /^aws:\/\/([^/]+)\/(.+)$/.exec(artifact.environment ?? '');
    if (match && env.accountId === undefined && !match[1].startsWith('unknown-')) env.accountId = match[1];
    if (match && env.region === undefined && !match[2].startsWith('unknown-')) env.region = match[2];
    stacks.push({
      stackName: artifact.properties?.stackName ?? artifactId,
      template: readTemplateFile(join(directory, templateFile)),
      assets,
      parameters: { ...artifact.properties?.parameters, ...overrides },
    });
  }
}

/** S3 object key → absolute source path, from every `cdk:asset-manifest` artifact. */
function readAssetManifests(directory: string, artifacts: readonly ManifestArtifact[]): Map<string, string> {
  const keys = new Map<string, string>();
  for (const artifact of artifacts) {
    if (artifact.type !== 'cdk:asset-manifest' || !artifact.properties?.file) continue;
    const file = join(directory, artifact.properties.file);
    let manifest: AssetManifestFile;
    try {
      manifest = JSON.parse(readFileSync(file, 'utf8')) as AssetManifestFile;
    } catch (error) {
      throw new GatewayError('ASSEMBLY_INVALID', `cannot read asset manifest ${file}: ${(error as Error).message}`);
    }
    for (const asset of Object.values(manifest.files ?? {})) {
      if (!asset.source?.path) continue;
      const path = join(dirname(file), asset.source.path);
      for (const destination of Object.values(asset.destinations ?? {})) {
        if (destination.objectKey) keys.set(destination.objectKey, path);
      }
    }
  }
  return keys;
}

/** A single template file as a one-stack source; its assets are looked up next to it. */
export function loadTemplateFile(path: string, overrides: Readonly<Record<string, string>> = {}): StackSource {
  const absolute = resolve(path);
  const base = absolute.replace(/^.*[\\/]/, '');
  // `MyStack.template.json` → `MyStack`, as the CDK names its template files.
  const stackName = base.replace(/\.template\.(json|ya?ml)$/i, '').replace(/\.(json|ya?ml|template)$/i, '') || 'Stack';
  return { stackName, template: readTemplateFile(absolute), assets: new AssetLocator(dirname(absolute)), parameters: { ...overrides } };
}
