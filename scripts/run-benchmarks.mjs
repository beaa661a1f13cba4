#!/usr/bin/env node
// Runs every workspace's `bench` script in turn; each prints its own tables.
import { spawnSync } from 'node:child_process';

const run = spawnSync('npm', ['run', 'bench', '--workspaces', '--if-present'], { stdio: 'inherit' });
process.exit(run.status ?? 1);
