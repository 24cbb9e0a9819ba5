import { readFileSync } from 'node:fs';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Capabilities (src/capabilities/index.ts) talk through domain events and each other's public
 * surface only: entities, services, lookups, events, config types and words (messages; people:
 * its directory and person view too). Their chat reaches people through the outbox, never through a channel.
 */
// The folders of the one list (src/capabilities/index.ts), read from its imports.
const CAPABILITIES = [
  ...readFileSync(new URL('src/capabilities/index.ts', import.meta.url), 'utf8').matchAll(
    /from '\.\.\/([\w-]+)\/capability\.js'/g,
  ),
].map((m) => m[1]);
const PUBLIC_FILE = String.raw`(?:[\w.-]+\.entity|[\w-]+-service|[\w-]+-lookup|events|config|messages|directory|person-view)\.js`;

function boundariesOf(capability) {
  const others = CAPABILITIES.filter((c) => c !== capability).join('|');
  return {
    files: [`src/${capability}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: String.raw`(?:^|/)channels/`,
              message:
                'A capability reaches people through the chat context and the outbox, never a channel.',
            },
            {
              regex: String.raw`(?:^|/)(?:${others})/(?:[\w-]+/)*(?!${PUBLIC_FILE}$)[\w.-]+\.js$`,
              message:
                "Another capability's internals: use its events, services, lookups or entities (or publish a domain event).",
            },
          ],
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // A promise nobody awaits can reject with no handler and end the process (issue 16 item 2).
    // `void` stays allowed as the mark of a promise started on purpose; each one must carry its
    // own rejection handler (or wrap work that catches everything), which review checks.
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
  {
    // Its module loads MikroORM's migrator, umzug and umzug's command-line framework (issue 24):
    // migrations extend src/db/migration.ts; only `migration:create` makes the migrator (orm.ts).
    files: ['migrations/**/*.ts', 'src/db/**/*.ts', 'src/capabilities/**/*.ts', 'examples/**/*.{ts,js}'],
    ignores: ['src/db/orm.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@mikro-orm/migrations',
              message: 'Extend Migration from src/db/migration.ts (plugins: host.Migration).',
            },
          ],
        },
      ],
    },
  },
  ...CAPABILITIES.map(boundariesOf),
);
