import { builder } from '../builder';
import type { Scope } from '../shared/db';
import { type ContactCounts, type GrowthPoint, contactCounts, contactGrowth } from './stats.service';

/** The counts are read once, on the first field that asks, and shared by the others. */
interface StatsParent {
  scope: Scope;
  counts(): Promise<ContactCounts>;
}

const GrowthPointRef = builder.objectRef<GrowthPoint>('ContactGrowthPoint').implement({
  description: 'The team’s contacts on one UTC day.',
  fields: (t) => ({
    date: t.exposeString('date', { description: 'The day, YYYY-MM-DD (UTC).' }),
    total: t.exposeInt('total', { description: 'Contacts at the end of the day.' }),
    added: t.exposeInt('added', { description: 'Contacts created that day.' }),
  }),
});

const ContactStatsRef = builder.objectRef<StatsParent>('ContactStats').implement({
  description: 'Counts of the team’s contacts, for a dashboard.',
  fields: (t) => ({
    total: t.int({ complexity: 10, resolve: async (s) => (await s.counts()).total }),
    subscribed: t.int({ complexity: 10, description: 'Contacts not unsubscribed from every broadcast.', resolve: async (s) => (await s.counts()).subscribed }),
    unsubscribed: t.int({ complexity: 10, resolve: async (s) => (await s.counts()).unsubscribed }),
    growth: t.field({
      type: [GrowthPointRef],
      description:
        'One point per day for the last `days` days (1 to 366), today included. Deleted contacts leave no trace, so this is today’s contacts by the day they were created.',
      args: { days: t.arg.int({ defaultValue: 30 }) },
      complexity: 20,
      resolve: (s, args) => contactGrowth(s.scope, args.days ?? 30),
    }),
  }),
});

builder.queryFields((t) => ({
  contactStats: t.field({
    type: ContactStatsRef,
    description: 'How many contacts the team has, and how that grew.',
    resolve: (_, __, ctx) => {
      let counts: Promise<ContactCounts> | undefined;
      return { scope: ctx.scope, counts: () => (counts ??= contactCounts(ctx.scope)) };
    },
  }),
}));
