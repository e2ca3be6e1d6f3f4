#!/usr/bin/env node
// The `roster` binary: runs the CLI from its TypeScript source through tsx (a dependency of this
// package), like `pnpm roster`, so it needs no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
