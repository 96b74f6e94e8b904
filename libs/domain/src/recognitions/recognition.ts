import type { AuthorityDirectory } from '../authorities/authority';
import { SIGNER_ROLES } from '../authorities/authority';
import { isActiveOn, requireSignerActor, signerEntitledOn } from '../authorities/authority-directory';
import { addWorkingDays } from '../calendar/working-days';
import type { Calendar } from '../calendar/holiday-calendar';
import type { Decider, DomainEvent } from '../shared/decider';
import type { IsoDate } from '../shared/dates';
import { DomainError, type FieldProblem } from '../shared/errors';
import {
  requireIsoDate,
  requireOneOf,
  requireOptionalText,
  requirePattern,
  requirePersonText,
  requireText,
  throwIfInvalid,
} from '../shared/validation';

/**
 * Recognition of a general-education diploma issued abroad (docs/domain.md §8: TT 13/2021/TT-BGDĐT,
 * amended by TT 07/2024/TT-BGDĐT; H that the procedure exists): the Sở decides whether a foreign
 * lower- or upper-secondary diploma is equivalent to the Vietnamese THCS or THPT diploma. One stream per
 * application: received with its dossier → (verification sent to the foreign issuer → answered) →
 * recognised (with a number in the recognition register) or refused in writing with reasons.
 */
export function recognitionStream(recognitionId: string): string {
  return `recognition-${recognitionId}`;
}

/** What a foreign diploma may be recognised as equivalent to (§8: THCS or THPT level). */
export const RECOGNITION_LEVELS = ['THCS', 'THPT'] as const;
export type RecognitionLevel = (typeof RECOGNITION_LEVELS)[number];

export const RECOGNITION_CHANNELS = ['online', 'counter', 'post'] as const;
export type RecognitionChannel = (typeof RECOGNITION_CHANNELS)[number];

/**
 * The dossier of §8: the diploma (or its copy from the register) with a notarised translation, the
 * transcript, evidence of the study abroad, and the applicant's authorisation to verify with the foreign
 * issuer. Each document is kept as its SHA-256, so what the officer saw can be proved later.
 */
export const DOSSIER_DOCUMENT_KINDS = [
  'diploma',
  'translation',
  'transcript',
  'study_evidence',
  'verification_authorisation',
  'other',
] as const;
export type DossierDocumentKind = (typeof DOSSIER_DOCUMENT_KINDS)[number];
export const REQUIRED_DOSSIER_DOCUMENTS: readonly DossierDocumentKind[] = [
  'diploma',
  'translation',
  'transcript',
  'study_evidence',
  'verification_authorisation',
];

export const VERIFICATION_OUTCOMES = ['confirmed', 'not_confirmed'] as const;
export type ForeignVerificationOutcome = (typeof VERIFICATION_OUTCOMES)[number];

/**
 * The legal deadline as data (architecture §3: the regime is a dated table, not scattered ifs).
 * TT 13/2021 as amended by TT 07/2024: the result within 20 working days of a complete dossier, and
 * within 45 working days when the authenticity must be verified with the foreign issuer. Confidence L:
 * the figures are recalled from the circular and are not restated in docs/domain.md, so no article
 * number is cited here (§0.2); change this row, not the code, when the text is confirmed.
 */
export const RECOGNITION_DEADLINES: readonly {
  readonly from: IsoDate;
  readonly to: IsoDate | null;
  readonly workingDays: number;
  readonly workingDaysWithVerification: number;
  readonly basis: string;
}[] = [
  {
    from: '2021-07-01',
    to: null,
    workingDays: 20,
    workingDaysWithVerification: 45,
    basis: 'TT 13/2021/TT-BGDĐT, sửa đổi bởi TT 07/2024/TT-BGDĐT',
  },
];

