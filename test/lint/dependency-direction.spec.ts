/**
 * Dependency direction (architecture.md §2), enforced by eslint.config.mjs through
 * `no-restricted-imports`. Each case lints a small probe file at a path that does not
 * need to exist: ESLint picks the config for `filePath` from its location in the repo.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';

const REPO_ROOT = resolve(__dirname, '..', '..');

describe('dependency direction (architecture.md §2)', () => {
  let eslint: ESLint;

  beforeAll(() => {
    eslint = new ESLint({ cwd: REPO_ROOT });
  });

  /** Messages from no-restricted-imports (core or @typescript-eslint) for `code` at `filePath`. */
  async function restrictedImports(filePath: string, code: string): Promise<ESLint.LintResult['messages']> {
    const [result] = await eslint.lintText(code, { filePath: join(REPO_ROOT, filePath) });
    if (!result) throw new Error(`ESLint returned no result for ${filePath}`);
    return result.messages.filter((m) => m.ruleId?.includes('no-restricted-imports'));
  }

  function expectReported(messages: ESLint.LintResult['messages'], specifier: string): void {
    expect(messages).toHaveLength(1);
    expect(messages[0]?.severity).toBe(2);
    expect(messages[0]?.message).toContain(specifier);
    expect(messages[0]?.message).toContain('architecture.md §2');
  }

  it('reports a domain file importing @nestjs/common', async () => {
    const messages = await restrictedImports(
      'libs/domain/src/__probe__.ts',
      "import { Injectable } from '@nestjs/common';\nexport const probe = Injectable;\n",
    );
    expectReported(messages, '@nestjs/common');
  });

  it('reports a domain file importing another lib (@so-goc/event-store)', async () => {
    const messages = await restrictedImports(
      'libs/domain/src/__probe__.ts',
      "import type { EventStore } from '@so-goc/event-store';\nexport type Probe = EventStore;\n",
    );
    expectReported(messages, '@so-goc/event-store');
  });

  it('reports @eventstore/db-client in libs/event-store/src/sqlite/ but allows it in libs/event-store/src/esdb/', async () => {
    const code =
      "import { EventStoreDBClient } from '@eventstore/db-client';\nexport const probe = EventStoreDBClient;\n";

    expectReported(
      await restrictedImports('libs/event-store/src/sqlite/__probe__.ts', code),
      '@eventstore/db-client',
    );
    expect(await restrictedImports('libs/event-store/src/esdb/x.ts', code)).toEqual([]);
  });

  it('reports @eventstore/db-client in an app, but lets the app import @nestjs/common', async () => {
    expectReported(
      await restrictedImports(
        'apps/registry-api/src/x.ts',
        "import { EventStoreDBClient } from '@eventstore/db-client';\nexport const probe = EventStoreDBClient;\n",
      ),
      '@eventstore/db-client',
    );
    expect(
      await restrictedImports(
        'apps/registry-api/src/x.ts',
        "import { Injectable } from '@nestjs/common';\nexport const probe = Injectable;\n",
      ),
    ).toEqual([]);
  });

  it('reports a lib file importing from an app', async () => {
    const messages = await restrictedImports(
      'libs/platform/src/__probe__.ts',
      "import { main } from '../../../apps/cli/src/main';\nexport const probe = main;\n",
    );
    expectReported(messages, '../../../apps/cli/src/main');
  });

  it('reports libs/projections importing @nestjs/core', async () => {
    const messages = await restrictedImports(
      'libs/projections/src/x.ts',
      "import { NestFactory } from '@nestjs/core';\nexport const probe = NestFactory;\n",
    );
    expectReported(messages, '@nestjs/core');
  });

  it('lints the whole repository with zero errors', async () => {
    const targets = ['apps', 'libs', 'test', 'bench'].filter((dir) => existsSync(join(REPO_ROOT, dir)));
    const results = await eslint.lintFiles(targets);

    const errors = results.flatMap((result) =>
      result.messages
        .filter((m) => m.severity === 2)
        .map((m) => `${result.filePath.slice(REPO_ROOT.length + 1)}:${m.line}:${m.column}  ${m.ruleId ?? '(fatal)'}  ${m.message}`),
    );
    if (errors.length > 0) {
      // Make the failing file/rule obvious in the jest output, not just a count.
      console.error(`ESLint found ${errors.length} error(s):\n${errors.join('\n')}`);
    }
    expect(errors).toEqual([]);
  }, 60_000);
});
