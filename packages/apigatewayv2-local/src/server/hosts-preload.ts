import { writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The variable that names the custom domains a Node.js function resolves to the loopback address. */
export const LOCAL_HOSTS_VARIABLE = 'APIGW_LOCAL_HOSTS';

/**
 * A module Node.js loads before a function's code (`NODE_OPTIONS=--require …`): host names listed in
 * `APIGW_LOCAL_HOSTS` (comma-separated; `*.example.com` for every subdomain) resolve to 127.0.0.1, as a
 * hosts-file line would, so an SDK client built with `https://{customDomain}/{mappingKey}` reaches the
 * gateway's custom domain port. Every other name resolves as before.
 */
const PRELOAD = `'use strict';
const dns = require('node:dns');
const names = (process.env.${LOCAL_HOSTS_VARIABLE} || '').split(',').map((name) => name.trim().toLowerCase()).filter(Boolean);
const isLocal = (host) => {
  const name = String(host).toLowerCase().replace(/\\.$/, '');
  return names.some((entry) => (entry.startsWith('*.') ? name.endsWith(entry.slice(1)) : name === entry));
};
const original = dns.lookup;
dns.lookup = function lookup(hostname, options, callback) {
  const done = typeof options === 'function' ? options : callback;
  const settings = typeof options === 'object' && options !== null ? options : {};
  if (!isLocal(hostname)) return original.apply(this, arguments);
  process.nextTick(() => (settings.all ? done(null, [{ address: '127.0.0.1', family: 4 }]) : done(null, '127.0.0.1', 4)));
  return {};
};
const originalPromise = dns.promises.lookup;
dns.promises.lookup = function lookup(hostname, options) {
  if (!isLocal(hostname)) return originalPromise.apply(this, arguments);
  return Promise.resolve(options && options.all ? [{ address: '127.0.0.1', family: 4 }] : { address: '127.0.0.1', family: 4 });
};
`;

/** Writes the preload module into `directory`; returns its path. */
export async function writeHostsPreload(directory: string): Promise<string> {
  const file = path.join(directory, 'apigw-local-hosts.cjs');
  await writeFile(file, PRELOAD, { mode: 0o644 });
  return file;
}
