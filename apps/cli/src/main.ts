import 'reflect-metadata';
import { Command, Option } from 'commander';
import { loadConfig } from '@so-goc/platform';
import { printProjections, rebuildProjection } from './commands/projections';
import { SERVABLE_APPS, serveUntilSignalled, type ServableApp } from './commands/serve';

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
  .description('truncate one projection and replay every event into it (stop the projector first)')
  .argument('<projection>', 'projection name, e.g. authorities')
  .action(async (name: string) => rebuildProjection(loadConfig(), name));

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
