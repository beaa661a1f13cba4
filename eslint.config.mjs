import eslint from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

// apigatewayv2-local layering: only server/ (sockets) and lambda/ (function processes and their runtime API)
// touch the network and child processes; the other folders are pure, so their logic runs in tests without
// sockets. source/ may spawn (it synthesizes CDK app commands) but not listen. Tests beside the code may use
// real sockets (e2e), so *.test.ts files are left out.
const LOCAL_SRC = 'packages/apigatewayv2-local/src';
const SOCKET_MODULES = ['http', 'https', 'net', 'tls', 'http2', 'dgram'].flatMap((name) => [name, `node:${name}`]);
const PROCESS_MODULES = ['child_process', 'node:child_process'];
const layer = (folders, banned, why) => ({
  files: folders.map((folder) => `${LOCAL_SRC}/${folder}/**/*.ts`),
  ignores: ['**/*.test.ts'],
  rules: {
    'no-restricted-imports': ['error', { paths: banned.map((name) => ({ name, message: why })) }],
  },
});

export default defineConfig(
  {
    ignores: [
      '**/node_modules/**', '**/dist/**', '**/cdk.out/**', 'packages/cdk-apigatewayv2/lib/**',
      '**/*.js', '**/*.cjs', '**/*.mjs', '**/*.mts', '**/fixtures/**',
    ],
  },
  eslint.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  layer(
    ['model', 'template', 'gateway', 'http', 'websocket', 'authorizers', 'app', 'report'],
    [...SOCKET_MODULES, ...PROCESS_MODULES, 'ws'],
    'a pure folder: sockets belong in server/, processes in lambda/ or source/',
  ),
  layer(['source'], [...SOCKET_MODULES, 'ws'], 'source/ reads and synthesizes models; sockets belong in server/'),
);
