import { App } from 'aws-cdk-lib';
import { PythonApiStack } from '../lib/python-api-stack.js';

const app = new App();
// Environment-agnostic: synthesizes without AWS credentials.
new PythonApiStack(app, 'PythonApi');