export function recognitionDeadlineOn(date: IsoDate): (typeof RECOGNITION_DEADLINES)[number] {
  const row = RECOGNITION_DEADLINES.find((r) => r.from <= date && (r.to === null || date <= r.to)) ?? RECOGNITION_DEADLINES[0]!;
  return row;
}

export interface RecognitionApplicant {
  readonly fullName: string;
  readonly birthDate: IsoDate;
  readonly birthPlace: string | null;
  readonly nationality: string;
  readonly idDocument: { readonly kind: string; readonly number: string };
}

export interface ForeignDiploma {
  /** As printed, in its own language (e.g. "High School Diploma"). */
  readonly title: string;
  readonly issuer: string;
  readonly country: string;
  readonly issuedOn: IsoDate;
  readonly number: string | null;
  /** The level the applicant asks for. */
  readonly levelSought: RecognitionLevel;
}

export interface DossierDocument {
  readonly kind: DossierDocumentKind;
  readonly name: string;
  /** Lower-case hex SHA-256 of the file as received. */
  readonly sha256: string;
}

export interface RecognitionApplication {
  readonly recognitionId: string;
  readonly authorityCode: string;
  readonly channel: RecognitionChannel;
  /** The day the dossier was complete: the deadline counts from it. */
  readonly receivedOn: IsoDate;
  readonly applicant: RecognitionApplicant;
  readonly foreignDiploma: ForeignDiploma;
  readonly dossier: readonly DossierDocument[];
  readonly dueOn: IsoDate;
  readonly deadlineBasis: string;
}

export interface RecognitionDecisionData {
  readonly recognitionId: string;
  readonly authorityCode: string;
  readonly equivalentTo: RecognitionLevel;
  readonly documentNumber: string;
  readonly registerYear: number;
  readonly registerNumber: number;
  readonly decidedOn: IsoDate;
  readonly signerId: string;
  readonly signerName: string;
  readonly signerTitle: string;
  readonly dueOn: IsoDate;
  /** Decided after the legal deadline: recorded, never hidden. */
  readonly late: boolean;
}

export type RecognitionEvent =
  | DomainEvent<'RecognitionApplicationReceived', RecognitionApplication>
  | DomainEvent<
      'RecognitionVerificationSent',
      { recognitionId: string; sentOn: IsoDate; letterNumber: string; addressee: string; dueOn: IsoDate }
    >
  | DomainEvent<
      'RecognitionVerificationAnswered',
      { recognitionId: string; answeredOn: IsoDate; outcome: ForeignVerificationOutcome; reference: string; note: string | null }
    >
  | DomainEvent<'ForeignDiplomaRecognised', RecognitionDecisionData>
  | DomainEvent<
      'RecognitionRefused',
      {
        recognitionId: string;
        authorityCode: string;
        refusedOn: IsoDate;
        letterNumber: string;
        reasons: string;
        signerId: string;
        signerName: string;
        signerTitle: string;
        dueOn: IsoDate;
        late: boolean;
      }
    >
  | DomainEvent<'RecognitionRevoked', RecognitionRevocation>;

/**
 * Revocation of a recognition document (issue 18 item 3 of the after-issuance work): the Sở that recognised
 * a foreign diploma withdraws its document by a written decision stating its reasons — mirroring what rules
 * 40–42 say of a diploma (fraud in the dossier, a foreign diploma found not genuine, issued without authority).
 * Terminal, like a diploma's revocation (rule 45): the portal then answers REVOKED with the decision.
 */
export const RECOGNITION_REVOCATION_GROUNDS = [
  'fraudulent_dossier',
  'foreign_diploma_not_genuine',
  'not_eligible',
  'issued_without_authority',
  'issuer_error',
] as const;
export type RecognitionRevocationGround = (typeof RECOGNITION_REVOCATION_GROUNDS)[number];

export interface RecognitionRevocation {
  readonly recognitionId: string;
  readonly authorityCode: string;
  readonly documentNumber: string;
  readonly decisionNumber: string;
  readonly revokedOn: IsoDate;
  readonly grounds: readonly RecognitionRevocationGround[];
  readonly reasons: string;
  readonly signerId: string;
  readonly signerName: string;
  readonly signerTitle: string;
}

