import { builder } from '../builder';
import { ConflictError, NotFoundError, ValidationError } from './errors';

export const ErrorInterface = builder.interfaceRef<Error>('Error').implement({
  fields: (t) => ({ message: t.exposeString('message') }),
});

const IssueRef = builder.objectRef<{ path: (string | number)[]; message: string }>('ValidationIssue').implement({
  description: 'One bad input field: its path (for example ["input", "properties", "plan"]) and what is wrong.',
  fields: (t) => ({
    path: t.stringList({ resolve: (issue) => issue.path.map(String) }),
    message: t.exposeString('message'),
  }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  interfaces: [ErrorInterface],
  fields: (t) => ({ issues: t.field({ type: [IssueRef], resolve: (e) => e.issues }) }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  interfaces: [ErrorInterface],
  fields: (t) => ({ resource: t.exposeString('resource'), ref: t.exposeString('ref') }),
});

builder.objectType(ConflictError, {
  name: 'ConflictError',
  interfaces: [ErrorInterface],
  fields: () => ({}),
});
