// The chat's one Lambda handler, for every route of the WebSocket API:
//   $connect     remembers the connection (and the `name` query parameter) and tells the others
//   $disconnect  forgets it and tells the others
//   sendmessage  {"action":"sendmessage","message":"hi"} → {"type":"message","from":…,"message":"hi"} to everyone
//   $default     anything else → a hint back to the sender only
// Messages reach the clients through the @connections management API (PostToConnection), at the endpoint
// AWS's docs build from the event: https://{domainName}/{stage}
// (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-how-to-call-websocket-api-connections.html).
//
// Local-only simplification: the open connections live in this module's memory, which every invocation of a
// warm execution environment shares. A deployed chat keeps them in DynamoDB, because Lambda runs several
// environments side by side and recycles them.
const {
  ApiGatewayManagementApiClient,
  GoneException,
  PostToConnectionCommand,
} = require('@aws-sdk/client-apigatewaymanagementapi');

/** connectionId → { name } */
const connections = new Map();
let guests = 0;

function managementClient(requestContext) {
  return new ApiGatewayManagementApiClient({ endpoint: `https://${requestContext.domainName}/${requestContext.stage}` });
}

async function post(client, connectionId, message) {
  try {
    await client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: JSON.stringify(message) }));
  } catch (error) {
    // The client went away without a $disconnect reaching us yet: forget it.
    if (error instanceof GoneException) connections.delete(connectionId);
    else throw error;
  }
}

async function broadcast(requestContext, message, except) {
  const client = managementClient(requestContext);
  const targets = [...connections.keys()].filter((id) => id !== except);
  await Promise.all(targets.map((id) => post(client, id, message)));
}

function parseMessage(body) {
  try {
    const parsed = JSON.parse(body ?? '');
    return typeof parsed?.message === 'string' && parsed.message.trim() !== '' ? parsed.message : undefined;
  } catch {
    return undefined;
  }
}

exports.handler = async (event) => {
  const { routeKey, connectionId } = event.requestContext;
  switch (routeKey) {
    case '$connect': {
      const name = event.queryStringParameters?.name?.trim().slice(0, 40) || `guest-${++guests}`;
      connections.set(connectionId, { name });
      await broadcast(event.requestContext, { type: 'joined', name }, connectionId);
      return { statusCode: 200 };
    }
    case '$disconnect': {
      const name = connections.get(connectionId)?.name;
      connections.delete(connectionId);
      if (name !== undefined) await broadcast(event.requestContext, { type: 'left', name });
      return { statusCode: 200 };
    }
    case 'sendmessage': {
      const message = parseMessage(event.body);
      const from = connections.get(connectionId)?.name ?? 'unknown';
      if (message === undefined) {
        await post(managementClient(event.requestContext), connectionId, { type: 'error', message: 'send {"action":"sendmessage","message":"<text>"}' });
        return { statusCode: 400 };
      }
      await broadcast(event.requestContext, { type: 'message', from, message: message.slice(0, 1000) });
      return { statusCode: 200 };
    }
    default: {
      await post(managementClient(event.requestContext), connectionId, {
        type: 'error',
        message: 'unknown action; send {"action":"sendmessage","message":"<text>"}',
      });
      return { statusCode: 200 };
    }
  }
};
