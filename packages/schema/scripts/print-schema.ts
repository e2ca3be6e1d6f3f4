import { writeFileSync } from 'node:fs';
import { printSchema } from 'graphql';
import { schema } from '../src/index';

// The committed SDL is what codegen reads and what reviewers diff; a test fails when it is stale.
writeFileSync(new URL('../schema.graphql', import.meta.url), `${printSchema(schema)}\n`);
