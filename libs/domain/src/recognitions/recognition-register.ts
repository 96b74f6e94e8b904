import type { AuthorityDirectory } from '../authorities/authority';
import { SIGNER_ROLES } from '../authorities/authority';
import { requireSignerActor, signerEntitledOn } from '../authorities/authority-directory';
import type { Decider, DomainEvent } from '../shared/decider';
import type { IsoDate } from '../shared/dates';
import { DomainError } from '../shared/errors';
import { requireIsoDate, requireOneOf, throwIfInvalid } from '../shared/validation';
import { streamAppend, type WorkflowDecision } from '../shared/workflow';
import {
  notBefore,
  RECOGNITION_LEVELS,
  recognitionStream,
  requireOpen,
  type RecognitionEvent,
  type RecognitionLevel,
  type RecognitionState,
} from './recognition';

/**
 * The recognition register (sổ theo dõi công nhận văn bằng), one per Sở and calendar year: it hands out
 * the consecutive numbers of recognition documents. Like the sổ gốc (rule 21, by analogy — Design),
 * each number is on exactly one document, with no gaps, and this stream's revision is what guarantees it.
 */
export function recognitionRegisterStream(authorityCode: string, year: number): string {
  return `recognition-register-${authorityCode}-${year}`;
}

/** "000012/CNVB-2026": the number, the register it comes from and its year. */
export function recognitionDocumentNumber(number: number, year: number): string {
  return `${String(number).padStart(6, '0')}/CNVB-${year}`;
}

export type RecognitionRegisterEvent = DomainEvent<
  'RecognitionRegisterEntryAssigned',
  { authorityCode: string; year: number; number: number; documentNumber: string; recognitionId: string }
>;

export interface RecognitionRegisterState {
  readonly entries: number;
  /** Which application holds which number: a resend after a crash reuses its number instead of taking another. */
  readonly byRecognition: ReadonlyMap<string, number>;
}

/** Only folds: numbers are handed out by the recognition workflow below, never on their own. */
export const recognitionRegisterDecider: Decider<never, RecognitionRegisterState, RecognitionRegisterEvent> = {
  initialState: { entries: 0, byRecognition: new Map() },
  evolve(state, event) {
    const byRecognition = new Map(state.byRecognition);
    byRecognition.set(event.data.recognitionId, event.data.number);
    return { entries: Math.max(state.entries, event.data.number), byRecognition };
  },
  decide() {
    return [];
  },
};

export interface RecogniseForeignDiplomaCommand {
  readonly recognitionId: string;
  readonly decidedOn: IsoDate;
  readonly equivalentTo: RecognitionLevel;
  readonly signerId: string;
  readonly directory: AuthorityDirectory;
  /** Who records the decision: only the signer (issue 17), never the registrar who prepared it. */
  readonly actor: { readonly officerId: string; readonly role: string };
}

const LEVEL_RANK: Record<RecognitionLevel, number> = { THCS: 1, THPT: 2 };

/**
 * Recognise: the next number of the decision year's register, then the decision on the application
 * (§8). The register entry comes first: a crash between the two leaves a number held by an application
 * that a resend then completes with the same number, never a recognised document without a number.
 */
export function recogniseForeignDiploma(
  recognition: RecognitionState,
  register: RecognitionRegisterState,
  command: RecogniseForeignDiplomaCommand,
): WorkflowDecision {
  throwIfInvalid(requireIsoDate('decidedOn', command.decidedOn), requireOneOf('equivalentTo', command.equivalentTo, RECOGNITION_LEVELS));
  const open = requireOpen(recognition);
  const { application } = open;
  notBefore(command.decidedOn, open.verification?.answeredOn ?? application.receivedOn, 'decidedOn');
  if (open.verification && open.verification.outcome === null)
    throw new DomainError({
      code: 'VERIFICATION_PENDING',
      kind: 'precondition_failed',
      messageVi: 'Đang chờ cơ sở giáo dục nước ngoài trả lời xác minh; chưa thể công nhận.',
      messageEn: 'The foreign issuer has not answered the verification yet.',
      field: 'recognitionId',
    });
  if (open.verification?.outcome === 'not_confirmed')
    throw new DomainError({
      code: 'FOREIGN_ISSUER_DID_NOT_CONFIRM',
      kind: 'rule_violation',
      messageVi: 'Cơ sở cấp văn bằng không xác nhận văn bằng: chỉ có thể từ chối công nhận bằng văn bản.',
      messageEn: 'The foreign issuer did not confirm the diploma: the application can only be refused in writing.',
      field: 'recognitionId',
    });
  if (LEVEL_RANK[command.equivalentTo] > LEVEL_RANK[application.foreignDiploma.levelSought])
    throw new DomainError({
      code: 'LEVEL_ABOVE_SOUGHT',
      kind: 'rule_violation',
      messageVi: `Không thể công nhận tương đương ${command.equivalentTo} khi người đề nghị xin công nhận ${application.foreignDiploma.levelSought}.`,
      messageEn: `Cannot recognise as ${command.equivalentTo} what was sought as ${application.foreignDiploma.levelSought}.`,
      field: 'equivalentTo',
    });
  const signer = signerEntitledOn(command.directory, {
    signerId: command.signerId,
    authorityCode: application.authorityCode,
    date: command.decidedOn,
    roles: SIGNER_ROLES,
  });
  requireSignerActor(command.actor, signer);
  const year = Number(command.decidedOn.slice(0, 4));
  const held = register.byRecognition.get(command.recognitionId);
  const number = held ?? register.entries + 1;
  const documentNumber = recognitionDocumentNumber(number, year);
  const entry: RecognitionRegisterEvent[] =
    held === undefined
      ? [
          {
            type: 'RecognitionRegisterEntryAssigned',
            data: { authorityCode: application.authorityCode, year, number, documentNumber, recognitionId: command.recognitionId },
          },
        ]
      : [];
  const decided: RecognitionEvent = {
    type: 'ForeignDiplomaRecognised',
    data: {
      recognitionId: command.recognitionId,
      authorityCode: application.authorityCode,
      equivalentTo: command.equivalentTo,
      documentNumber,
      registerYear: year,
      registerNumber: number,
      decidedOn: command.decidedOn,
      signerId: signer.signerId,
      signerName: signer.fullName,
      signerTitle: signer.title,
      dueOn: open.dueOn,
      late: command.decidedOn > open.dueOn,
    },
  };
  return {
    appends: [
      streamAppend(recognitionRegisterStream(application.authorityCode, year), entry),
      streamAppend(recognitionStream(command.recognitionId), [decided]),
    ],
    primaryStream: recognitionStream(command.recognitionId),
  };
}
