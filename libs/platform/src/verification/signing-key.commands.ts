import { CommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '@so-goc/domain';
import type { CommandOutcome } from '@so-goc/event-store';
import { OfficerCommand, OfficerCommandHandler } from '../write-path/officer-command';
import { FileKeyring } from './file-keyring';
import { KeyPublication } from './key-publication';

/**
 * Puts the authority's current signing key into the national directory before a token signed with
 * it leaves this node. It rides along with another act (a print job, a PDF), so it never takes that
 * request's Idempotency-Key: the key would then be spent on this and refused for the act itself.
 */
export class PublishSigningKey extends OfficerCommand<{ authorityCode: string }> {
  static for(authorityCode: string, context: CommandContext): PublishSigningKey {
    const { idempotency: _spentByTheActItself, ...withoutKey } = context;
    return new PublishSigningKey({ authorityCode }, withoutKey);
  }
}

@CommandHandler(PublishSigningKey)
export class PublishSigningKeyHandler extends OfficerCommandHandler<PublishSigningKey> {
  private publication: KeyPublication | undefined;

  protected handle({ input, context }: PublishSigningKey): Promise<CommandOutcome> {
    // One per process: it keeps the directory folded and reads only what was appended since.
    this.publication ??= new KeyPublication(this.deps.store, FileKeyring.forConfig(this.deps.infrastructure.config));
    return this.publication.ensurePublished(input.authorityCode, context);
  }
}

export const SIGNING_KEY_COMMAND_HANDLERS = [PublishSigningKeyHandler];
