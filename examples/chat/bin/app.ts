import { App } from 'aws-cdk-lib';
import { ChatStack } from '../lib/chat-stack.js';

const app = new App();
// Environment-agnostic: synthesizes without AWS credentials.
new ChatStack(app, 'Chat');
