// `npm start` (after the build): serves the chat page, synthesizes the app and serves its WebSocket API with
// `apigw-local` until Ctrl-C. Open the printed page in two browser tabs and chat.
import { join } from 'node:path';
import { gatewayPort, serveExample } from '../../support/serve-example.js';
import { CHAT_STAGE_NAME } from '../lib/chat-stack.js';
import { startChatPage } from './chat-page.js';

const PAGE_PORT = Number(process.env.CHAT_PAGE_PORT ?? 8080);
/** Where `apigw-local` serves the WebSocket API: its default port, unless `-- --port <n>` is given. */
const GATEWAY_PORT = gatewayPort();

async function main(): Promise<void> {
  const page = await startChatPage(PAGE_PORT);
  const stageUrl = `ws://127.0.0.1:${GATEWAY_PORT}/${CHAT_STAGE_NAME}`;
  console.log(`chat page: http://127.0.0.1:${PAGE_PORT}/?ws=${stageUrl} (open it in two tabs)`);
  serveExample({
    exampleDir: join(__dirname, '..'),
    onExit: () => page.close(),
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
