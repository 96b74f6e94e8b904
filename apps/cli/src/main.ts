import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Command, Option } from 'commander';
import { AUTHORITY_KINDS, DIPLOMA_KINDS, DomainError, MAX_TOKEN_LIFETIME_DAYS, type AuthorityKind, type DiplomaKind } from '@so-goc/domain';
import type { CommandOutcome } from '@so-goc/event-store';
import {
  enrolConsoleLogin,
  GraduateListRejected,
  ImportGraduationDecision,
  loadConfig,
  OfficerAccess,
  openCommandBus,
  openInfrastructure,
  SecretBox,
} from '@so-goc/platform';
import { cliContext, createFirstAdministrator } from './commands/create-admin';
import { checkGraduateList, describeCheck } from './commands/check-graduates';
import { apiBaseUrl, loadDemoProvince } from './commands/demo-province';
import { printProjections, rebuildProjection } from './commands/projections';
import { auditReport } from './commands/audit-report';
import { SERVABLE_APPS, serveUntilSignalled, type ServableApp } from './commands/serve';
import { verifyOffline } from './commands/verify';
import { checkpointNow, verifyLogNow } from './commands/event-log';
import { backupEventStore, restoreEventStore } from './commands/backup';

const program = new Command()
  .name('so-goc')
  .description('Sổ Gốc: sổ gốc văn bằng, phôi và bản sao (event-sourced diploma registry)')
  .showHelpAfterError();

program
  .command('serve')
  .description('start the system: officers’ API, verify portal and projector in one process (embedded SQLite by default)')
  .addOption(new Option('--only <apps...>', 'start only these apps').choices(SERVABLE_APPS))
  .action(async (options: { only?: ServableApp[] }) => serveUntilSignalled(loadConfig(), options.only ?? SERVABLE_APPS));

program
  .command('projections')
  .description('show each projection: version, status, checkpoint, and the store head')
  .action(async () => printProjections(loadConfig()));

program
  .command('rebuild')
  .description(
    'replay every event into one projection beside its live tables, then swap them in (stop the projector first; a portal keeps answering from the old tables)',
  )
  .argument('<projection>', 'projection name, e.g. authorities')
  .action(async (name: string) => rebuildProjection(loadConfig(), name));

program
  .command('checkpoint')
  .description('sign a checkpoint of the event log now (head position + chain hash; the running system signs one daily)')
  .action(async () => console.log(await checkpointNow(loadConfig())));

program
  .command('verify-log')
  .description("walk the event log's hash chain and its signed checkpoints; name the first event that breaks it")
  .option('--published <file|url>', 'checkpoints published by the portal (/api/v1/checkpoints), saved or live')
  .action(async (options: { published?: string }) => {
    const result = await verifyLogNow(loadConfig(), options);
    console.log(result.lines.join('\n'));
    if (!result.ok) process.exitCode = 4;
  });

program
  .command('backup')
  .description('consistent online copy of the event store (while the system writes), its keyring and a signed checkpoint')
  .argument('<dir>', 'a new or empty directory')
  .action(async (dir: string) => {
    const result = await backupEventStore(loadConfig(), dir);
    console.log(`Backed up to ${result.dir}: events up to position ${result.position}, chain hash ${result.hash}`);
  });

program
  .command('restore')
  .description('bring a backup back into a new data directory, after its chain verifies against its checkpoint')
  .argument('<backup>', 'directory made by cli backup')
  .argument('<data-dir>', 'data directory without an event store; read models are rebuilt on start')
  .action(async (backup: string, dataDir: string) => {
    const result = await restoreEventStore(backup, dataDir);
    console.log(result.lines.join('\n'));
    if (!result.ok) process.exitCode = 4;
  });

program
  .command('audit-report')
  .description('run the fraud audits once and print the findings of an authority and its units, most serious first')
  .requiredOption('--authority <code>', 'e.g. SGD-HP (a Sở sees its units too)')
  .option('--pattern <F1..F14>', 'only this pattern')
  .option('--severity <level>', 'critical | high | medium | low')
  .option('--state <state>', 'open | acknowledged | closed')
  .option('--xlsx <file>', 'also write the open findings as XLSX')
  .option('--pdf <file>', 'also write the open findings as PDF')
  .action(async (options: { authority: string; pattern?: string; severity?: string; state?: string; xlsx?: string; pdf?: string }) => {
    await auditReport(loadConfig(), options);
  });

