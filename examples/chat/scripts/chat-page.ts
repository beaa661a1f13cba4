import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';

/** The chat's browser page (`web/index.html`); it connects to the stage URL given as `?ws=…`. */
export const CHAT_PAGE = readFileSync(join(__dirname, '..', 'web', 'index.html'));

/**
 * Serves the chat page at `/` on 127.0.0.1, so two browser tabs can chat through the local WebSocket API.
 * Every other path answers 404.
 */
export function startChatPage(port: number, host = '127.0.0.1'): Promise<Server> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path !== '/' && path !== '/index.html') {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(request.method === 'HEAD' ? undefined : CHAT_PAGE);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
