import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber } from '../ui/format';

export interface GrowthPoint {
  date: string;
  total: number;
  added: number;
}

const day = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const fullDay = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' });
/** The points' dates are UTC days (YYYY-MM-DD); shown as such, not shifted into the viewer's zone. */
const dayLabel = (date: string) => day.format(new Date(`${date}T00:00:00Z`));
const compact = new Intl.NumberFormat('en', { notation: 'compact' });

function ChartTooltip({ active, payload }: { active?: boolean; payload?: ReadonlyArray<{ payload?: GrowthPoint }> }) {
  const point = payload?.[0]?.payload;
  if (!active || !point) return null;
  return (
    <div className="chart-tooltip">
      <strong>{fullDay.format(new Date(`${point.date}T00:00:00Z`))}</strong>
      <div>{formatNumber(point.total)} contacts</div>
      <div className="muted">+{formatNumber(point.added)} that day</div>
    </div>
  );
}

/** Contacts over time: the running total per day, with the day's additions in the tooltip. */
export function GrowthChart({ points }: { points: readonly GrowthPoint[] }) {
  const first = points[0];
  const last = points.at(-1);
  const added = points.reduce((sum, p) => sum + p.added, 0);
  const summary =
    first && last
      ? `Contacts over the last ${points.length} days: from ${formatNumber(first.total - first.added)} to ${formatNumber(last.total)}, ${formatNumber(added)} added.`
      : 'No data.';
  return (
    <figure className="chart">
      <div className="chart-area" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <AreaChart data={[...points]} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
            <defs>
              <linearGradient id="growth-fill" x1="0" y1="0" x2="0" y2="1">
                <stop offset="0%" stopColor="var(--accent)" stopOpacity={0.25} />
                <stop offset="100%" stopColor="var(--accent)" stopOpacity={0.02} />
              </linearGradient>
            </defs>
            <CartesianGrid stroke="var(--border)" vertical={false} />
            <XAxis dataKey="date" tickFormatter={dayLabel} tick={{ fill: 'var(--muted)', fontSize: 12 }} tickLine={false} axisLine={false} minTickGap={24} />
            <YAxis
              tickFormatter={(n: number) => compact.format(n)}
              tick={{ fill: 'var(--muted)', fontSize: 12 }}
              tickLine={false}
              axisLine={false}
              width={44}
              allowDecimals={false}
            />
            <Tooltip content={<ChartTooltip />} />
            <Area type="monotone" dataKey="total" stroke="var(--accent)" strokeWidth={2} fill="url(#growth-fill)" isAnimationActive={false} />
          </AreaChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="muted">{summary}</figcaption>
    </figure>
  );
}
