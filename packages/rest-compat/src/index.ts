import { contactRoutes } from './contacts.routes';
import { importRoutes } from './imports.routes';
import type { Route } from './router';
import { propertyRoutes } from './properties.routes';
import { segmentRoutes } from './segments.routes';
import { topicRoutes } from './topics.routes';

export { type AuthFailure, type AuthOutcome, type OperationResult, type RestBackend, type RestOptions, createRestHandler } from './http';
export { RestError } from './errors';
export { openApiDocument } from './openapi';
export type { Route } from './router';

/** Every Resend endpoint this API answers, as a route table (Resend path -> GraphQL operations). */
export const resendRoutes: readonly Route[] = [...importRoutes, ...contactRoutes, ...segmentRoutes, ...topicRoutes, ...propertyRoutes];
