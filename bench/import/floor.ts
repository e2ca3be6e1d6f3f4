import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import pg from 'pg';
import type { CsvFile } from './generate';

/** Same function as the foundation migration's: time-ordered UUIDs (RFC 9562 v7). */
const UUIDV7 = `
  create function uuidv7() returns uuid language sql volatile as $$
    select encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
      placing substring(int8send((extract(epoch from clock_timestamp()) * 1000)::bigint) from 3) from 1 for 6), 52, 1), 53, 1), 'hex')::uuid
  $$`;

/** The `contact` table of the foundation migration, without the foreign key and the secondary indexes unless `full`. */
function contactDdl(full: boolean): string[] {
  return [
    'drop table if exists contact',
    `create table contact (
       id uuid primary key default uuidv7(),
       team_id uuid not null ${full ? 'references team (id) on delete cascade' : ''},
       email text collate "C" not null,
       first_name text collate "C",
       last_name text collate "C",
       unsubscribed boolean not null default false,
       properties jsonb not null default '{}',
       source text not null default 'api',
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now())`,
    'create unique index contact_team_email_idx on contact (team_id, lower(email))',
    ...(full
      ? [
          'create index contact_team_id_idx on contact (team_id, id)',
          'create index contact_team_first_name_idx on contact (team_id, lower(first_name))',
          'create index contact_team_last_name_idx on contact (team_id, lower(last_name))',
        ]
      : []),
  ];
}

const VALID_EMAIL = `'^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$'`;

/**
 * The merge: validate the email, type the cells, build the properties, one upsert. With `dedupe`,
 * per lower(email) the last row of the file wins (what a file with duplicates needs; ON CONFLICT
 * cannot touch a row twice in one statement).
 */
function mergeSql(teamId: string, dedupe: boolean): string {
  const select = `
    select${dedupe ? ' distinct on (lower(s.email))' : ''} '${teamId}'::uuid, s.email, nullif(s.first_name, ''), nullif(s.last_name, ''),
      coalesce(case lower(s.unsubscribed) when 'true' then true when 'false' then false end, false),
      jsonb_strip_nulls(jsonb_build_object('plan', nullif(s.plan, ''), 'score', nullif(s.score, '')::numeric)), 'import'
    from floor_stage s
    where s.email ~ ${VALID_EMAIL}
    ${dedupe ? 'order by lower(s.email), s.rn desc' : ''}`;
  return `
    insert into contact (team_id, email, first_name, last_name, unsubscribed, properties, source)
    ${select}
    on conflict (team_id, lower(email)) do update set
      first_name = coalesce(excluded.first_name, contact.first_name),
      last_name = coalesce(excluded.last_name, contact.last_name),
      unsubscribed = excluded.unsubscribed,
      properties = contact.properties || excluded.properties,
      updated_at = now()`;
}

export interface FloorTiming {
  copy: number;
  merge: number;
  total: number;
  rows: number;
}

/** `psql -c "COPY ... FROM STDIN"` with the file as psql's stdin. */
function psqlCopy(url: string, path: string): Promise<void> {
  const fd = openSync(path, 'r');
  return new Promise<void>((resolve, reject) => {
    const child = spawn(
      'psql',
      [url, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', 'copy floor_stage (email, first_name, last_name, unsubscribed, plan, score) from stdin with (format csv, header true)'],
      { stdio: [fd, 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.once('error', (error) => {
      closeSync(fd);
      reject(new Error(`could not run psql (${error.message}); install postgresql-client`));
    });
    child.once('exit', (code) => {
      closeSync(fd);
      if (code === 0) resolve();
      else reject(new Error(`psql COPY exited ${code}: ${stderr.trim()}`));
    });
  });
}

const seconds = (since: number) => (performance.now() - since) / 1000;

export class Floor {
  private constructor(
    private readonly client: pg.Client,
    private readonly url: string,
    private readonly teamId: string,
  ) {}

  /** Creates the floor's tables in the (empty) database at `url`. */
  static async open(url: string): Promise<Floor> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(UUIDV7);
    await client.query('create table team (id uuid primary key default uuidv7(), name text not null unique)');
    const { rows } = await client.query<{ id: string }>(`insert into team (name) values ('default') returning id`);
    await client.query(`create unlogged table floor_stage (
      rn bigint generated always as identity, email text, first_name text, last_name text, unsubscribed text, plan text, score text)`);
    return new Floor(client, url, rows[0]!.id);
  }

  /** A new, empty contact table: only the unique email index (`full`: all of ours and the team foreign key). */
  async reset(full: boolean): Promise<void> {
    for (const statement of contactDdl(full)) await this.client.query(statement);
    await this.client.query('checkpoint');
  }

  /** COPY the file into the (emptied) unlogged staging table, then one INSERT ... ON CONFLICT. */
  async run(file: CsvFile, dedupe: boolean): Promise<FloorTiming> {
    await this.client.query('truncate floor_stage restart identity');
    await this.client.query('checkpoint');
    const started = performance.now();
    await psqlCopy(this.url, file.path);
    const copy = seconds(started);
    const mergeStarted = performance.now();
    const result = await this.client.query(mergeSql(this.teamId, dedupe));
    const merge = seconds(mergeStarted);
    return { copy, merge, total: seconds(started), rows: result.rowCount ?? 0 };
  }

  async count(): Promise<number> {
    const { rows } = await this.client.query<{ n: string }>('select count(*) as n from contact');
    return Number(rows[0]!.n);
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}