program
  .command('create-admin')
  .description('create the first administrator on a fresh data directory and print its token once')
  .requiredOption('--authority-code <code>', 'authority the administrator works for, e.g. SGD-HP')
  .option('--authority-name <name>', 'registers the authority first when it is not in the directory yet')
  .addOption(new Option('--authority-kind <kind>', 'kind of that authority').choices(AUTHORITY_KINDS).default('province_department'))
  .option('--registered-on <date>', 'date the authority began (YYYY-MM-DD), when registering it')
  .requiredOption('--full-name <name>', 'the administrator’s full name')
  .option('--officer-id <id>', 'account id', 'admin')
  .option('--username <username>', 'login name', 'admin')
  .option('--lifetime-days <days>', `token lifetime, 1–${MAX_TOKEN_LIFETIME_DAYS} days`, '30')
  .action(
    async (options: {
      authorityCode: string;
      authorityName?: string;
      authorityKind: AuthorityKind;
      registeredOn?: string;
      fullName: string;
      officerId: string;
      username: string;
      lifetimeDays: string;
    }) => {
      const infrastructure = openInfrastructure(loadConfig());
      try {
        const host = await openCommandBus(infrastructure);
        const { token, expiresAt } = await createFirstAdministrator(host.bus, infrastructure.store, {
          ...options,
          lifetimeDays: Number(options.lifetimeDays),
        }).finally(() => host.close());
        console.log(`Administrator ${options.username} of ${options.authorityCode} created. Token (shown once, valid until ${expiresAt}):`);
        console.log(token);
      } finally {
        await infrastructure.close();
      }
    },
  );

program
  .command('console-login')
  .description(
    'give an officer a password for the web console (read from SOGOC_CONSOLE_PASSWORD or stdin) and, with --totp, a TOTP secret printed once',
  )
  .requiredOption('--authority-code <code>', 'the officer’s authority, e.g. SGD-HP')
  .requiredOption('--officer-id <id>', 'the officer’s account id')
  .option('--totp', 'enrol a TOTP second factor (required for administrators and signers)', false)
  .action(async (options: { authorityCode: string; officerId: string; totp: boolean }) => {
    const config = loadConfig();
    const infrastructure = openInfrastructure(config);
    try {
      const password = process.env['SOGOC_CONSOLE_PASSWORD'] ?? (await readStdin()).trim();
      const state = await new OfficerAccess(infrastructure.store).accessState();
      const officer = state.officers.get(options.officerId);
      if (!officer) throw new Error(`No officer ${options.officerId}`);
      const box = SecretBox.forFile(join(config.dataDir, 'console-secret.key'));
      const { otpauthUri } = await enrolConsoleLogin(
        infrastructure.store,
        box,
        { ...options, username: officer.username, password, withTotp: options.totp },
        cliContext('console-login'),
      );
      console.log(`Console password set for ${officer.username}.`);
      if (otpauthUri) console.log(`Add this to the officer’s authenticator app (shown once):\n${otpauthUri}`);
    } finally {
      await infrastructure.close();
    }
  });

program
  .command('demo')
  .description('load a demo province (Sở, districts until 2025, communes after, schools, signers, officers) into an empty data directory')
  .action(async () => {
    const infrastructure = openInfrastructure(loadConfig());
    try {
      const host = await openCommandBus(infrastructure);
      const tokens = await loadDemoProvince(host.bus, infrastructure.store).finally(() => host.close());
      console.log(`Demo province loaded into ${infrastructure.config.dataDir}. Tokens (shown once, valid 30 days):`);
      for (const officer of tokens)
        console.log(
          `  ${officer.username.padEnd(12)} ${officer.authorityCode.padEnd(9)} ${officer.roles.join(',').padEnd(14)} ${officer.token}`,
        );
      console.log(
        `Try (with npm start running): curl -H "Authorization: Bearer <token>" ${apiBaseUrl(infrastructure.config)}/api/v1/authorities/SGD-HP/subordinates`,
      );
    } finally {
      await infrastructure.close();
    }
  });

