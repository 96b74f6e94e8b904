import { NestFactory } from '@nestjs/core';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Infrastructure } from '../infrastructure';
import { WritePathModule } from './write-path.module';

export interface CommandBusHost {
  readonly bus: CommandBus;
  /** The officers' queries, over the same read models. */
  readonly queries: QueryBus;
  close(): Promise<void>;
}

/** The write path (and the officers' queries) outside an HTTP app: the CLI (demo, create-admin, import-decision) and tests dispatch here. */
export async function openCommandBus(infrastructure: Infrastructure): Promise<CommandBusHost> {
  const context = await NestFactory.createApplicationContext(WritePathModule.register(infrastructure), { logger: false });
  return { bus: context.get(CommandBus), queries: context.get(QueryBus), close: () => context.close() };
}