export interface OpenRecognition {
  readonly status: 'received' | 'verifying' | 'verified';
  readonly application: RecognitionApplication;
  readonly dueOn: IsoDate;
  readonly verification: {
    readonly sentOn: IsoDate;
    readonly outcome: ForeignVerificationOutcome | null;
    readonly answeredOn: IsoDate | null;
  } | null;
}

export type RecognitionState =
  | { readonly status: 'none' }
  | OpenRecognition
  | (Omit<OpenRecognition, 'status'> & {
      readonly status: 'recognised' | 'refused' | 'revoked';
      /** The document's number and date, once recognised (what a revocation cites). */
      readonly recognised?: { readonly documentNumber: string; readonly decidedOn: IsoDate };
    });

export type RecognitionCommand =
  | {
      type: 'ReceiveRecognitionApplication';
      recognitionId: string;
      authorityCode: string;
      channel: RecognitionChannel;
      receivedOn: IsoDate;
      applicant: RecognitionApplicant;
      foreignDiploma: ForeignDiploma;
      dossier: readonly DossierDocument[];
      directory: AuthorityDirectory;
      calendar: Calendar;
    }
  | {
      type: 'SendRecognitionVerification';
      recognitionId: string;
      sentOn: IsoDate;
      letterNumber: string;
      addressee: string;
      calendar: Calendar;
    }
  | {
      type: 'RecordRecognitionVerificationAnswer';
      recognitionId: string;
      answeredOn: IsoDate;
      outcome: ForeignVerificationOutcome;
      reference: string;
      note?: string | null;
    }
  | {
      type: 'RefuseRecognition';
      recognitionId: string;
      refusedOn: IsoDate;
      letterNumber: string;
      reasons: string;
      signerId: string;
      directory: AuthorityDirectory;
    }
  | {
      type: 'RevokeRecognition';
      recognitionId: string;
      decisionNumber: string;
      revokedOn: IsoDate;
      grounds: readonly RecognitionRevocationGround[];
      reasons: string;
      signerId: string;
      directory: AuthorityDirectory;
    };

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{1,63}$/;
const SHA256 = /^[0-9a-f]{64}$/;

