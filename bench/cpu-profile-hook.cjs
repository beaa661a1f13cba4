// Preloaded into a Lambda environment with NODE_OPTIONS="--require <this file>" (Node.js refuses --cpu-prof in
// NODE_OPTIONS): profiles the process for CPU_PROFILE_SECONDS (the gateway ends its environments with
// SIGKILL, so there is no exit to wait for), then writes a .cpuprofile into CPU_PROFILE_DIR.
// See bench/README.md for the commands.
const { Session } = require('node:inspector');
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

const session = new Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.start');
setTimeout(() => {
  session.post('Profiler.stop', (error, result) => {
    if (error === null) writeFileSync(join(process.env.CPU_PROFILE_DIR ?? '.', `environment-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
  });
}, Number(process.env.CPU_PROFILE_SECONDS ?? 8) * 1000).unref();
