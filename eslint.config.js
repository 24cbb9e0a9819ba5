import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Capabilities (src/capabilities/index.ts) talk through domain events and each other's public
 * surface only: entities, services, lookups, events, config types and words (messages; people:
 * its directory and person view too). Their chat reaches people through the outbox, never through a channel.
 */
const CAPABILITIES = [
  'people',
  'workorders',
  'materials',
  'digest',
  'equipment',
  'outsourcing',
  'incentives',
  'kpi',
];
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
  ...CAPABILITIES.map(boundariesOf),
);
