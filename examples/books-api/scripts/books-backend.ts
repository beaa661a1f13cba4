import { createServer, type Server } from 'node:http';

/** The catalogue the local books backend answers `GET /books` with. */
export const BOOKS = [
  { id: 'b1', title: 'The Pragmatic Programmer', author: 'Andrew Hunt, David Thomas' },
  { id: 'b2', title: 'Designing Data-Intensive Applications', author: 'Martin Kleppmann' },
];

/**
 * A stand-in for `get-books-proxy.myproxy.internal`, the endpoint the deployed API proxies `GET /books`
 * to: answers every GET with the catalogue, so `npm start` shows the HTTP proxy integration working.
 */
export function startBooksBackend(port: number, host = '127.0.0.1'): Promise<Server> {
  const server = createServer((request, response) => {
    const body = JSON.stringify(request.method === 'GET' ? { books: BOOKS, servedBy: 'local books backend' } : { message: 'only GET' });
    response.writeHead(request.method === 'GET' ? 200 : 405, { 'content-type': 'application/json' });
    response.end(body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
