// Printed by the root `npm start` before it starts the books example: every example app and how to run it,
// read from the examples' own package.json files.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const examplesDir = join(__dirname, '..');
const examples = readdirSync(examplesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(examplesDir, entry.name, 'cdk.json')))
  .map((entry) => {
    const pkg = JSON.parse(readFileSync(join(examplesDir, entry.name, 'package.json'), 'utf8')) as { name: string; description: string };
    return { dir: `examples/${entry.name}`, command: `npm start -w ${pkg.name}`, description: pkg.description };
  });

console.log('Example apps (each README shows its curl / browser / wscat commands):');
for (const example of examples) console.log(`  ${example.command}  (${example.dir})\n      ${example.description}`);
console.log('Each serves on http://127.0.0.1:3000 unless given another port, e.g. `npm start -w example-chat -- --port 4000`.\n');
