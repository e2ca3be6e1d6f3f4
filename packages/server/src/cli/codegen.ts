// Types for the CLI's and MCP server's GraphQL documents (`/* GraphQL */` strings in src/cli),
// generated from the printed schema into one types-only file: the CLI runs from source without it.
export default {
  schema: '../schema/schema.graphql',
  documents: ['src/cli/**/*.ts', '!src/cli/**/*.generated.ts'],
  generates: {
    'src/cli/operations.generated.ts': {
      plugins: ['typescript-operations'],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        avoidOptionals: { field: true, inputValue: false, object: true },
        scalars: { DateTime: 'string', JSON: 'unknown', Upload: 'unknown' },
      },
    },
  },
  silent: true,
};
