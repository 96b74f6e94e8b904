import { CommandHandler } from '@nestjs/cqrs';
import type { CommandOutcome } from '@so-goc/event-store';
import { OfficerCommand, OfficerCommandHandler } from '../write-path/officer-command';
import { importGraduationDecision, type GraduationDecisionFile } from './import-graduation-decision';

/** A graduation decision from the office's file: refused whole while any row is bad (rules 1–4). */
export class ImportGraduationDecision extends OfficerCommand<GraduationDecisionFile> {}
@CommandHandler(ImportGraduationDecision)
export class ImportGraduationDecisionHandler extends OfficerCommandHandler<ImportGraduationDecision> {
  protected handle({ input, context, ifMatch }: ImportGraduationDecision): Promise<CommandOutcome> {
    return importGraduationDecision(this.deps.store, input, context, ifMatch);
  }
}
