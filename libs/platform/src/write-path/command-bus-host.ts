import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import type { Infrastructure } from '../infrastructure';
import { WritePathModule } from './write-path.module';

export interface CommandBusHost {
  readonly bus: CommandBus;
  close(): Promise<void>;
}

/** The write path outside an HTTP app: the CLI (demo, create-admin, import-decision) and tests dispatch here. */
export async function openCommandBus(infrastructure: Infrastructure): Promise<CommandBusHost> {
  const context = await NestFactory.createApplicationContext(WritePathModule.register(infrastructure), { logger: false });
  return { bus: context.get(CommandBus), close: () => context.close() };
}
