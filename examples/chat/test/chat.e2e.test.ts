// The chat exactly as `npm start` serves it: the stack synthesized in-process, its WebSocket API served by
// `startGateway`, its real handler (lambda/chat.js) broadcasting through the local @connections API with the
// AWS SDK, and two real `ws` clients.
import { App } from 'aws-cdk-lib';
import { startGateway, type Gateway } from 'apigatewayv2-local';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { WebSocket, type RawData } from 'ws';
import { rawDataText } from '../../support/raw-data-text.js';
import { CHAT_STAGE_NAME, ChatStack } from '../lib/chat-stack.js';

/** What the handler sends to clients. */
interface ChatMessage {
  readonly type: 'joined' | 'left' | 'message' | 'error';
  readonly name?: string;
  readonly from?: string;
  readonly message?: string;
}

/** A chat client: a `ws` socket and the messages it received, read in order with `next()`. */
class ChatClient {
  static async connect(url: string, name: string): Promise<ChatClient> {
    const socket = new WebSocket(`${url}?name=${encodeURIComponent(name)}`);
    const client = new ChatClient(socket);
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    return client;
  }

  private readonly received: ChatMessage[] = [];
  private wake: (() => void) | undefined;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: RawData) => {
      this.received.push(JSON.parse(rawDataText(data)) as ChatMessage);
      this.wake?.();
    });
  }

  send(data: string): void {
    this.socket.send(data);
  }

  /** The next message received, waiting up to `timeoutMs`. */
  async next(timeoutMs = 5000): Promise<ChatMessage> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length === 0) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no message within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return this.received.shift() as ChatMessage;
  }

  /** Messages received and not read yet. */
  get pending(): number {
    return this.received.length;
  }

  close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}

// Synthesized into a temporary directory (the App's default), as `npm start` does: the handler's asset
// reaches no node_modules, and gets the AWS SDK from the local Lambda runtime, as on Lambda.
const clients: ChatClient[] = [];
let gateway: Gateway;
let url = '';

beforeAll(async () => {
  const stack = new ChatStack(new App(), 'Chat');
  gateway = await startGateway({ stack, port: 0, quiet: true, log: () => {} });
  url = gateway.apis[0]?.stages.find((stage) => stage.name === CHAT_STAGE_NAME)?.url ?? '';
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await gateway?.close();
});

async function joinChat(name: string): Promise<ChatClient> {
  const client = await ChatClient.connect(url, name);
  clients.push(client);
  return client;
}

test('a message one client sends reaches both clients through PostToConnection; joins and leaves are announced', async () => {
  const ada = await joinChat('ada');
  const bob = await joinChat('bob');
  expect(await ada.next()).toEqual({ type: 'joined', name: 'bob' });

  bob.send(JSON.stringify({ action: 'sendmessage', message: 'hi ada' }));
  expect(await ada.next()).toEqual({ type: 'message', from: 'bob', message: 'hi ada' });
  expect(await bob.next()).toEqual({ type: 'message', from: 'bob', message: 'hi ada' });

  await bob.close();
  expect(await ada.next()).toEqual({ type: 'left', name: 'bob' });
  // ada stays connected (closed after all tests), so no 'left' of hers can reach the next test's clients.
});

test('a message for no route goes to $default, which answers the sender only', async () => {
  const cy = await joinChat('cy');
  const dee = await joinChat('dee');
  expect(await cy.next()).toEqual({ type: 'joined', name: 'dee' });

  dee.send('hello?');
  expect(await dee.next()).toMatchObject({ type: 'error', message: expect.stringContaining('sendmessage') as unknown });
  // The next broadcast is the first thing cy hears: $default's answer went to dee alone.
  dee.send(JSON.stringify({ action: 'sendmessage', message: 'now?' }));
  expect(await cy.next()).toEqual({ type: 'message', from: 'dee', message: 'now?' });
});
