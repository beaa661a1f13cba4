// The books API's Lambda handler (payload format 2.0): every method on /books except GET, which the
// HTTP proxy integration sends to the books backend, and DELETE /admin/books, which API Gateway lets
// through only with a librarian's token. Books live in module state, so they survive between invocations
// while the execution environment stays warm, as on Lambda.
const books = new Map();
let nextId = 1;

function reply(statusCode, body) {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

function parseBody(event) {
  if (!event.body) return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// DELETE /admin/books: the JWT authorizer has checked the token and the route's scope before this runs, and
// passes the token's claims (as strings) in requestContext.authorizer.jwt.claims.
function emptyCatalogue(event) {
  const claims = event.requestContext.authorizer.jwt.claims;
  const deleted = books.size;
  books.clear();
  return reply(200, { deleted, by: claims.sub, scope: claims.scope ?? null });
}

exports.handler = async (event) => {
  if (event.routeKey === 'DELETE /admin/books') return emptyCatalogue(event);
  const method = event.requestContext.http.method;
  const id = event.queryStringParameters?.id;
  switch (method) {
    case 'POST': {
      const book = parseBody(event);
      if (!book || typeof book.title !== 'string') return reply(400, { message: 'send a JSON body with a "title"' });
      const created = { id: String(nextId++), title: book.title, author: book.author ?? null };
      books.set(created.id, created);
      return reply(201, created);
    }
    case 'PUT': {
      const book = parseBody(event);
      if (!id || !books.has(id)) return reply(404, { message: `no book with id ${id}` });
      if (!book || typeof book.title !== 'string') return reply(400, { message: 'send a JSON body with a "title"' });
      const updated = { ...books.get(id), ...book, id };
      books.set(id, updated);
      return reply(200, updated);
    }
    case 'DELETE': {
      if (!id || !books.delete(id)) return reply(404, { message: `no book with id ${id}` });
      return { statusCode: 204 };
    }
    default:
      return reply(405, { message: `${method} /books is not handled here`, created: [...books.values()] });
  }
};
