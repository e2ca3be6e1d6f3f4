import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql';
import { type Roster, as, gql, ok, startRoster } from './harness';

let roster: Roster;
let key: string;
beforeAll(async () => {
  roster = await startRoster();
  key = await roster.newKey();
});
afterAll(() => roster.close());

const CreateContact = graphql(`
  mutation SmokeCreateContact($input: CreateContactInput!) {
    createContact(input: $input) {
      __typename
      ... on Contact { id email firstName }
      ... on ValidationError { issues { path message } }
    }
  }
`);

const Health = graphql(`query SmokeTeam { team { name } }`);

describe('smoke', () => {
  it('answers /health', async () => {
    const response = await fetch(`${roster.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'up' });
  });

  it('creates a contact over GraphQL', async () => {
    const data = await ok(roster, key, CreateContact, { input: { email: 'ann@example.com', firstName: 'Ann' } });
    expect(as(data.createContact, 'Contact')).toMatchObject({ email: 'ann@example.com', firstName: 'Ann' });
    const team = await gql(roster, key, Health);
    expect(team.data?.team.name).toBe('team-a');
  });
});
