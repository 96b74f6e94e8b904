import { actedOnIfKnown, requireActDate } from '../shared/plausible-dates';
import type { DomainEvent, Decider } from '../shared/decider';
import type { IsoDate } from '../shared/dates';
import { DomainError, type FieldProblem } from '../shared/errors';
import { throwIfInvalid, requireOptionalText, requirePattern, requireText, requirePersonText } from '../shared/validation';
import type { AuthorityDirectory } from '../authorities/authority';
import { signerEntitledOn } from '../authorities/authority-directory';
import { SIGNER_ROLES } from '../authorities/authority';

/**
 * An official letter (công văn) from police, an employer or a school asking the office to confirm
 * diplomas (docs/domain.md §2.9). Every request and every answer is kept.
 */
export function verificationRequestStream(requestId: string): string {
  return `verification-request-${requestId}`;
}

/** The people to check, as the letter gives them. */
export interface VerificationSubject {
  readonly fullName: string;
  readonly birthDate: string | null;
  readonly serial: string | null;
  readonly registerNumber: string | null;
}

export const VERIFICATION_RESULTS = ['MATCH', 'MISMATCH', 'NOT_FOUND', 'REVOKED', 'CORRECTED'] as const;
export type VerificationResult = (typeof VERIFICATION_RESULTS)[number];

export interface SubjectAnswer {
  readonly result: VerificationResult;
  /** MISMATCH: which of the letter's fields differ from the register. */
  readonly mismatchedFields: readonly string[];
  /** REVOKED / CORRECTED: the decisions, as the public may see them. */
  readonly decisions: readonly { decisionNumber: string; decisionDate: IsoDate }[];
  readonly diplomaId: string | null;
}

export type VerificationRequestEvent =
  | DomainEvent<
      'VerificationRequestReceived',
      {
        requestId: string;
        authorityCode: string;
        organisation: string;
        letterNumber: string;
        letterDate: IsoDate;
        receivedOn: IsoDate;
        legalBasis: string | null;
        subjects: VerificationSubject[];
      }
    >
  | DomainEvent<
      'VerificationRequestAnswered',
      {
        requestId: string;
        answers: SubjectAnswer[];
        responseLetterNumber: string;
        respondedOn: IsoDate;
        signerName: string;
        signerTitle: string;
      }
    >;

export type VerificationRequestCommand =
  | {
      type: 'ReceiveVerificationRequest';
      requestId: string;
      authorityCode: string;
      organisation: string;
      letterNumber: string;
      letterDate: IsoDate;
      receivedOn: IsoDate;
      legalBasis?: string | null;
      subjects: VerificationSubject[];
    }
  | {
      type: 'AnswerVerificationRequest';
      requestId: string;
      answers: SubjectAnswer[];
      responseLetterNumber: string;
      respondedOn: IsoDate;
      signerId: string;
      directory: AuthorityDirectory;
    };

export type VerificationRequestState =
  | { readonly status: 'none' }
  | {
      readonly status: 'received' | 'answered';
      readonly request: Extract<VerificationRequestEvent, { type: 'VerificationRequestReceived' }>['data'];
    };

