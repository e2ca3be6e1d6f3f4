import { lexicographicSortSchema } from 'graphql';
import { builder } from './builder';
import './shared/errors.graphql';
import './auth/api-key.graphql';
import './contacts/contact.graphql';
import './properties/property.graphql';
import './segments/segment.graphql';
import './topics/topic.graphql';
import './imports/import.graphql';
import './stats/stats.graphql';

/** The whole GraphQL API, sorted so its printed form is stable. */
export const schema = lexicographicSortSchema(builder.toSchema());

export type { Context } from './context';
