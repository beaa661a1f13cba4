import http from 'node:http';
import https from 'node:https';
import type { HeaderPair, UpstreamRequest, UpstreamResponse } from '../http/types.js';

/**
 * The HTTP client behind HTTP proxy and private integrations: sends one request over HTTP/1.1 (as API
 * Gateway does, https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-http.html), buffers the whole response and reports failures as values, never as
 * rejections. The pure core decides timeouts (it aborts `request.signal`) and status codes.
 *
 * TLS certificates are verified as usual.
 */
export function forwardUpstream(request: UpstreamRequest): Promise<UpstreamResponse> {
  return new Promise((resolve) => {
    const url = new URL(request.url);
    const client = url.protocol === 'https:' ? https : http;
    // With headers given as a list node adds no Host of its own: the backend's host is set here (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-http.html).
    const flatHeaders: string[] = ['host', url.host];
    for (const [name, value] of request.headers) flatHeaders.push(name, value);
    // A body-less request still says so explicitly: an upstream must not wait for a body that never comes.
    flatHeaders.push('content-length', String(request.body.length));
    let settled = false;
    const settle = (response: UpstreamResponse): void => {
      if (!settled) {
        settled = true;
        resolve(response);
      }
    };
    const outgoing = client.request(
      url,
      { method: request.method, headers: flatHeaders, signal: request.signal, agent: false },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', (error) => settle({ kind: 'failed', message: error.message }));
        incoming.on('end', () => {
          settle({
            kind: 'response',
            statusCode: incoming.statusCode ?? 502,
            headers: pairHeaders(incoming.rawHeaders),
            body: Buffer.concat(chunks),
          });
        });
      },
    );
    outgoing.on('error', (error) => settle({ kind: 'failed', message: error.message }));
    outgoing.end(request.body);
  });
}

/** node's flat `rawHeaders` list → pairs in arrival order, duplicates kept. */
function pairHeaders(raw: readonly string[]): HeaderPair[] {
  const pairs: HeaderPair[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i], raw[i + 1]]);
  return pairs;
}
