import { Stack } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { IApi } from '../common/api';
import { IAuthorizer } from '../common/authorizer';
import { bindingScope } from './binding-scope';
import { throwInvalid } from './invalid';
import { isConcrete } from './tokens';
import { claimUniqueKey } from './unique-keys';

/** What {@link AuthorizerPerApi.bind} needs from a route's bind call. */
export interface AuthorizerPerApiBinding<R extends IAuthorizer> {
  /** The API of the route being authorized: the authorizer resource belongs to it. */
  readonly api: IApi;
  /** The scope the route offered; the resource goes under the API itself when the API is in that scope's stack. */
  readonly scope: Construct;
  /** The authorizer's name, unique within the API. */
  readonly authorizerName: string;
  /**
   * Constructs the authorizer resource refers to (a Lambda authorizer's function, a user pool). When one of them is
   * in the binding route's stack and that is not the API's, the resource goes to the route's stack: placed beside
   * the API, it would make the API's stack depend on the route's, which depends on the API's.
   * @default - none: the resource goes beside the API, where @aws-cdk 1.123 put it
   */
  readonly pinnedTo?: IConstruct[];
  /** Creates the `AWS::ApiGatewayV2::Authorizer` the first time the authorizer is bound to `api`. */
  readonly create: (scope: Construct, id: string) => R;
}

/**
 * The authorizer resources of one route authorizer object (an `HttpJwtAuthorizer`, a `WebSocketLambdaAuthorizer`…),
 * one per API: every route of an API that uses the object, directly or as the API's default authorizer, shares
 * one resource, and the same object used on two APIs gets one resource on each.
 *
 * It also enforces what API Gateway enforces at deploy time: authorizer names are unique within an API
 * ("Authorizer name must be unique"), so a second authorizer object with the same name on one API is rejected here.
 */
export class AuthorizerPerApi<R extends IAuthorizer> {
  private readonly resources = new WeakMap<IApi, R>();
  /** The resources in the order they were made, for `authorizerId`. */
  private readonly made: R[] = [];

  /**
   * @param subject the class the user configured, for error messages
   * @param defaultId the construct id when the authorizer's name is a token (1.123: `JwtAuthorizer`, `UserPoolAuthorizer`)
   */
  constructor(private readonly subject: string, private readonly defaultId: string = subject) {}

  /**
   * The id of the authorizer resource, once a route has bound the authorizer (aws-cdk-lib throws before, with the
   * message that comes first here). This library makes one resource per API, so an authorizer used on several APIs
   * has several ids: reading it then is refused too.
   */
  public authorizerId(): string {
    if (this.made.length === 0) {
      throwInvalid(undefined, {
        legacyMessage: 'Cannot access authorizerId until authorizer is attached to a HttpRoute',
        subject: this.subject, prop: 'authorizerId', rule: 'is known once a route uses the authorizer', got: 'no route yet',
      });
    }
    if (this.made.length > 1) {
      throwInvalid(undefined, {
        subject: this.subject, prop: 'authorizerId', rule: 'names one authorizer resource, but this authorizer has one per API it is used on',
        got: `${this.made.length} APIs (${this.made.map((made) => made.node.path).join(', ')})`,
      });
    }
    return this.made[0].authorizerId;
  }

  /** The resource of this authorizer on `binding.api`, created on first use. */
  public bind(binding: AuthorizerPerApiBinding<R>): R {
    const routeStack = Stack.of(binding.scope);
    const apiStack = Construct.isConstruct(binding.api) ? Stack.of(binding.api) : undefined;
    const existing = this.resources.get(binding.api);
    if (existing !== undefined) {
      const resourceStack = Stack.of(existing);
      if (resourceStack !== routeStack && resourceStack !== apiStack && routeStack === apiStack) {
        // The resource refers to the API (its stack depends on the API's); a route of the API's stack referring
        // back to it would close a cycle. API Gateway allows one authorizer of a name per API, so no second one.
        throwInvalid(binding.scope, {
          subject: this.subject, prop: 'authorizer', rule: `cannot serve routes of the API's own stack once its resource is in another stack (it refers to ${describePinned(binding.pinnedTo)} there): that would make the stacks depend on each other`,
          got: `a route in '${routeStack.node.path}' after one in '${resourceStack.node.path}'`,
        });
      }
      return existing;
    }
    const pinnedToRouteStack = (binding.pinnedTo ?? []).some((construct) => Stack.of(construct) === routeStack);
    const parent = apiStack !== undefined && apiStack !== routeStack && !pinnedToRouteStack
      ? binding.api as unknown as Construct
      : bindingScope(binding.api, binding.scope);
    const name = binding.authorizerName;
    // The name is unique within the API (checked below), so it makes a stable construct id; a token name cannot
    // be part of an id, and two token-named authorizers of one API cannot be told apart at synth.
    // @aws-cdk 1.123's construct id: the name itself (or the class's default name when the name is a token).
    const id = isConcrete(name) ? name : this.defaultId;
    if (isConcrete(name)) {
      const holder = claimUniqueKey({ owner: binding.api, key: `authorizer-name:${name}`, claimant: `${parent.node.path}/${id}` });
      if (holder !== undefined) {
        // Starts with the error @aws-cdk 1.123 gave here (its construct ids clashed).
        throwInvalid(binding.scope, {
          legacyMessage: `There is already a Construct with name '${id}' in ${parent.constructor.name} [${parent.node.id}]`,
          subject: this.subject, prop: 'authorizerName', rule: 'must be unique within an API',
          got: `'${name}', which ${describeApi(binding.api)} already uses for ${holder}`,
        });
      }
    }
    if (parent.node.tryFindChild(id) !== undefined) {
      const got = isConcrete(name) ? `'${name}'` : 'a token';
      throwInvalid(binding.scope, {
        subject: this.subject, prop: 'authorizerName', rule: `must leave the construct id '${id}' free under '${parent.node.path}'`,
        got: `${got}, and that id is already taken`,
      });
    }
    const resource = binding.create(parent, id);
    this.resources.set(binding.api, resource);
    this.made.push(resource);
    return resource;
  }
}

function describeApi(api: IConstruct): string {
  return `the API at '${api.node.path}'`;
}

function describePinned(pinned: IConstruct[] | undefined): string {
  return (pinned ?? []).map((construct) => `'${construct.node.path}'`).join(', ') || 'resources';
}
