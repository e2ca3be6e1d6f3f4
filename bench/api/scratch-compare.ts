import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '@roster/server/app';
import { bootstrapKeys } from '@roster/server/bootstrap';
import { startEmbeddedPostgres } from '@roster/server/database';
import { readEnv } from '@roster/server/env';
import { initOrm, migrate } from '@roster/server/orm';

const dir = mkdtempSync(join(tmpdir(), 'roster-cmp-'));
chmodSync(dir, 0o755);
const db = await startEmbeddedPostgres(dir, 30000 + Math.floor(Math.random() * 9000));
const orm = await initOrm(db.url);
await migrate(orm);
const token = 're_' + 'x'.repeat(40);
await bootstrapKeys(orm.em.fork(), token);
const app = createApp(orm, readEnv({ NODE_ENV: process.env.DEV ? 'development' : 'production' }));
await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/graphql`;
const auth = { authorization: `Bearer ${token}` };
const cases: [string, Record<string, string>, string][] = [
  ['create', auth, JSON.stringify({ query: 'mutation { createContact(input: {email: "a@example.com"}) { __typename ... on Contact { email } } }' })],
  ['ok', auth, JSON.stringify({ query: '{ contacts(first: 5) { edges { node { email createdAt } } } }' })],
  ['vars', auth, JSON.stringify({ query: 'query($id: ID!) { contact(id: $id) { id } }', variables: { id: 'nope' } })],
  ['badvar', auth, JSON.stringify({ query: 'query($id: ID!) { contact(id: $id) { id } }', variables: { id: [1] } })],
  ['missingvar', auth, JSON.stringify({ query: 'query($id: ID!) { contact(id: $id) { id } }' })],
  ['nokey', {}, JSON.stringify({ query: '{ __typename }' })],
  ['badkey', { authorization: 'Bearer re_nope' }, JSON.stringify({ query: '{ __typename }' })],
  ['malformed auth', { authorization: 'Basic x' }, JSON.stringify({ query: '{ __typename }' })],
  ['syntax', auth, JSON.stringify({ query: '{ contacts( }' })],
  ['unknown field', auth, JSON.stringify({ query: '{ contactz { id } }' })],
  ['depth', auth, JSON.stringify({ query: '{ a: contacts { edges { node { segments { edges { node { id } } } history { edges { node { id } } } } } } }' })],
  ['aliases', auth, JSON.stringify({ query: `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: __typename`).join(' ')} }` })],
  ['cost', auth, JSON.stringify({ query: '{ contacts(first: 100) { edges { node { segments(first: 100) { edges { node { id } } } } } } }' })],
  ['first too big', auth, JSON.stringify({ query: '{ contacts(first: 1000) { edges { node { id } } } }' })],
  ['validation union', auth, JSON.stringify({ query: 'mutation { createContact(input: {email: "nope"}) { __typename ... on ValidationError { message issues { path message } } } }' })],
  ['extra key', auth, JSON.stringify({ query: '{ __typename }', foo: 1 })],
  ['batch', auth, JSON.stringify([{ query: '{ __typename }' }])],
  ['invalid json', auth, '{"query": '],
  ['null body', auth, 'null'],
  ['string body', auth, '"x"'],
  ['no query', auth, JSON.stringify({ variables: {} })],
  ['query not string', auth, JSON.stringify({ query: 1 })],
  ['vars not object', auth, JSON.stringify({ query: '{ __typename }', variables: 'x' })],
  ['opname mismatch', auth, JSON.stringify({ query: 'query A { __typename }', operationName: 'B' })],
  ['two ops', auth, JSON.stringify({ query: 'query A { __typename } query B { __typename }' })],
  ['introspection', auth, JSON.stringify({ query: '{ __schema { queryType { name } } }' })],
  ['suggestions', auth, JSON.stringify({ query: '{ contac { id } }' })],
  ['subscription word', auth, JSON.stringify({ query: '{ topics { edges { node { id defaultSubscription } } } }' })],
];
let diffs = 0;
for (const [name, headers, body] of cases) {
  const out: string[] = [];
  for (const accept of [undefined, 'application/json, text/plain;q=0.1']) {
    const r = await fetch(base, { method: 'POST', headers: { 'content-type': 'application/json', ...(accept ? { accept } : {}), ...headers }, body });
    const h = [...r.headers.entries()].filter(([k]) => k !== 'date').map(([k, v]) => `${k}: ${v}`).sort().join('; ');
    out.push(`${r.status} ${h}\n   ${await r.text()}`);
  }
  const same = out[0] === out[1];
  if (!same) diffs++;
  console.log(`${same ? 'SAME' : 'DIFF'} ${name}: ${out[0]}${same ? '' : `\n  yoga: ${out[1]}`}`);
}
console.log('diffs', diffs);
await app.close();
await orm.close(true);
await db.stop();
rmSync(dir, { recursive: true, force: true });
process.exit(0);