export const recognitionDecider: Decider<RecognitionCommand, RecognitionState, RecognitionEvent> = {
  initialState: { status: 'none' },
  evolve(state, event) {
    switch (event.type) {
      case 'RecognitionApplicationReceived':
        return { status: 'received', application: event.data, dueOn: event.data.dueOn, verification: null };
      case 'RecognitionVerificationSent':
        return state.status === 'none'
          ? state
          : {
              ...state,
              status: 'verifying',
              dueOn: event.data.dueOn,
              verification: { sentOn: event.data.sentOn, outcome: null, answeredOn: null },
            };
      case 'RecognitionVerificationAnswered':
        return state.status === 'none' || !state.verification
          ? state
          : {
              ...state,
              status: 'verified',
              verification: { ...state.verification, outcome: event.data.outcome, answeredOn: event.data.answeredOn },
            };
      case 'ForeignDiplomaRecognised':
        return state.status === 'none'
          ? state
          : { ...state, status: 'recognised', recognised: { documentNumber: event.data.documentNumber, decidedOn: event.data.decidedOn } };
      case 'RecognitionRefused':
        return state.status === 'none' ? state : { ...state, status: 'refused' };
      case 'RecognitionRevoked':
        return state.status === 'none' ? state : { ...state, status: 'revoked' };
    }
  },
  decide(command, state, context) {
    if (command.type === 'ReceiveRecognitionApplication') return receive(command, state);
    if (command.type === 'RevokeRecognition') return revoke(command, state, context);
    const open = requireOpen(state);
    switch (command.type) {
      case 'SendRecognitionVerification': {
        throwIfInvalid(
          requireIsoDate('sentOn', command.sentOn),
          requireText('letterNumber', command.letterNumber, 100),
          requirePersonText('addressee', command.addressee, 300),
        );
        if (open.verification)
          throw conflict(
            'VERIFICATION_ALREADY_SENT',
            'Đã gửi đề nghị xác minh cho cơ sở cấp văn bằng.',
            'Verification was already requested.',
          );
        notBefore(command.sentOn, open.application.receivedOn, 'sentOn');
        // §8: the dossier carries the applicant's authorisation to verify; without it nothing is sent abroad.
        if (!open.application.dossier.some((d) => d.kind === 'verification_authorisation'))
          throw new DomainError({
            code: 'VERIFICATION_NOT_AUTHORISED',
            kind: 'rule_violation',
            messageVi: 'Hồ sơ không có văn bản cho phép xác minh của người đề nghị.',
            messageEn: 'The dossier holds no authorisation to verify.',
            field: 'dossier',
          });
        const deadline = recognitionDeadlineOn(open.application.receivedOn);
        return [
          {
            type: 'RecognitionVerificationSent',
            data: {
              recognitionId: command.recognitionId,
              sentOn: command.sentOn,
              letterNumber: command.letterNumber.trim(),
              addressee: command.addressee.trim(),
              dueOn: addWorkingDays(command.calendar, open.application.receivedOn, deadline.workingDaysWithVerification),
            },
          },
        ];
      }
      case 'RecordRecognitionVerificationAnswer': {
        throwIfInvalid(
          requireIsoDate('answeredOn', command.answeredOn),
          requireOneOf('outcome', command.outcome, VERIFICATION_OUTCOMES),
          requireText('reference', command.reference, 200),
          requireOptionalText('note', command.note, 1000),
        );
        if (!open.verification) throw conflict('VERIFICATION_NOT_SENT', 'Chưa gửi đề nghị xác minh.', 'No verification was requested.');
        if (open.verification.outcome)
          throw conflict('VERIFICATION_ALREADY_ANSWERED', 'Kết quả xác minh đã được ghi nhận.', 'The answer was already recorded.');
        notBefore(command.answeredOn, open.verification.sentOn, 'answeredOn');
        return [
          {
            type: 'RecognitionVerificationAnswered',
            data: {
              recognitionId: command.recognitionId,
              answeredOn: command.answeredOn,
              outcome: command.outcome,
              reference: command.reference.trim(),
              note: command.note?.trim() || null,
            },
          },
        ];
      }
      case 'RefuseRecognition': {
        throwIfInvalid(
          requireIsoDate('refusedOn', command.refusedOn),
          requireText('letterNumber', command.letterNumber, 100),
          requireReasons(command.reasons),
        );
        notBefore(command.refusedOn, open.application.receivedOn, 'refusedOn');
        const signer = signerEntitledOn(command.directory, {
          signerId: command.signerId,
          authorityCode: open.application.authorityCode,
          date: command.refusedOn,
          roles: SIGNER_ROLES,
        });
        // A written refusal is signed (issue 17: the registrar prepares it, the signer signs it).
        requireSignerActor(context.actor, signer);
        return [
          {
            type: 'RecognitionRefused',
            data: {
              recognitionId: command.recognitionId,
              authorityCode: open.application.authorityCode,
              refusedOn: command.refusedOn,
              letterNumber: command.letterNumber.trim(),
              reasons: command.reasons.trim(),
              signerId: signer.signerId,
              signerName: signer.fullName,
              signerTitle: signer.title,
              dueOn: open.dueOn,
              late: command.refusedOn > open.dueOn,
            },
          },
        ];
      }
    }
  },
};

