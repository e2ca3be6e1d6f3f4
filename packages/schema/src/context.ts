import type { Principal } from './auth/api-key.service';
import type { PropertyDefinition } from './properties/property.service';
import type { Scope } from './shared/db';

/** What every resolver receives: who is calling, and the team-bound scope services run in. */
export interface Context {
  principal: Principal;
  scope: Scope;
  /** Per-request memo of the team's properties (for typing contact property values). */
  propertyTypes?: Promise<Map<string, PropertyDefinition>>;
  /** Wake-ups for import state changes (LISTEN/NOTIFY in the server); absent means poll. */
  importEvents?: { next(importId: string, timeoutMs: number): Promise<void> };
  limits?: { maxImportBytes: number };
}
