import type { CodegenConfig } from '@graphql-codegen/cli';

// Test documents are typed from the committed SDL, like the admin's.
const config: CodegenConfig = {
  schema: '../packages/schema/schema.graphql',
  documents: ['src/**/*.ts', '!src/gql/**'],
  generates: {
    './src/gql/': {
      preset: 'client',
      config: { useTypeImports: true, scalars: { DateTime: 'string', JSON: 'unknown' } },
      presetConfig: { fragmentMasking: false },
    },
  },
  silent: true,
};
export default config;