program
  .command('verify')
  .description('check a diploma PDF, a QR URL or a token offline against the published keys and print what it binds')
  .argument('<subject>', 'a PDF file, a portal URL (…/v/<token>) or the token itself')
  .option('--keys <file>', 'published key set saved from the portal (/.well-known/so-goc-keys.json); default: the local keyring')
  .option('--full-name <name>', 'with --birth-date: check that the token binds this holder')
  .option('--birth-date <date>', 'YYYY-MM-DD, or as printed')
  .action((subject: string, options: { keys?: string; fullName?: string; birthDate?: string }) => {
    const result = verifyOffline(subject, options);
    console.log(result.lines.join('\n'));
    if (!result.ok) process.exitCode = 3;
  });

program
  .command('check-graduates')
  .description('check a graduate list (XLSX or CSV) and list every bad row; records nothing')
  .argument('<file>', 'the list as the school sent it')
  .addOption(new Option('--kind <kind>', 'diploma kind').choices(DIPLOMA_KINDS).makeOptionMandatory())
  .requiredOption('--decision-date <date>', 'date of the graduation decision (YYYY-MM-DD)')
  .action(async (file: string, options: { kind: DiplomaKind; decisionDate: string }) => {
    const list = await checkGraduateList(file, options);
    console.log(describeCheck(file, list));
    if (list.problems.length > 0) process.exitCode = 2;
  });

program
  .command('import-decision')
  .description('record a graduation decision from the graduate list file; nothing is recorded unless every row is clean')
  .argument('<file>', 'the list (XLSX or CSV)')
  .requiredOption('--authority <code>', 'authority that issued the decision, e.g. SGD-HP')
  .requiredOption('--decision-id <id>', 'stable id, e.g. sgd-hp-1234-2024')
  .requiredOption('--number <number>', 'decision number, e.g. 1234/QĐ-SGDĐT')
  .requiredOption('--date <date>', 'decision date (YYYY-MM-DD)')
  .addOption(new Option('--kind <kind>', 'diploma kind').choices(DIPLOMA_KINDS).makeOptionMandatory())
  .requiredOption('--school-year <years>', 'e.g. 2023-2024')
  .option('--exam-session <name>', 'exam session, where the kind has one')
  .option('--command-id <uuid>', 'reuse to make a retried import record nothing twice')
  .action(
    async (
      file: string,
      options: {
        authority: string;
        decisionId: string;
        number: string;
        date: string;
        kind: DiplomaKind;
        schoolYear: string;
        examSession?: string;
        commandId?: string;
      },
    ) => {
      const infrastructure = openInfrastructure(loadConfig());
      try {
        const context = {
          ...cliContext('import-decision'),
          ...(options.commandId ? { commandId: options.commandId, correlationId: options.commandId, causationId: options.commandId } : {}),
        };
        const host = await openCommandBus(infrastructure);
        const outcome: CommandOutcome = await host.bus
          .execute(
            new ImportGraduationDecision(
              {
                ...options,
                authorityCode: options.authority,
                examSession: options.examSession ?? null,
                fileName: basename(file),
                bytes: new Uint8Array(readFileSync(file)),
              },
              context,
            ),
          )
          .finally(() => host.close());
        const count = outcome.events
          .filter((e) => e.type === 'GraduatesListed')
          .reduce((n, e) => n + (e.data as { graduates: unknown[] }).graduates.length, 0);
        console.log(
          outcome.alreadyHandled
            ? 'Đã ghi nhận trước đó; không ghi thêm gì.'
            : `Đã ghi nhận quyết định ${options.number}: ${count} người tốt nghiệp.`,
        );
      } catch (error) {
        if (error instanceof GraduateListRejected) {
          const rows = describeCheck(file, { records: [], problems: error.rowProblems, columns: {} }).split('\n').slice(1);
          console.error([`${basename(file)}: ${error.problem.messageVi}`, ...rows].join('\n'));
          process.exitCode = 2;
          return;
        }
        throw error;
      } finally {
        await infrastructure.close();
      }
    },
  );

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof DomainError) console.error(`${error.problem.code}: ${error.problem.messageVi}\n${error.problem.messageEn}`);
  else console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk: string) => (text += chunk));
    process.stdin.on('end', () => resolve(text));
    process.stdin.on('error', reject);
  });
}
