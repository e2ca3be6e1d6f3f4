import { MikroORM } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { entities } from '@roster/schema/entities';
import { Migration20261126000000_foundation } from './migrations/Migration20261126000000_foundation';
import { Migration20261126010000_imports } from './migrations/Migration20261126010000_imports';
import { Migration20261126020000_rest } from './migrations/Migration20261126020000_rest';

// Listed statically so migrations load the same way under tsx, vitest and bundles.
const migrationsList = [
  { name: 'Migration20261126000000_foundation', class: Migration20261126000000_foundation },
  { name: 'Migration20261126010000_imports', class: Migration20261126010000_imports },
  { name: 'Migration20261126020000_rest', class: Migration20261126020000_rest },
];

export type Orm = MikroORM<PostgreSqlDriver>;

export async function initOrm(url: string, options: { poolMax?: number } = {}): Promise<Orm> {
  return MikroORM.init<PostgreSqlDriver>({
    driver: PostgreSqlDriver,
    clientUrl: url,
    entities,
    extensions: [Migrator],
    migrations: { migrationsList, transactional: true, allOrNothing: true, snapshot: false },
    pool: { min: 0, max: options.poolMax ?? 10, acquireTimeoutMillis: 10_000 },
    discovery: { warnWhenNoEntities: false },
    allowGlobalContext: false,
    debug: false,
  });
}

export async function migrate(orm: Orm): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((m) => m.name);
}
