import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// graphql ships both ESM (.mjs) and CJS builds; vite would load the ESM one for our code and the
// CJS one for plugins, and graphql refuses types from "another realm". Pin everything to one file.
const graphqlEntry = createRequire(import.meta.url).resolve('graphql');

export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlEntry }] },
  test: {
    reporters: ['default', 'json'],
    outputFile: { json: '../.test-results/test.json' },
    include: ['src/**/*.test.ts', 'e2e/**/*.test.ts', 'faults/**/*.test.ts', 'hostile/**/*.test.ts'],
    globalSetup: ['./src/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: two files at a time, each with its own database cloned from a migrated template.
    maxWorkers: 2,
  },
});
