import { App } from 'aws-cdk-lib';
import { PrivateApiStack } from '../lib/private-api-stack.js';

const app = new App();
// Environment-agnostic: synthesizes without AWS credentials or VPC lookups.
new PrivateApiStack(app, 'PrivateApi');
