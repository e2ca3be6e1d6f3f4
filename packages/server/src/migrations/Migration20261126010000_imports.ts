import { Migration } from '@mikro-orm/migrations';

export class Migration20261126010000_imports extends Migration {
  override async up(): Promise<void> {
    // The import row is also the job: recording it and enqueueing it are one insert, so an upload
    // that rolls back leaves no job, and a committed one always has its job (checklist J1).
    this.addSql(`
      create table contact_import (
        id uuid primary key default uuidv7(),
        team_id uuid not null references team (id) on delete cascade,
        status text not null default 'queued' check (status in ('queued', 'in_progress', 'completed', 'failed', 'cancelled')),
        file_name text,
        file_size bigint not null,
        encoding text not null,
        delimiter text not null,
        newline text not null,
        headers jsonb not null,
        column_map jsonb not null,
        on_conflict text not null check (on_conflict in ('upsert', 'skip')),
        segment_ids uuid[] not null default '{}',
        topics jsonb not null default '[]',
        staged_rows integer not null default 0,
        staged boolean not null default false,
        total integer not null default 0,
        created integer not null default 0,
        updated integer not null default 0,
        skipped integer not null default 0,
        failed integer not null default 0,
        error text,
        cancel_requested boolean not null default false,
        attempts integer not null default 0,
        failed_attempts integer not null default 0,
        created_at timestamptz not null default now(),
        started_at timestamptz,
        completed_at timestamptz,
        updated_at timestamptz not null default now()
      );`);
    this.addSql('create index contact_import_team_idx on contact_import (team_id, id);');
    this.addSql(`create index contact_import_open_idx on contact_import (id) where status in ('queued', 'in_progress');`);

    // The uploaded file, in 1 MB pieces: every server and worker process can read it.
    this.addSql(`
      create table contact_import_chunk (
        import_id uuid not null references contact_import (id) on delete cascade,
        seq integer not null,
        data bytea not null,
        primary key (import_id, seq)
      );`);

    // One row per merged batch, written in the batch's own transaction: the resume checkpoint.
    this.addSql(`
      create table contact_import_batch (
        import_id uuid not null references contact_import (id) on delete cascade,
        batch_no integer not null,
        primary key (import_id, batch_no)
      );`);

    this.addSql(`
      create table contact_import_failure (
        import_id uuid not null references contact_import (id) on delete cascade,
        row_number integer not null,
        email text,
        outcome text not null check (outcome in ('failed', 'skipped')),
        reason text not null,
        primary key (import_id, row_number)
      );`);

    // Headers a team mapped by hand, so the next suggestion maps them the same way.
    this.addSql(`
      create table import_mapping_memory (
        team_id uuid not null references team (id) on delete cascade,
        header_key text not null,
        target jsonb not null,
        updated_at timestamptz not null default now(),
        primary key (team_id, header_key)
      );`);
  }

  override async down(): Promise<void> {
    for (const table of ['import_mapping_memory', 'contact_import_failure', 'contact_import_batch', 'contact_import_chunk', 'contact_import']) {
      this.addSql(`drop table if exists ${table} cascade;`);
    }
  }
}
