/**
 * Dependency direction (architecture.md §2), enforced by eslint.config.mjs through
 * `@typescript-eslint/no-restricted-imports`. Each case lints a small probe file at a path
 * that does not need to exist: ESLint picks the config for `filePath` from its location.
 *
 * Why a child process: ESLint loads eslint.config.mjs with a dynamic `import()`, which
 * Jest's module sandbox refuses unless Node runs with --experimental-vm-modules
 * ("A dynamic import callback was invoked without --experimental-vm-modules"). So the
 * ESLint Node API (`new ESLint({ cwd })`, `lintText(code, { filePath })`, `lintFiles`)
 * runs in a plain `node` child (see ESLINT_RUNNER) and hands the results back as JSON.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Linter } from 'eslint';

const REPO_ROOT = resolve(__dirname, '..', '..');

type Message = Pick<Linter.LintMessage, 'ruleId' | 'severity' | 'message' | 'line' | 'column'>;
interface FileResult {
  filePath: string;
  messages: Message[];
}
interface Probe {
  filePath: string;
  code: string;
}
interface LintRequest {
  probes?: Probe[];
  lintFiles?: string[];
}
interface LintResponse {
  probes: FileResult[];
  lintFiles: FileResult[];
}

/** CommonJS script run by `node -e` in REPO_ROOT: reads a LintRequest on stdin, prints a LintResponse. */
const ESLINT_RUNNER = `
const { readFileSync } = require('node:fs');
const { ESLint } = require('eslint');
const compact = (r) => ({
  filePath: r.filePath,
  messages: r.messages.map(({ ruleId, severity, message, line, column }) => ({ ruleId, severity, message, line, column })),
});
(async () => {
  const request = JSON.parse(readFileSync(0, 'utf8'));
  // errorOnUnmatchedPattern: false -> a folder with no .ts files yet (e.g. an empty apps/) is not an error.
  const eslint = new ESLint({ cwd: process.cwd(), errorOnUnmatchedPattern: false });
  const probes = [];
  for (const { filePath, code } of request.probes || []) {
    const [result] = await eslint.lintText(code, { filePath });
    probes.push(compact(result));
  }
  const lintFiles = request.lintFiles && request.lintFiles.length > 0
    ? (await eslint.lintFiles(request.lintFiles)).map(compact)
    : [];
  process.stdout.write(JSON.stringify({ probes, lintFiles }));
})().catch((err) => {
  process.stderr.write(String((err && err.stack) || err));
  process.exitCode = 1;
});
`;