export const verificationRequestDecider: Decider<VerificationRequestCommand, VerificationRequestState, VerificationRequestEvent> = {
  initialState: { status: 'none' },
  evolve(state, event) {
    if (event.type === 'VerificationRequestReceived') return { status: 'received', request: event.data };
    return state.status === 'none' ? state : { ...state, status: 'answered' };
  },
  decide(command, state, context) {
    // A letter, its receipt and the answer are dated by days that have come (issue 16).
    const actedOn = actedOnIfKnown(context);
    if (command.type === 'ReceiveVerificationRequest') {
      throwIfInvalid(
        requirePattern(
          'requestId',
          command.requestId,
          /^[A-Za-z0-9][A-Za-z0-9-]{1,63}$/,
          'gồm chữ, số, gạch ngang',
          'must be letters, digits, hyphens',
        ),
        requirePersonText('organisation', command.organisation, 300),
        requireText('letterNumber', command.letterNumber, 100),
        requireActDate('letterDate', command.letterDate, actedOn),
        requireActDate('receivedOn', command.receivedOn, actedOn),
        requireOptionalText('legalBasis', command.legalBasis, 500),
        ...subjectsProblems(command.subjects),
      );
      if (state.status !== 'none')
        throw new DomainError({
          code: 'VERIFICATION_REQUEST_EXISTS',
          kind: 'conflict',
          messageVi: 'Công văn này đã được tiếp nhận.',
          messageEn: 'This letter was already received.',
          field: 'requestId',
        });
      return [
        {
          type: 'VerificationRequestReceived',
          data: {
            requestId: command.requestId,
            authorityCode: command.authorityCode,
            organisation: command.organisation.trim(),
            letterNumber: command.letterNumber.trim(),
            letterDate: command.letterDate,
            receivedOn: command.receivedOn,
            legalBasis: command.legalBasis?.trim() || null,
            subjects: command.subjects.map((s) => ({
              fullName: s.fullName.trim().replace(/\s+/g, ' '),
              birthDate: s.birthDate?.trim() || null,
              serial: s.serial?.trim().toUpperCase() || null,
              registerNumber: s.registerNumber?.trim().toUpperCase() || null,
            })),
          },
        },
      ];
    }
    if (state.status === 'none')
      throw new DomainError({
        code: 'VERIFICATION_REQUEST_NOT_FOUND',
        kind: 'not_found',
        messageVi: 'Không có công văn này.',
        messageEn: 'No such letter.',
        field: 'requestId',
      });
    if (state.status === 'answered')
      throw new DomainError({
        code: 'VERIFICATION_REQUEST_ANSWERED',
        kind: 'conflict',
        messageVi: 'Công văn đã được trả lời.',
        messageEn: 'The letter was already answered.',
        field: 'requestId',
      });
    throwIfInvalid(
      requireText('responseLetterNumber', command.responseLetterNumber, 100),
      requireActDate('respondedOn', command.respondedOn, actedOn),
      Array.isArray(command.answers) &&
        command.answers.length === state.request.subjects.length &&
        command.answers.every((a) => (VERIFICATION_RESULTS as readonly string[]).includes(a?.result))
        ? undefined
        : {
            field: 'answers',
            code: 'ANSWERS_INCOMPLETE',
            messageVi: 'Phải trả lời từng người được hỏi.',
            messageEn: 'Every person asked about needs an answer.',
          },
    );
    if (command.respondedOn < state.request.receivedOn)
      throw new DomainError({
        code: 'DATE_TOO_EARLY',
        kind: 'rule_violation',
        messageVi: 'Ngày trả lời trước ngày nhận công văn.',
        messageEn: 'The answer is dated before the letter was received.',
        field: 'respondedOn',
      });
    const signer = signerEntitledOn(command.directory, {
      signerId: command.signerId,
      authorityCode: state.request.authorityCode,
      date: command.respondedOn,
      roles: SIGNER_ROLES,
    });
    return [
      {
        type: 'VerificationRequestAnswered',
        data: {
          requestId: command.requestId,
          answers: command.answers,
          responseLetterNumber: command.responseLetterNumber.trim(),
          respondedOn: command.respondedOn,
          signerName: signer.fullName,
          signerTitle: signer.title,
        },
      },
    ];
  },
};

function subjectsProblems(subjects: unknown): (FieldProblem | undefined)[] {
  if (!Array.isArray(subjects) || subjects.length === 0 || subjects.length > 200) {
    return [
      {
        field: 'subjects',
        code: 'OUT_OF_RANGE',
        messageVi: 'Công văn phải nêu từ 1 đến 200 người cần xác minh.',
        messageEn: 'The letter must name 1 to 200 people.',
      },
    ];
  }
  return subjects.flatMap((s: Partial<VerificationSubject>, i) => [
    requirePersonText(`subjects[${i}].fullName`, s?.fullName, 120),
    s?.serial || s?.registerNumber || s?.birthDate
      ? undefined
      : {
          field: `subjects[${i}]`,
          code: 'SUBJECT_UNIDENTIFIABLE',
          messageVi: 'Cần ít nhất số hiệu, số vào sổ hoặc ngày sinh.',
          messageEn: 'Give at least a serial, a register number or a birth date.',
        },
  ]);
}
