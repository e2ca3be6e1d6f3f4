import { Migration } from '@mikro-orm/migrations';

// Written by hand rather than diffed from the entities: it needs what the entity metadata cannot
// express (a uuidv7 default, COLLATE "C", expression indexes, cascades into join tables).
export class Migration20261126000000_foundation extends Migration {
  override async up(): Promise<void> {
    // Time-ordered UUIDs (RFC 9562 v7): newest-first keyset pagination can order by id alone, and
    // inserts land at the right edge of the primary-key btree instead of at random pages.
    this.addSql(`
      create function uuidv7() returns uuid language sql volatile as $$
        select encode(
          set_bit(set_bit(
            overlay(uuid_send(gen_random_uuid())
              placing substring(int8send((extract(epoch from clock_timestamp()) * 1000)::bigint) from 3)
              from 1 for 6),
            52, 1), 53, 1),
          'hex')::uuid
      $$;`);

    this.addSql(`
      create table team (
        id uuid primary key default uuidv7(),
        name text not null unique,
        created_at timestamptz not null default now()
      );`);

    this.addSql(`
      create table api_key (
        id uuid primary key default uuidv7(),
        team_id uuid not null references team (id) on delete cascade,
        name text not null,
        token_hash text not null unique,
        token_hint text not null,
        permission text not null check (permission in ('full_access', 'sending_access')),
        created_at timestamptz not null default now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      );`);
    this.addSql('create index api_key_team_idx on api_key (team_id, id);');

    // Emails compare in byte order (COLLATE "C"): prefix search can use the btree, and the unique
    // index is cheaper to maintain than with a linguistic collation.
    this.addSql(`
      create table contact (
        id uuid primary key default uuidv7(),
        team_id uuid not null references team (id) on delete cascade,
        email text collate "C" not null,
        first_name text collate "C",
        last_name text collate "C",
        unsubscribed boolean not null default false,
        properties jsonb not null default '{}',
        source text not null default 'api',
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );`);
    this.addSql('create unique index contact_team_email_idx on contact (team_id, lower(email));');
    this.addSql('create index contact_team_id_idx on contact (team_id, id);');
    this.addSql('create index contact_team_first_name_idx on contact (team_id, lower(first_name));');
    this.addSql('create index contact_team_last_name_idx on contact (team_id, lower(last_name));');

    this.addSql(`
      create table contact_property (
        id uuid primary key default uuidv7(),
        team_id uuid not null references team (id) on delete cascade,
        key text collate "C" not null,
        type text not null check (type in ('string', 'number', 'boolean')),
        fallback_value jsonb,
        created_at timestamptz not null default now(),
        unique (team_id, key)
      );`);

    this.addSql(`
      create table segment (
        id uuid primary key default uuidv7(),
        team_id uuid not null references team (id) on delete cascade,
        name text not null,
        created_at timestamptz not null default now()
      );`);
    this.addSql('create index segment_team_idx on segment (team_id, id);');

    this.addSql(`
      create table contact_segment (
        segment_id uuid not null references segment (id) on delete cascade,
        contact_id uuid not null references contact (id) on delete cascade,
        team_id uuid not null,
        created_at timestamptz not null default now(),
        primary key (segment_id, contact_id)
      );`);
    this.addSql('create index contact_segment_contact_idx on contact_segment (contact_id);');

    this.addSql(`
      create table topic (
        id uuid primary key default uuidv7(),
        team_id uuid not null references team (id) on delete cascade,
        name text not null,
        description text,
        default_subscription text not null check (default_subscription in ('opt_in', 'opt_out')),
        visibility text not null default 'private' check (visibility in ('public', 'private')),
        created_at timestamptz not null default now()
      );`);
    this.addSql('create index topic_team_idx on topic (team_id, id);');

    this.addSql(`
      create table contact_topic (
        topic_id uuid not null references topic (id) on delete cascade,
        contact_id uuid not null references contact (id) on delete cascade,
        team_id uuid not null,
        subscription text not null check (subscription in ('opt_in', 'opt_out')),
        updated_at timestamptz not null default now(),
        primary key (topic_id, contact_id)
      );`);
    this.addSql('create index contact_topic_contact_idx on contact_topic (contact_id);');

    // A sequence, not a uuid: events written in one statement keep their order in the timeline.
    this.addSql(`
      create table contact_event (
        id bigint generated always as identity primary key,
        team_id uuid not null,
        contact_id uuid not null references contact (id) on delete cascade,
        type text not null,
        source text not null,
        data jsonb not null default '{}',
        created_at timestamptz not null default now()
      );`);
    this.addSql('create index contact_event_contact_idx on contact_event (contact_id, id);');
  }

  override async down(): Promise<void> {
    for (const table of ['contact_event', 'contact_topic', 'topic', 'contact_segment', 'segment', 'contact_property', 'contact', 'api_key', 'team']) {
      this.addSql(`drop table if exists ${table} cascade;`);
    }
    this.addSql('drop function if exists uuidv7();');
  }
}
