// The two implementations a corpus app is synthesized with. Apps are written once, against the 1.123 API (the
// `Kit` type is made of the 1.123 modules' types); `ours` supplies the same names from aws-cdk-lib and
// cdk-apigatewayv2, as a user who changed only the import lines would get them.
import * as v1Acm from '@aws-cdk/aws-certificatemanager';
import * as v1Apigw from '@aws-cdk/aws-apigatewayv2';
import * as v1Authorizers from '@aws-cdk/aws-apigatewayv2-authorizers';
import * as v1Integrations from '@aws-cdk/aws-apigatewayv2-integrations';
import * as v1Cognito from '@aws-cdk/aws-cognito';
import * as v1Ec2 from '@aws-cdk/aws-ec2';
import * as v1Elbv2 from '@aws-cdk/aws-elasticloadbalancingv2';
import * as v1Lambda from '@aws-cdk/aws-lambda';
import * as v1ServiceDiscovery from '@aws-cdk/aws-servicediscovery';
import * as v1Cdk from '@aws-cdk/core';
import * as cdk from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
import * as apigw from 'cdk-apigatewayv2';
import * as authorizers from 'cdk-apigatewayv2/authorizers';
import * as integrations from 'cdk-apigatewayv2/integrations';

/**
 * The 1.122 authorizers as a 1.123 app sees them. Their declarations name their own (1.122) copies of
 * `@aws-cdk/core`, `-lambda` and `-cognito`, which tsc cannot match with 1.123's; at run time they are the same
 * shapes, so the corpus types them against 1.123.
 */
export interface Authorizers123 {
  readonly HttpJwtAuthorizer: new (props: v1Authorizers.HttpJwtAuthorizerProps) => v1Apigw.IHttpRouteAuthorizer;
  readonly HttpUserPoolAuthorizer: new (props: Omit<v1Authorizers.UserPoolAuthorizerProps, 'userPool' | 'userPoolClient'> & {
    readonly userPool: v1Cognito.IUserPool;
    readonly userPoolClient: v1Cognito.IUserPoolClient;
  }) => v1Apigw.IHttpRouteAuthorizer;
  readonly HttpLambdaAuthorizer: new (props: Omit<v1Authorizers.HttpLambdaAuthorizerProps, 'handler' | 'resultsCacheTtl'> & {
    readonly handler: v1Lambda.IFunction;
    readonly resultsCacheTtl?: v1Cdk.Duration;
  }) => v1Apigw.IHttpRouteAuthorizer;
  readonly HttpLambdaResponseType: typeof v1Authorizers.HttpLambdaResponseType;
}

/** Every module a corpus app may use, typed as @aws-cdk 1.123 declares it. */
export interface Kit {
  /** `@aws-cdk/core` (ours: `aws-cdk-lib`). */
  readonly cdk: typeof v1Cdk;
  /** `@aws-cdk/aws-apigatewayv2` (ours: `cdk-apigatewayv2`). */
  readonly apigw: typeof v1Apigw;
  /** `@aws-cdk/aws-apigatewayv2-integrations` (ours: `cdk-apigatewayv2/integrations`). */
  readonly integrations: typeof v1Integrations;
  /** `@aws-cdk/aws-apigatewayv2-authorizers` 1.122 (ours: `cdk-apigatewayv2/authorizers`). */
  readonly authorizers: Authorizers123;
  readonly lambda: typeof v1Lambda;
  readonly ec2: typeof v1Ec2;
  readonly elbv2: typeof v1Elbv2;
  readonly servicediscovery: typeof v1ServiceDiscovery;
  readonly cognito: typeof v1Cognito;
  readonly acm: typeof v1Acm;
}

/** The real @aws-cdk 1.123 modules (authorizers: 1.122, the last published before 1.124). */
export const v1: Kit = {
  cdk: v1Cdk,
  apigw: v1Apigw,
  integrations: v1Integrations,
  authorizers: v1Authorizers as unknown as Authorizers123,
  lambda: v1Lambda,
  ec2: v1Ec2,
  elbv2: v1Elbv2,
  servicediscovery: v1ServiceDiscovery,
  cognito: v1Cognito,
  acm: v1Acm,
};

/**
 * The same names from this project. The cast is the one place the two type worlds meet (constructs 3 and 10
 * cannot be compared by tsc); the suite checks the names exist at run time (kit.test.ts).
 */
export const ours = {
  cdk,
  apigw,
  integrations,
  authorizers,
  lambda,
  ec2,
  elbv2,
  servicediscovery,
  cognito,
  acm,
} as unknown as Kit;
