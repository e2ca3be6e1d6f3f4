import { type Scope, sql } from '../shared/db';
import { ValidationError } from '../shared/errors';

export interface ContactCounts {
  total: number;
  subscribed: number;
  unsubscribed: number;
}

/** The team's contacts counted in one pass: all of them, and those unsubscribed from everything. */
export async function contactCounts(scope: Scope): Promise<ContactCounts> {
  const [row] = await sql<{ total: string; unsubscribed: string }>(
    scope.em,
    'select count(*) as total, count(*) filter (where c.unsubscribed) as unsubscribed from contact c where c.team_id = ?',
    [scope.teamId],
  );
  const total = Number(row?.total ?? 0);
  const unsubscribed = Number(row?.unsubscribed ?? 0);
  return { total, subscribed: total - unsubscribed, unsubscribed };
}

export interface GrowthPoint {
  /** The UTC day, YYYY-MM-DD. */
  date: string;
  /** Contacts at the end of the day. */
  total: number;
  /** Contacts created that day. */
  added: number;
}

export const MAX_GROWTH_DAYS = 366;

/**
 * One point per UTC day for the last `days` days, today included. Contacts carry no deletion
 * record, so the curve is today's contacts by the day they were created: `total` is those that
 * existed at the end of each day. Days without new contacts are filled in by generate_series.
 */
export async function contactGrowth(scope: Scope, days: number): Promise<GrowthPoint[]> {
  if (!Number.isInteger(days) || days < 1 || days > MAX_GROWTH_DAYS) {
    throw ValidationError.of(['days'], `Must be an integer between 1 and ${MAX_GROWTH_DAYS}`);
  }
  const rows = await sql<{ date: string; added: string; total: string }>(
    scope.em,
    `with bounds as (
       select (now() at time zone 'UTC')::date - (?::int - 1) as first_day, (now() at time zone 'UTC')::date as last_day
     ),
     days as (
       select d::date as day from bounds, generate_series(bounds.first_day::timestamp, bounds.last_day::timestamp, interval '1 day') as d
     ),
     added as (
       select (c.created_at at time zone 'UTC')::date as day, count(*) as n
       from contact c, bounds
       where c.team_id = ? and c.created_at >= bounds.first_day::timestamp at time zone 'UTC'
       group by 1
     ),
     earlier as (
       select count(*) as n from contact c, bounds
       where c.team_id = ? and c.created_at < bounds.first_day::timestamp at time zone 'UTC'
     )
     select to_char(days.day, 'YYYY-MM-DD') as date,
            coalesce(added.n, 0) as added,
            earlier.n + sum(coalesce(added.n, 0)) over (order by days.day) as total
     from days cross join earlier left join added on added.day = days.day
     order by days.day`,
    [days, scope.teamId, scope.teamId],
  );
  return rows.map((r) => ({ date: r.date, added: Number(r.added), total: Number(r.total) }));
}
