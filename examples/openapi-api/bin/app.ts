import { App } from 'aws-cdk-lib';
import { OpenApiApiStack } from '../lib/openapi-api-stack.js';

const app = new App();
// Environment-agnostic: synthesizes without AWS credentials.
new OpenApiApiStack(app, 'OpenApiApi');
