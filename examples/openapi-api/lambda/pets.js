// One handler for every operation of openapi/pets.json (payload 2.0): an in-memory pet store.
const pets = new Map([['1', { id: '1', name: 'Rex' }]]);

const json = (statusCode, body) => ({ statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

exports.handler = async (event) => {
  switch (event.routeKey) {
    case 'GET /pets':
      return json(200, [...pets.values()]);
    case 'GET /pets/{petId}': {
      const pet = pets.get(event.pathParameters.petId);
      return pet ? json(200, pet) : json(404, { message: 'no such pet' });
    }
    case 'POST /pets': {
      const { name } = JSON.parse(event.body || '{}');
      const pet = { id: String(pets.size + 1), name };
      pets.set(pet.id, pet);
      return json(201, pet);
    }
    default:
      return json(404, { message: `no handler for ${event.routeKey}` });
  }
};
