// Layer rules (docs/ARCHITECTURE.md): which folder may import which. Kept in its own module so
// test/lint-layers.test.ts can prove that a forbidden import fails with exactly these rules.

const NODE_IO = ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'net', 'node:net', 'http', 'node:http', 'https', 'node:https', 'child_process', 'node:child_process', 'dgram', 'node:dgram'];
const ADAPTER_LIBS = ['kysely', 'pg', 'better-sqlite3', 'hono', 'pino', 'commander', '@hono/node-server'];

const layer = (name) => ({ regex: `(^|/)${name}/`, message: `layer rule: this folder may not import from ${name}/ (see docs/ARCHITECTURE.md)` });
const typeOnly = (name) => ({ ...layer(name), allowTypeImports: true, message: `layer rule: only \`import type\` from ${name}/ here; adapters are constructed in bootstrap/ (see docs/ARCHITECTURE.md)` });

const rule = (patterns, paths = []) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns, paths }],
});

const libs = (names, why) => names.map((name) => ({ name, message: why }));

export const layerRules = [
  {
    files: ['src/core/**/*.ts'],
    rules: rule(
      ['db', 'services', 'server', 'cli', 'config', 'connectors', 'bootstrap', 'logging', 'contracts'].map(layer),
      libs([...NODE_IO, ...ADAPTER_LIBS], 'core is pure domain logic: no I/O, no adapters'),
    ),
  },
  {
    files: ['src/contracts/**/*.ts'],
    rules: rule(['db', 'services', 'server', 'cli', 'config', 'connectors', 'bootstrap', 'logging'].map(layer), libs([...NODE_IO, ...ADAPTER_LIBS], 'contracts are shared with the browser')),
  },
  {
    files: ['src/config/**/*.ts'],
    rules: rule(['db', 'services', 'server', 'cli', 'connectors', 'bootstrap', 'logging'].map(layer)),
  },
  {
    files: ['src/db/**/*.ts', 'src/connectors/**/*.ts', 'src/logging/**/*.ts'],
    rules: rule(['services', 'server', 'cli', 'bootstrap'].map(layer)),
  },
  {
    files: ['src/services/**/*.ts'],
    // Tests are composition roots for the unit they test and may build real adapters.
    ignores: ['src/**/*.test.ts'],
    rules: rule(
      [...['server', 'cli', 'bootstrap', 'config'].map(layer), typeOnly('db'), typeOnly('connectors'), typeOnly('logging')],
      libs(['kysely', 'pg', 'better-sqlite3', 'hono', 'commander', '@hono/node-server'], 'services reach technology through repositories and adapters'),
    ),
  },
  {
    files: ['src/server/**/*.ts'],
    rules: rule([layer('cli'), typeOnly('db'), typeOnly('connectors')], libs(['kysely', 'pg', 'better-sqlite3'], 'the server talks to the database through services')),
  },
  {
    files: ['src/bootstrap/**/*.ts'],
    rules: rule(['server', 'cli'].map(layer)),
  },
  {
    files: ['web/src/**/*.ts', 'web/src/**/*.tsx'],
    rules: rule([
      { regex: '(^|/)src/(?!contracts/)', message: 'layer rule: the web UI may import only src/contracts (types)' },
      { regex: '(^|/)src/contracts/', allowTypeImports: true, message: 'layer rule: the web UI imports contracts as types only (`import type`)' },
    ]),
  },
];
