import { App } from 'aws-cdk-lib';
import { BooksApiStack } from '../lib/books-api-stack.js';

const app = new App();
// Environment-agnostic: synthesizes without AWS credentials. `-c booksBackendUrl=...` points GET /books
// somewhere else (npm start uses a local books backend).
const booksBackendUrl = app.node.tryGetContext('booksBackendUrl') as string | undefined;
new BooksApiStack(app, 'BooksApi', { ...(booksBackendUrl !== undefined && { booksBackendUrl }) });
