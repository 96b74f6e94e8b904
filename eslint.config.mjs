// @ts-check
/**
 * ESLint flat config for Sổ Gốc.
 *
 * Two jobs:
 *  1. Correctness: @eslint/js + typescript-eslint "recommended" (NOT the type-checked
 *     variants, to keep `eslint .` fast). No style rules: formatting is not linted.
 *  2. Architecture: enforce the dependency direction of architecture.md §2 with
 *     `@typescript-eslint/no-restricted-imports` (the core rule plus `import x = require()`).
 *
 * IMPORTANT (flat config semantics): when several config objects set the same rule for a
 * file, the LAST one wins and completely REPLACES the earlier options — options are not
 * merged. So the restricted-import bans are written as reusable pieces (BAN_*) and each
 * file group below gets one rule entry holding the UNION of the bans that apply to it.
 * The groups are ordered from general to specific; a file matched by several groups ends
 * up with the bans of the last (most specific) one.
 *
 * test/lint/dependency-direction.spec.ts checks every ban below; update it together.
 */
import eslint from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const TS_FILES = ['**/*.ts'];
const RESTRICTED_IMPORTS = '@typescript-eslint/no-restricted-imports';

// ---------------------------------------------------------------------------------------
// Bans. Each is one `patterns` entry (regex + message) for no-restricted-imports.
// Regexes are matched against the import specifier exactly as written in the source.
// ---------------------------------------------------------------------------------------

/** Everywhere except libs/event-store/src/esdb/: no direct EventStoreDB/KurrentDB client. */
const BAN_ESDB_CLIENT = {
  regex: '^(?:@eventstore/db-client|@kurrent/kurrentdb-client)(?:/.*)?$',
  message:
    'The EventStoreDB/KurrentDB client may only be imported by the ESDB adapter in ' +
    'libs/event-store/src/esdb/. Everything else talks to the EventStore port ' +
    '(@so-goc/event-store). See architecture.md §2.',
};

/** All libs: never depend on an app (apps -> libs, never the reverse). */
const BAN_APPS = {
  // `apps/cli/...`, `../../../apps/cli/src/main`, `/abs/path/apps/...`
  regex: '(?:^|/)apps(?:/|$)',
  message:
    'Libraries must not import from apps/: dependencies point apps -> libs, never the ' +
    'reverse. Move the shared code into a lib. See architecture.md §2.',
};

/** libs/event-store, libs/projections, libs/documents: framework-free. */
const BAN_NEST_IN_CORE_LIBS = {
  regex: '^@nestjs(?:/|$)',
  message:
    'libs/event-store, libs/projections and libs/documents are framework-free: only ' +
    'libs/platform and apps/* may import @nestjs/*. Wire this lib into Nest from ' +
    'libs/platform or the app instead. See architecture.md §2.',
};

/** libs/domain: pure — no framework, no I/O, no other lib. */
const BANS_DOMAIN = [
  {
    regex: '^@nestjs(?:/|$)',
    message: 'libs/domain is pure: no framework. @nestjs/* belongs in libs/platform or apps/*. ' + 'See architecture.md §2.',
  },
  {
    regex: '^(?:better-sqlite3|pdf-lib|qrcode)(?:/.*)?$',
    message:
      'libs/domain is pure: no storage or document-rendering libraries (better-sqlite3, ' +
      'pdf-lib, qrcode). Those live in libs/event-store, libs/projections and ' +
      'libs/documents. See architecture.md §2.',
  },
  {
    // any @so-goc/* alias other than @so-goc/domain itself
    regex: '^@so-goc/(?!domain(?:/|$))',
    message:
      'libs/domain must not depend on other libs (@so-goc/*): the other libs depend on ' +
      'the domain, never the reverse. See architecture.md §2.',
  },
  {
    // the same, reached through a relative path (e.g. ../../../event-store/src)
    regex: '^(?:\\.\\./)+(?:event-store|projections|documents|platform)/src(?:/|$)',
    message:
      'libs/domain must not depend on other libs, not even through a relative path: the ' +
      'other libs depend on the domain, never the reverse. See architecture.md §2.',
  },
  {
    regex: '^(?:node:)?(?:fs|fs/promises|http|https|http2|net|tls|dgram|child_process)$',
    message:
      'libs/domain is pure: no I/O (filesystem, network, child processes). Do I/O in an ' +
      'adapter lib or app and pass data in. See architecture.md §2.',
  },
];

/** libs/documents renders what it is given: it never reaches into the store, the read models or Nest glue. */
const BAN_DOCUMENTS_DATA_ACCESS = {
  regex: '^@so-goc/(?:event-store|projections|platform)(?:/|$)',
  message: 'libs/documents renders the data it is handed; the caller (an app) reads the read models. ' + 'See architecture.md §2.',
};

/** Builds one complete rule entry from the bans that apply to a file group. */
const restrictImports = (...bans) => ({
  [RESTRICTED_IMPORTS]: ['error', { patterns: bans.flat() }],
});