function runEslint(request: LintRequest, timeoutMs: number): LintResponse {
  const child = spawnSync(process.execPath, ['-e', ESLINT_RUNNER], {
    cwd: REPO_ROOT,
    input: JSON.stringify(request),
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.error) throw child.error;
  if (child.status !== 0) {
    throw new Error(`ESLint runner exited with ${child.status ?? child.signal}:\n${child.stderr}`);
  }
  return JSON.parse(child.stdout) as LintResponse;
}

// --- probes ----------------------------------------------------------------------------

const PROBES = {
  domainImportsNest: {
    filePath: 'libs/domain/src/__probe__.ts',
    code: "import { Injectable } from '@nestjs/common';\nexport const probe = Injectable;\n",
  },
  domainImportsOtherLib: {
    filePath: 'libs/domain/src/__probe__.ts',
    code: "import type { EventStore } from '@so-goc/event-store';\nexport type Probe = EventStore;\n",
  },
  sqliteImportsEsdbClient: {
    filePath: 'libs/event-store/src/sqlite/__probe__.ts',
    code: "import { EventStoreDBClient } from '@eventstore/db-client';\nexport const probe = EventStoreDBClient;\n",
  },
  esdbAdapterImportsEsdbClient: {
    filePath: 'libs/event-store/src/esdb/x.ts',
    code: "import { EventStoreDBClient } from '@eventstore/db-client';\nexport const probe = EventStoreDBClient;\n",
  },
  appImportsEsdbClient: {
    filePath: 'apps/registry-api/src/x.ts',
    code: "import { EventStoreDBClient } from '@eventstore/db-client';\nexport const probe = EventStoreDBClient;\n",
  },
  appImportsNest: {
    filePath: 'apps/registry-api/src/x.ts',
    code: "import { Injectable } from '@nestjs/common';\nexport const probe = Injectable;\n",
  },
  libImportsApp: {
    filePath: 'libs/platform/src/__probe__.ts',
    code: "import { main } from '../../../apps/cli/src/main';\nexport const probe = main;\n",
  },
  controllerReadsReadModel: {
    filePath: 'apps/registry-api/src/blanks/__probe__.controller.ts',
    code: "import { blankLedger, type LedgerRow } from '@so-goc/projections';\nexport const probe: [typeof blankLedger, LedgerRow?] = [blankLedger];\n",
  },
  consoleControllerReadsReadModel: {
    filePath: 'apps/registry-api/src/console/__probe__.controller.ts',
    code: "import { recognitionById } from '@so-goc/projections';\nexport const probe = recognitionById;\n",
  },
  newAreaControllerReadsReadModel: {
    filePath: 'apps/registry-api/src/__probe_area__/__probe__.controller.ts',
    code: "import { legacyBook } from '@so-goc/projections';\nexport const probe = legacyBook;\n",
  },
  controllerImportsProjectionTypes: {
    filePath: 'apps/registry-api/src/blanks/__probe__.controller.ts',
    code: "import { AUDIT_PATTERNS, type LedgerRow } from '@so-goc/projections';\nexport const probe: [typeof AUDIT_PATTERNS, LedgerRow?] = [AUDIT_PATTERNS];\n",
  },
  projectionsImportsNest: {
    filePath: 'libs/projections/src/x.ts',
    code: "import { NestFactory } from '@nestjs/core';\nexport const probe = NestFactory;\n",
  },
} satisfies Record<string, Probe>;

type ProbeName = keyof typeof PROBES;

describe('dependency direction (architecture.md §2)', () => {
  let probeResults: Map<ProbeName, Message[]>;

  beforeAll(() => {
    const names = Object.keys(PROBES) as ProbeName[];
    const { probes } = runEslint(
      { probes: names.map((name) => ({ ...PROBES[name], filePath: join(REPO_ROOT, PROBES[name].filePath) })) },
      30_000,
    );
    probeResults = new Map(names.map((name, i) => [name, probes[i]?.messages ?? []]));
  }, 30_000);

  /** The no-restricted-imports messages (core or @typescript-eslint) reported for a probe. */
  function restrictedImports(name: ProbeName): Message[] {
    const messages = probeResults.get(name);
    if (!messages) throw new Error(`no ESLint result for probe ${name}`);
    return messages.filter((m) => m.ruleId?.includes('no-restricted-imports'));
  }

  function expectReported(name: ProbeName, specifier: string): void {
    const messages = restrictedImports(name);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.severity).toBe(2);
    expect(messages[0]?.message).toContain(`'${specifier}'`);
    expect(messages[0]?.message).toContain('architecture.md §2');
  }

  it('reports a domain file importing @nestjs/common', () => {
    expectReported('domainImportsNest', '@nestjs/common');
  });

  it('reports a domain file importing another lib (@so-goc/event-store)', () => {
    expectReported('domainImportsOtherLib', '@so-goc/event-store');
  });

  it('reports @eventstore/db-client in libs/event-store/src/sqlite/ but not in libs/event-store/src/esdb/', () => {
    expectReported('sqliteImportsEsdbClient', '@eventstore/db-client');
    expect(restrictedImports('esdbAdapterImportsEsdbClient')).toEqual([]);
  });

  it('reports @eventstore/db-client in an app, but lets the app import @nestjs/common', () => {
    expectReported('appImportsEsdbClient', '@eventstore/db-client');
    expect(restrictedImports('appImportsNest')).toEqual([]);
  });

  it('reports a lib file importing from an app', () => {
    expectReported('libImportsApp', '../../../apps/cli/src/main');
  });

  it('reports libs/projections importing @nestjs/core', () => {
    expectReported('projectionsImportsNest', '@nestjs/core');
  });

  it("reports an officers' API controller calling a read-model function instead of the QueryBus (issue 12), not its types or constants", () => {
    const syntax = (name: ProbeName) => (probeResults.get(name) ?? []).filter((m) => m.ruleId === 'no-restricted-syntax');
    expect(syntax('controllerReadsReadModel')).toHaveLength(1);
    expect(syntax('controllerReadsReadModel')[0]?.message).toContain('QueryBus');
    expect(syntax('controllerImportsProjectionTypes')).toEqual([]);
    // Every controller of the registry API, the console's pages and any new area included (only the named
    // files not yet moved are left out): the same question has one answer, not one per controller.
    expect(syntax('consoleControllerReadsReadModel')[0]?.message).toContain('QueryBus');
    expect(syntax('newAreaControllerReadsReadModel')[0]?.message).toContain('QueryBus');
  });

  it('lints the whole repository with zero errors', () => {
    const targets = ['apps', 'libs', 'test', 'bench'].filter((dir) => existsSync(join(REPO_ROOT, dir)));
    const { lintFiles } = runEslint({ lintFiles: targets }, 170_000);

    const errors = lintFiles.flatMap((result) =>
      result.messages
        .filter((m) => m.severity === 2)
        .map(
          (m) => `${result.filePath.slice(REPO_ROOT.length + 1)}:${m.line}:${m.column}  ` + `${m.ruleId ?? '(parse error)'}  ${m.message}`,
        ),
    );
    if (errors.length > 0) {
      // Make the offending file/line/rule obvious in the jest output, not just a count.
      console.error(`ESLint found ${errors.length} error(s):\n${errors.join('\n')}`);
    }
    expect(errors).toEqual([]);
  }, 60_000);
});