function revoke(
  command: Extract<RecognitionCommand, { type: 'RevokeRecognition' }>,
  state: RecognitionState,
  context: Parameters<(typeof recognitionDecider)['decide']>[2],
): RecognitionEvent[] {
  throwIfInvalid(
    requireText('decisionNumber', command.decisionNumber, 100),
    requireIsoDate('revokedOn', command.revokedOn),
    Array.isArray(command.grounds) &&
      command.grounds.length > 0 &&
      command.grounds.every((g) => (RECOGNITION_REVOCATION_GROUNDS as readonly string[]).includes(g))
      ? undefined
      : {
          field: 'grounds',
          code: 'BAD_GROUNDS',
          messageVi: `Phải nêu căn cứ thu hồi (${RECOGNITION_REVOCATION_GROUNDS.join(', ')}).`,
          messageEn: `Name the grounds of the revocation (${RECOGNITION_REVOCATION_GROUNDS.join(', ')}).`,
        },
    // Rule 42 (mirrored): the decision states its reasons.
    requireReasons(command.reasons, { vi: 'Quyết định thu hồi', en: 'A revocation decision' }),
  );
  if (state.status === 'none')
    throw new DomainError({
      code: 'RECOGNITION_NOT_FOUND',
      kind: 'not_found',
      messageVi: 'Không có hồ sơ đề nghị công nhận này.',
      messageEn: 'No such recognition application.',
      field: 'recognitionId',
    });
  if (state.status === 'revoked')
    throw conflict('RECOGNITION_ALREADY_REVOKED', 'Giấy công nhận đã bị thu hồi.', 'The recognition document is already revoked.');
  if (state.status !== 'recognised' || !('recognised' in state) || !state.recognised)
    throw new DomainError({
      code: 'RECOGNITION_NOT_RECOGNISED',
      kind: 'rule_violation',
      messageVi: 'Hồ sơ chưa được công nhận (hoặc đã bị từ chối): không có giấy công nhận để thu hồi.',
      messageEn: 'The application was not recognised (or was refused): there is no recognition document to revoke.',
      field: 'recognitionId',
    });
  notBefore(command.revokedOn, state.recognised.decidedOn, 'revokedOn');
  const authorityCode = state.application.authorityCode;
  // Rule 41 (mirrored): the body that recognised revokes, while it is the competent Sở on the day.
  requireCompetentDepartment(command.directory, authorityCode, command.revokedOn);
  const signer = signerEntitledOn(command.directory, {
    signerId: command.signerId,
    authorityCode,
    date: command.revokedOn,
    roles: SIGNER_ROLES,
  });
  // The decision is the signer's act, as the refusal is (issue 17): a registrar prepares it, never signs it.
  requireSignerActor(context.actor, signer);
  return [
    {
      type: 'RecognitionRevoked',
      data: {
        recognitionId: command.recognitionId,
        authorityCode,
        documentNumber: state.recognised.documentNumber,
        decisionNumber: command.decisionNumber.trim(),
        revokedOn: command.revokedOn,
        grounds: [...new Set(command.grounds)],
        reasons: command.reasons.normalize('NFC').trim(),
        signerId: signer.signerId,
        signerName: signer.fullName,
        signerTitle: signer.title,
      },
    },
  ];
}

