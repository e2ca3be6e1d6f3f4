import { ApiKeySchema } from './auth/api-key.entity';
import { ContactSchema } from './contacts/contact.entity';
import { ContactEventSchema } from './history/contact-event.entity';
import { ContactPropertySchema } from './properties/property.entity';
import { SegmentSchema } from './segments/segment.entity';
import { TeamSchema } from './teams/team.entity';
import { TopicSchema } from './topics/topic.entity';

/** Every entity, for the ORM's configuration. */
export const entities = [TeamSchema, ApiKeySchema, ContactSchema, ContactPropertySchema, SegmentSchema, TopicSchema, ContactEventSchema];
