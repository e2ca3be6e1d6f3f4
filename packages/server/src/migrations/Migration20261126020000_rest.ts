import { Migration } from '@mikro-orm/migrations';

export class Migration20261126020000_rest extends Migration {
  override async up(): Promise<void> {
    // One token bucket per team, shared by all its keys and all server processes (checklist R2).
    // Unlogged: a crash only refills the buckets, and every request writes here.
    this.addSql(`
      create unlogged table rest_rate_bucket (
        team_id uuid primary key references team (id) on delete cascade,
        tokens double precision not null,
        updated_at timestamptz not null
      );`);

    // The first answer to each Idempotency-Key, replayed to retries for 24 hours. A row with a
    // null status is a request still running.
    this.addSql(`
      create table rest_idempotency (
        team_id uuid not null references team (id) on delete cascade,
        key text not null,
        method_path text not null,
        body_hash text,
        status integer,
        response jsonb,
        created_at timestamptz not null default now(),
        primary key (team_id, key)
      );`);
    this.addSql('create index rest_idempotency_created_idx on rest_idempotency (created_at);');
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists rest_idempotency;');
    this.addSql('drop table if exists rest_rate_bucket;');
  }
}
