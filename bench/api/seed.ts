import pg from 'pg';

export const CONTACTS = 100_000;

const FIRST_NAMES = ['Anna', 'Andrew', 'Ben', 'Bianca', 'Carla', 'Chris', 'Dana', 'David', 'Elena', 'Ethan', 'Fatima', 'Jakob', 'Jana', 'Liam', 'Lina', 'Maria', 'Marco', 'Nora', 'Omar', 'Zoe'];
const LAST_NAMES = ['Andersen', 'Brown', 'Garcia', 'Jansen', 'Kowalski', 'Lindqvist', 'Martin', 'Meyer', 'Novak', 'Okafor', 'Rossi', 'Silva', 'Smith', 'Tanaka', 'Weber'];

/** Search prefixes: names shared by many contacts, and email prefixes matching a few hundred. */
export const SEARCHES = ['an', 'mar', 'li', 'we', 'user12', 'user9'];

/**
 * Seeds `count` contacts for one team in a single set-based statement and returns a sample of
 * their ids for random point reads.
 */
export async function seedContacts(dbUrl: string, teamId: string, count = CONTACTS): Promise<string[]> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    await client.query(
      `insert into contact (team_id, email, first_name, last_name, properties, created_at, updated_at)
       select $1, 'user' || i || '@example' || (i % 97) || '.com',
              ($2::text[])[1 + i % array_length($2::text[], 1)],
              ($3::text[])[1 + (i / 7) % array_length($3::text[], 1)],
              jsonb_build_object('plan', case when i % 3 = 0 then 'pro' else 'free' end),
              now() - make_interval(secs => $4 - i), now()
       from generate_series(1, $4::int) as i`,
      [teamId, FIRST_NAMES, LAST_NAMES, count],
    );
    await client.query('analyze contact');
    const { rows } = await client.query<{ id: string }>('select id from contact where team_id = $1 order by random() limit 20000', [teamId]);
    return rows.map((r) => r.id);
  } finally {
    await client.end();
  }
}