function receive(
  command: Extract<RecognitionCommand, { type: 'ReceiveRecognitionApplication' }>,
  state: RecognitionState,
): RecognitionEvent[] {
  const a = command.applicant as Partial<RecognitionApplicant> | undefined;
  const f = command.foreignDiploma as Partial<ForeignDiploma> | undefined;
  throwIfInvalid(
    requirePattern('recognitionId', command.recognitionId, ID_PATTERN, 'gồm chữ, số, gạch ngang', 'must be letters, digits, hyphens'),
    requireOneOf('channel', command.channel, RECOGNITION_CHANNELS),
    requireIsoDate('receivedOn', command.receivedOn),
    requirePersonText('applicant.fullName', a?.fullName, 120),
    requireIsoDate('applicant.birthDate', a?.birthDate),
    requireOptionalText('applicant.birthPlace', a?.birthPlace, 200),
    requireText('applicant.nationality', a?.nationality, 80),
    requireText('applicant.idDocument.kind', a?.idDocument?.kind, 60),
    requireText('applicant.idDocument.number', a?.idDocument?.number, 40),
    requireText('foreignDiploma.title', f?.title, 200),
    requireText('foreignDiploma.issuer', f?.issuer, 300),
    requireText('foreignDiploma.country', f?.country, 100),
    requireIsoDate('foreignDiploma.issuedOn', f?.issuedOn),
    requireOptionalText('foreignDiploma.number', f?.number, 100),
    requireOneOf('foreignDiploma.levelSought', f?.levelSought, RECOGNITION_LEVELS),
    ...dossierProblems(command.dossier),
  );
  if (state.status !== 'none')
    throw conflict('RECOGNITION_EXISTS', 'Hồ sơ đề nghị công nhận này đã được tiếp nhận.', 'This application was already received.');
  if (f!.issuedOn! > command.receivedOn)
    throw new DomainError({
      code: 'DATE_TOO_LATE',
      kind: 'rule_violation',
      messageVi: 'Ngày cấp văn bằng sau ngày nộp hồ sơ.',
      messageEn: 'The diploma is dated after the application.',
      field: 'foreignDiploma.issuedOn',
    });
  requireCompetentDepartment(command.directory, command.authorityCode, command.receivedOn);
  const deadline = recognitionDeadlineOn(command.receivedOn);
  const application: RecognitionApplication = {
    recognitionId: command.recognitionId,
    authorityCode: command.authorityCode,
    channel: command.channel,
    receivedOn: command.receivedOn,
    applicant: {
      fullName: a!.fullName!.trim().replace(/\s+/g, ' '),
      birthDate: a!.birthDate!,
      birthPlace: a!.birthPlace?.trim() || null,
      nationality: a!.nationality!.trim(),
      idDocument: { kind: a!.idDocument!.kind.trim(), number: a!.idDocument!.number.trim() },
    },
    foreignDiploma: {
      title: f!.title!.trim(),
      issuer: f!.issuer!.trim(),
      country: f!.country!.trim(),
      issuedOn: f!.issuedOn!,
      number: f!.number?.trim() || null,
      levelSought: f!.levelSought!,
    },
    dossier: command.dossier.map((d) => ({ kind: d.kind, name: d.name.trim(), sha256: d.sha256 })),
    dueOn: addWorkingDays(command.calendar, command.receivedOn, deadline.workingDays),
    deadlineBasis: deadline.basis,
  };
  return [{ type: 'RecognitionApplicationReceived', data: application }];
}

/**
 * §8: recognition of THCS/THPT-level foreign diplomas is the provincial Sở's; a school, a commune or the
 * ministry's own registry office does not decide it, nor does a Sở that no longer exists on the day.
 */
export function requireCompetentDepartment(directory: AuthorityDirectory, authorityCode: string, date: IsoDate): void {
  const authority = directory.authorities.get(authorityCode);
  if (!authority || authority.kind !== 'province_department' || !isActiveOn(authority, date))
    throw new DomainError({
      code: 'NOT_COMPETENT_FOR_RECOGNITION',
      kind: 'forbidden',
      messageVi: `${authority?.name ?? authorityCode} không có thẩm quyền công nhận văn bằng phổ thông do nước ngoài cấp (thẩm quyền của Sở Giáo dục và Đào tạo).`,
      messageEn: `${authority?.name ?? authorityCode} may not recognise foreign general-education diplomas (a provincial Department of Education decides).`,
      field: 'authorityCode',
    });
}

