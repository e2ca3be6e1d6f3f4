import type { CodegenConfig } from '@graphql-codegen/cli';

// Each component's operations live in a .graphql file beside it; codegen writes a typed urql hook
// per operation into `<name>.generated.ts` next to it (near-operation-file), and the schema's types
// once into src/gql/types.ts. All generated files are rebuilt by turbo and ignored by git.
const config: CodegenConfig = {
  schema: '../schema/schema.graphql',
  documents: ['src/**/*.graphql'],
  generates: {
    'src/gql/types.ts': {
      plugins: ['typescript'],
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: 'string', JSON: 'unknown', Upload: 'File' } },
    },
    'src/': {
      preset: 'near-operation-file',
      presetConfig: { extension: '.generated.ts', baseTypesPath: 'gql/types.ts' },
      plugins: ['typescript-operations', 'typescript-urql'],
      config: { useTypeImports: true, withHooks: true, documentMode: 'documentNode', enumsAsTypes: true, scalars: { DateTime: 'string', JSON: 'unknown', Upload: 'File' } },
    },
  },
  silent: true,
};
export default config;