export default defineConfig(
  // ---- what is not linted --------------------------------------------------------------
  {
    ignores: [
      'dist/',
      'node_modules/',
      'coverage/',
      'data/',
      'docker/',
      '.tmp/',
      // root-level JS config files (jest.config.js, eslint.config.mjs, ...)
      '*.js',
      '*.cjs',
      '*.mjs',
    ],
  },

  // ---- correctness: recommended sets, TypeScript files only ----------------------------
  {
    files: TS_FILES,
    extends: [eslint.configs.recommended, tseslint.configs.recommended],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
    },
    linterOptions: {
      reportUnusedDisableDirectives: 'error',
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // Nest modules/DTOs are often decorator-only classes; not in `recommended`, kept off
      // explicitly so nobody "fixes" a Nest module by adding the strict preset.
      '@typescript-eslint/no-extraneous-class': 'off',
    },
  },

  // ---- architecture.md §2: dependency direction ---------------------------------------
  // General -> specific. Each entry REPLACES the previous one for the files it matches,
  // so each lists the full union of bans for its group.

  // Everything (apps, tests, bench, ...): only the ESDB client ban.
  {
    files: TS_FILES,
    rules: restrictImports(BAN_ESDB_CLIENT),
  },
  // Every lib (incl. libs/platform and any future lib): + no imports from apps.
  {
    files: ['libs/**/*.ts'],
    rules: restrictImports(BAN_ESDB_CLIENT, BAN_APPS),
  },
  // Framework-free adapter libs: + no @nestjs/*.
  {
    files: ['libs/event-store/**/*.ts', 'libs/projections/**/*.ts', 'libs/documents/**/*.ts'],
    rules: restrictImports(BAN_ESDB_CLIENT, BAN_APPS, BAN_NEST_IN_CORE_LIBS),
  },
  // Documents: + no store, read models or platform.
  {
    files: ['libs/documents/**/*.ts'],
    rules: restrictImports(BAN_ESDB_CLIENT, BAN_APPS, BAN_NEST_IN_CORE_LIBS, BAN_DOCUMENTS_DATA_ACCESS),
  },
  // The ESDB adapter: the one place the ESDB client is allowed (still no apps, no Nest).
  {
    files: ['libs/event-store/src/esdb/**/*.ts'],
    rules: restrictImports(BAN_APPS, BAN_NEST_IN_CORE_LIBS),
  },
  // The domain: pure — no framework, no I/O, no other lib, no apps, no ESDB client.
  {
    files: ['libs/domain/**/*.ts'],
    rules: restrictImports(BAN_ESDB_CLIENT, BAN_APPS, BANS_DOMAIN),
  },

  // ---- issue 12: one write path -------------------------------------------------------
  // Apps only translate input and output: every act is a typed command on the CommandBus.
  // Reading, deciding and appending happen in libs/platform's handlers, never in an app.
  {
    files: ['apps/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportSpecifier[imported.name=/^(handleCommand|executeWorkflow|appendToStream)$/]',
          message:
            'Apps dispatch commands through the CommandBus (libs/platform write-path); they never append to the store themselves. See architecture.md §3.',
        },
        {
          selector: "CallExpression[callee.property.name='appendToStream']",
          message:
            'Apps dispatch commands through the CommandBus (libs/platform write-path); they never append to the store themselves. See architecture.md §3.',
        },
      ],
    },
  },

  // ---- issue 12, item 1: officers' queries go through the QueryBus ---------------------
  // Every controller of the registry API (the officers' API and the console's pages alike) asks typed
  // queries (libs/platform/src/<area>/<area>.queries.ts); the query handlers read the read models and
  // decide who may see which record, once for every caller. A controller importing a read-model function
  // from @so-goc/projections would bypass both. Types and UPPER_CASE constants stay importable.
  // Not moved yet, named here so the list only shrinks: the file exports still rendered straight from the
  // read models (blank-exports, register-books, diploma-documents, yearly-report), the health probe (not
  // an officer's query), and the console pages not yet on the bus.
  // Flat config: the last entry replaces no-restricted-syntax for these files, so it repeats the write-path bans.
  {
    files: ['apps/registry-api/src/**/*.controller.ts'],
    ignores: [
      'apps/registry-api/src/blanks/blank-exports.controller.ts',
      'apps/registry-api/src/issuance/register-books.controller.ts',
      'apps/registry-api/src/issuance/diploma-documents.controller.ts',
      'apps/registry-api/src/audits/yearly-report.controller.ts',
      'apps/registry-api/src/health/operations.controller.ts',
      'apps/registry-api/src/console/console-admin.controller.ts',
      'apps/registry-api/src/console/console-after-issuance.controller.ts',
      'apps/registry-api/src/console/console-audits.controller.ts',
      'apps/registry-api/src/console/console-blank-acts.controller.ts',
      'apps/registry-api/src/console/console-blanks.controller.ts',
      'apps/registry-api/src/console/console-certificates.controller.ts',
      'apps/registry-api/src/console/console-class-hand-over.controller.ts',
      'apps/registry-api/src/console/console-copies.controller.ts',
      'apps/registry-api/src/console/console-decisions.controller.ts',
      'apps/registry-api/src/console/console-diploma-acts.controller.ts',
      'apps/registry-api/src/console/console-directory.controller.ts',
      'apps/registry-api/src/console/console-home.controller.ts',
      'apps/registry-api/src/console/console-print-runs.controller.ts',
      'apps/registry-api/src/console/console-register.controller.ts',
      'apps/registry-api/src/console/console-verification.controller.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportSpecifier[imported.name=/^(handleCommand|executeWorkflow|appendToStream)$/]',
          message:
            'Apps dispatch commands through the CommandBus (libs/platform write-path); they never append to the store themselves. See architecture.md §3.',
        },
        {
          selector: "CallExpression[callee.property.name='appendToStream']",
          message:
            'Apps dispatch commands through the CommandBus (libs/platform write-path); they never append to the store themselves. See architecture.md §3.',
        },
        {
          selector:
            "ImportDeclaration[source.value='@so-goc/projections'][importKind!='type'] > ImportSpecifier[importKind!='type'][imported.name!=/^[A-Z][A-Z0-9_]*$/]",
          message:
            "Controllers ask the officers' queries on the QueryBus (libs/platform/src/<area>/<area>.queries.ts), which read the read models and authorize by the record; they never call a read-model function themselves. See architecture.md §3.",
        },
      ],
    },
  },

  // ---- tests ---------------------------------------------------------------------------
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
);