export function requireOpen(state: RecognitionState): OpenRecognition {
  if (state.status === 'none')
    throw new DomainError({
      code: 'RECOGNITION_NOT_FOUND',
      kind: 'not_found',
      messageVi: 'Không có hồ sơ đề nghị công nhận này.',
      messageEn: 'No such recognition application.',
      field: 'recognitionId',
    });
  if (state.status === 'recognised' || state.status === 'refused' || state.status === 'revoked')
    throw conflict(
      'RECOGNITION_DECIDED',
      state.status === 'refused' ? 'Hồ sơ đã bị từ chối bằng văn bản.' : 'Hồ sơ đã được công nhận.',
      state.status === 'refused' ? 'The application was already refused.' : 'The application was already recognised.',
    );
  return state as OpenRecognition;
}

export function notBefore(date: IsoDate, earliest: IsoDate, field: string): void {
  if (date < earliest)
    throw new DomainError({
      code: 'DATE_TOO_EARLY',
      kind: 'rule_violation',
      messageVi: `Ngày ${date} trước ngày ${earliest} của bước trước.`,
      messageEn: `${date} is before the previous step (${earliest}).`,
      field,
    });
}

function conflict(code: string, vi: string, en: string): DomainError {
  return new DomainError({ code, kind: 'conflict', messageVi: vi, messageEn: en, field: 'recognitionId' });
}

/** A refusal (or a revocation) is written with its reasons (§8): a word or two is not a reason. */
function requireReasons(
  reasons: unknown,
  of: { vi: string; en: string } = { vi: 'Văn bản từ chối', en: 'A refusal' },
): FieldProblem | undefined {
  const problem = requireText('reasons', reasons, 2000);
  if (problem) return problem;
  return (reasons as string).trim().length >= 20
    ? undefined
    : {
        field: 'reasons',
        code: 'REASONS_TOO_SHORT',
        messageVi: `${of.vi} phải nêu rõ lý do (ít nhất 20 ký tự).`,
        messageEn: `${of.en} must state its reasons (at least 20 characters).`,
      };
}

function dossierProblems(dossier: unknown): (FieldProblem | undefined)[] {
  if (!Array.isArray(dossier) || dossier.length === 0 || dossier.length > 50)
    return [
      {
        field: 'dossier',
        code: 'OUT_OF_RANGE',
        messageVi: 'Hồ sơ phải có từ 1 đến 50 tài liệu.',
        messageEn: 'The dossier must hold 1 to 50 documents.',
      },
    ];
  const docs = dossier as Partial<DossierDocument>[];
  const missing = REQUIRED_DOSSIER_DOCUMENTS.filter((kind) => !docs.some((d) => d?.kind === kind));
  return [
    ...docs.flatMap((d, i) => [
      requireOneOf(`dossier[${i}].kind`, d?.kind, DOSSIER_DOCUMENT_KINDS),
      requireText(`dossier[${i}].name`, d?.name, 200),
      typeof d?.sha256 === 'string' && SHA256.test(d.sha256)
        ? undefined
        : {
            field: `dossier[${i}].sha256`,
            code: 'INVALID_SHA256',
            messageVi: 'Mã băm SHA-256 phải gồm 64 ký tự hex chữ thường.',
            messageEn: 'SHA-256 must be 64 lower-case hex characters.',
          },
    ]),
    missing.length === 0
      ? undefined
      : {
          field: 'dossier',
          code: 'DOSSIER_INCOMPLETE',
          messageVi: `Hồ sơ còn thiếu: ${missing.map((k) => DOSSIER_LABELS_VI[k]).join('; ')}.`,
          messageEn: `The dossier lacks: ${missing.join(', ')}.`,
        },
  ];
}

export const DOSSIER_LABELS_VI: Record<DossierDocumentKind, string> = {
  diploma: 'văn bằng (hoặc bản sao từ sổ gốc)',
  translation: 'bản dịch công chứng',
  transcript: 'bảng điểm',
  study_evidence: 'minh chứng thời gian học ở nước ngoài',
  verification_authorisation: 'văn bản cho phép xác minh',
  other: 'tài liệu khác',
};
