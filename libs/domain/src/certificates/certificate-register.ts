import type { AuthorityDirectory } from '../authorities/authority';
import { isActiveOn } from '../authorities/authority-directory';
import { requireLicenceOn } from '../authorities/authority-licence';
import {
  checkCredentialFields,
  credentialInWords,
  publicCredentialFields,
  requireIssuerRule,
  type CredentialFieldValues,
} from '../credential-kinds/credential-fields';
import type { CredentialKindEntry } from '../credential-kinds/credential-kind';
import { parseBirthDate, type BirthDate } from '../graduates/birth-date';
import type { RowProblem } from '../graduates/row-problem';
import { searchKey } from '../graduates/vietnamese-names';
import type { CommandContext } from '../shared/command-context';
import { vietnamDateOf, type IsoDate } from '../shared/dates';
import type { Decider, DomainEvent } from '../shared/decider';
import { DomainError, invalidInput } from '../shared/errors';
import { actedOnIfKnown, requireActDate } from '../shared/plausible-dates';
import { collectProblems, requireIsoDate, requirePattern, requirePersonText, requireText } from '../shared/validation';
import {
  decideCertificateCorrection,
  type CertificateCorrectableField,
  type CertificateCorrection,
  type CertificateCorrectionCommand,
  type CertificateCorrectionEvent,
  type CertificateCorrectionRequest,
} from './certificate-correction';
import { certificateSignerOn } from './certificate-signer';

/**
 * The register of one kind of certificate (sổ gốc cấp chứng chỉ) kept by one issuer for one calendar year
 * (issue 18 item 3, docs/domain.md §8). One stream per book: its revision hands out the register numbers
 * 1, 2, 3 … with no gap and no reuse (rules 21, 24, as for diplomas), records which sessions were issued so
 * none is issued twice, and carries every later act on a certificate of the book (hand-over, revocation).
 * Everything about the kind — its fields, who may issue it, the licence it needs — comes from the catalogue
 * entry the command carries: a new kind is data, never code here.
 */
export function certificateRegisterStream(authorityCode: string, kindCode: string, year: number): string {
  return `certificate-register-${authorityCode}-${kindCode}-${year}`;
}

/** "000123/CC-NN-2026": the number shows the kind and the year, like a diploma's (rule 21). */
export function formatCertificateNumber(kindCode: string, year: number, value: number): string {
  return `${String(value).padStart(6, '0')}/${kindCode}-${year}`;
}

/** The stable public id of a certificate; it names its book, so a lookup reads one stream. */
export function certificateId(authorityCode: string, kindCode: string, year: number, value: number): string {
  return `${authorityCode}.${kindCode}.${year}.${value}`;
}

const CERTIFICATE_ID = /^([A-Z0-9][A-Z0-9-]{1,31})\.([A-Z][A-Z0-9-]{1,23})\.(\d{4})\.(\d{1,7})$/;

export function parseCertificateId(id: string): { authorityCode: string; kindCode: string; year: number; number: number } | undefined {
  const match = CERTIFICATE_ID.exec(id);
  if (!match) return undefined;
  return { authorityCode: match[1] ?? '', kindCode: match[2] ?? '', year: Number(match[3]), number: Number(match[4]) };
}

/**
 * Certificates per `CertificatesEntered` chunk: a chunk of the largest kind (every field filled to its
 * bound) stays well under one append's bound (MAX_APPEND_BYTES), so a session's list is recorded in
 * several bounded appends (issue 20 item 2).
 */
export const CERTIFICATE_ENTRIES_PER_EVENT = 250;
/** A results list of a city-wide exam session: 50,000 rows (issue 20 item 2 for certificates). */
export const MAX_CERTIFICATE_ROWS = 50_000;
const MAX_ROWS = MAX_CERTIFICATE_ROWS;

export interface CertificateResultRow {
  /** The spreadsheet's row number, so the report points where the officer looks. */
  readonly row: number;
  readonly fullName: unknown;
  readonly birthDate: unknown;
  readonly birthPlace?: unknown;
  readonly fields: Readonly<Record<string, unknown>>;
}

export interface IssuedCertificate {
  readonly certificateId: string;
  /**
   * What the QR and the public lookup carry (rule 57: never an enumerable number): random, drawn by the
   * platform outside the decider and passed in the command, so the decision stays pure and replayable.
   */
  readonly verificationCode: string;
  /** The portal's words and public fields, fixed with the catalogue entry in force at issuance. */
  readonly inWordsVi: string;
  readonly inWordsEn: string;
  readonly publicFields: readonly { name: string; labelVi: string; labelEn: string; vi: string; en: string }[];
  readonly number: number;
  readonly registerNumber: string;
  readonly fullName: string;
  readonly birthDate: BirthDate;
  readonly birthPlace: string | null;
  readonly values: CredentialFieldValues;
}

export interface CertificateSession {
  readonly sessionId: string;
  readonly authorityCode: string;
  readonly kindCode: string;
  readonly year: number;
  readonly sessionName: string;
  /**
   * The decision and who signed it. `signerId`/`signerTitle` name the directory's signer record checked on
   * the decision's date (rules 6, 25); sessions issued by earlier releases carry the name only.
   */
  readonly decision: {
    readonly number: string;
    readonly date: IsoDate;
    readonly signerName: string;
    readonly signerId?: string;
    readonly signerTitle?: string;
  };
  readonly licence: { readonly licenceId: string; readonly decisionRef: string } | null;
  readonly legalBasis: string;
  readonly first: number;
  readonly last: number;
}

export type CertificateRegisterEvent =
  /**
   * A large act in bounded appends (issue 20 item 2, the graduation decision's protocol): the session's
   * header opens it and reserves its numbers, its list follows in `CertificatesEntered` chunks, and
   * `CertificateSessionIssued` SEALS it last. Until the seal nothing reads the session as issued — no
   * certificate of it is in the register, printable, handed over, copied or public. Sessions recorded by
   * earlier releases hold `CertificateSessionIssued` first and their list after it in the same single
   * append: they read as issued, as they always did.
   */
  | DomainEvent<'CertificateSessionOpened', CertificateSession>
  | DomainEvent<'CertificateSessionIssued', CertificateSession>
  | DomainEvent<'CertificatesEntered', { sessionId: string; certificates: IssuedCertificate[] }>
  | DomainEvent<'CertificatesHandedOver', { certificateIds: string[]; handedOverOn: IsoDate; recipient: string; minutesRef: string }>
  | DomainEvent<'CertificateRevoked', { certificateId: string; decisionRef: string; revokedOn: IsoDate; reason: string }>
  | CertificateCorrectionEvent
  /** Issue 18: certificates taken by a print run on certificate blanks; a certificate is printed by one run. */
  | DomainEvent<'CertificatesClaimedForPrintRun', { printRunId: string; certificateIds: string[] }>
  /** A run cut short after its claim could not get its blanks: the certificates go back to the unprinted (rule 16). */
  | DomainEvent<'CertificateClaimsReleased', { printRunId: string; certificateIds: string[] }>
  /** The run was signed: each certificate's serial enters the register (rules 5, 20). */
  | DomainEvent<'CertificatesPrintedOnBlanks', CertificatesPrinted>;

export interface CertificatesPrinted {
  readonly printRunId: string;
  readonly lotId: string;
  readonly issueDate: IsoDate;
  readonly issuePlace: string;
  readonly signerName: string;
  readonly signerTitle: string;
  readonly certificates: readonly { readonly certificateId: string; readonly serial: number; readonly serialLabel: string }[];
}

export type CertificateRegisterCommand =
  | {
      readonly type: 'IssueCertificates';
      readonly entry: CredentialKindEntry;
      readonly directory: AuthorityDirectory;
      readonly authorityCode: string;
      readonly sessionId: string;
      readonly sessionName: string;
      /** The signer by directory id when known, else by the name written on the decision (rules 6, 25). */
      readonly decision: { readonly number: string; readonly date: IsoDate; readonly signerName: string; readonly signerId?: string };
      readonly rows: readonly CertificateResultRow[];
      /** One unguessable code per row, in row order (see IssuedCertificate.verificationCode). */
      readonly verificationCodes: readonly string[];
    }
  | {
      readonly type: 'HandOverCertificates';
      /**
       * Set for a kind printed on blanks (its catalogue entry has a blank kind): a certificate is handed over
       * only once printed on its blank and signed (rule 5). Absent for kinds issued without blanks.
       */
      readonly requirePrinted?: boolean;
      readonly certificateIds: readonly string[];
      readonly handedOverOn: IsoDate;
      readonly recipient: string;
      readonly minutesRef: string;
    }
  | {
      readonly type: 'RevokeCertificate';
      readonly certificateId: string;
      readonly decisionRef: string;
      readonly revokedOn: IsoDate;
      readonly reason: string;
    }
  | CertificateCorrectionCommand
  /** Without ids: every certificate of the book not yet printed and not revoked, in register order. */
  | { readonly type: 'ClaimCertificatesForPrintRun'; readonly printRunId: string; readonly certificateIds?: readonly string[] }
  | { readonly type: 'ReleaseCertificateClaims'; readonly printRunId: string }
  | ({ readonly type: 'RecordCertificatesPrinted' } & CertificatesPrinted);

/** Where a certificate printed on a blank sits: its serial, and who signed it when (issue 18). */
export interface CertificateBlank {
  readonly serial: number;
  readonly serialLabel: string;
  readonly lotId: string;
  readonly printRunId: string;
  readonly issueDate: IsoDate;
  readonly issuePlace: string;
  readonly signerName: string;
  readonly signerTitle: string;
}

export interface CertificateRecord extends IssuedCertificate {
  readonly sessionId: string;
  /** The print run that took it (issue 18); null before one did. */
  readonly printRunId?: string | null;
  /** Its blank once the run was signed; null while not printed (kinds without blanks never have one). */
  readonly blank?: CertificateBlank | null;
  readonly status: 'ISSUED' | 'HANDED_OVER' | 'REVOKED';
  readonly handedOver: { readonly on: IsoDate; readonly recipient: string; readonly minutesRef: string } | null;
  readonly revocation: { readonly decisionRef: string; readonly on: IsoDate; readonly reason: string } | null;
  /** Corrections in force, oldest first (rule 30: the certificate is never edited; the register plus these is the truth). */
  readonly corrections?: readonly CertificateCorrection[];
}

export interface CertificateRegisterState {
  readonly next: number;
  readonly sessions: ReadonlyMap<string, CertificateSession>;
  readonly certificates: ReadonlyMap<string, CertificateRecord>;
  /** Correction dossiers of the book's certificates, by request id. */
  readonly correctionRequests: ReadonlyMap<string, CertificateCorrectionRequest & { readonly status: 'open' | 'decided' | 'refused' }>;
  /** The register's appendix (phụ lục sổ gốc, rule 22): every correction decided, in order. */
  readonly appendix: readonly CertificateCorrection[];
  /**
   * A session opened and not yet sealed (issue 20 item 2): its numbers are reserved, its certificates
   * listed so far wait here, outside `certificates`, until the seal. At most one per book.
   */
  readonly recording?: { readonly session: CertificateSession; readonly certificates: ReadonlyMap<string, IssuedCertificate> } | null;
}

const EMPTY: CertificateRegisterState = {
  next: 1,
  sessions: new Map(),
  certificates: new Map(),
  correctionRequests: new Map(),
  appendix: [],
  recording: null,
};

/** The holder as the register stands today: as issued, with every correction decided applied (rule 57). */
export function currentCertificateHolder(record: CertificateRecord): Record<CertificateCorrectableField, string> {
  const holder: Record<CertificateCorrectableField, string> = {
    fullName: record.fullName,
    birthDate: record.birthDate,
    birthPlace: record.birthPlace ?? '',
  };
  for (const correction of record.corrections ?? []) for (const change of correction.changes) holder[change.field] = change.after;
  return holder;
}

function evolve(state: CertificateRegisterState, event: CertificateRegisterEvent): CertificateRegisterState {
  switch (event.type) {
    case 'CertificateSessionOpened':
      return { ...state, recording: { session: event.data, certificates: new Map() }, next: Math.max(state.next, event.data.last + 1) };
    case 'CertificateSessionIssued': {
      const sessions = new Map(state.sessions).set(event.data.sessionId, event.data);
      const next = Math.max(state.next, event.data.last + 1);
      if (state.recording?.session.sessionId !== event.data.sessionId) return { ...state, sessions, next };
      // The seal: the session's list, complete, enters the register at once.
      const certificates = new Map(state.certificates);
      for (const issued of state.recording.certificates.values())
        certificates.set(issued.certificateId, issuedRecord(issued, event.data.sessionId));
      return { ...state, sessions, next, certificates, recording: null };
    }
    case 'CertificatesEntered': {
      if (state.recording?.session.sessionId === event.data.sessionId) {
        // The map was made by this fold (Opened above): filled in place, so a 50,000-row list folds in linear time.
        const listed = state.recording.certificates as Map<string, IssuedCertificate>;
        for (const issued of event.data.certificates) listed.set(issued.certificateId, issued);
        return state;
      }
      const certificates = new Map(state.certificates);
      for (const issued of event.data.certificates) {
        certificates.set(issued.certificateId, {
          ...issued,
          sessionId: event.data.sessionId,
          status: 'ISSUED',
          handedOver: null,
          revocation: null,
        });
      }
      return { ...state, certificates };
    }
    case 'CertificatesHandedOver': {
      const certificates = new Map(state.certificates);
      for (const id of event.data.certificateIds) {
        const record = certificates.get(id);
        if (record) {
          certificates.set(id, {
            ...record,
            status: record.status === 'REVOKED' ? 'REVOKED' : 'HANDED_OVER',
            handedOver: { on: event.data.handedOverOn, recipient: event.data.recipient, minutesRef: event.data.minutesRef },
          });
        }
      }
      return { ...state, certificates };
    }
    case 'CertificatesClaimedForPrintRun': {
      const certificates = new Map(state.certificates);
      for (const id of event.data.certificateIds) {
        const record = certificates.get(id);
        if (record) certificates.set(id, { ...record, printRunId: event.data.printRunId });
      }
      return { ...state, certificates };
    }
    case 'CertificateClaimsReleased': {
      const certificates = new Map(state.certificates);
      for (const id of event.data.certificateIds) {
        const record = certificates.get(id);
        if (record && record.printRunId === event.data.printRunId && !record.blank) certificates.set(id, { ...record, printRunId: null });
      }
      return { ...state, certificates };
    }
    case 'CertificatesPrintedOnBlanks': {
      const certificates = new Map(state.certificates);
      const { certificates: printed, ...run } = event.data;
      for (const { certificateId, serial, serialLabel } of printed) {
        const record = certificates.get(certificateId);
        if (record) {
          certificates.set(certificateId, {
            ...record,
            printRunId: run.printRunId,
            blank: {
              serial,
              serialLabel,
              lotId: run.lotId,
              printRunId: run.printRunId,
              issueDate: run.issueDate,
              issuePlace: run.issuePlace,
              signerName: run.signerName,
              signerTitle: run.signerTitle,
            },
          });
        }
      }
      return { ...state, certificates };
    }
    case 'CertificateRevoked': {
      const record = state.certificates.get(event.data.certificateId);
      if (!record) return state;
      const certificates = new Map(state.certificates).set(record.certificateId, {
        ...record,
        status: 'REVOKED',
        revocation: { decisionRef: event.data.decisionRef, on: event.data.revokedOn, reason: event.data.reason },
      });
      return { ...state, certificates };
    }
    case 'CertificateCorrectionRequested': {
      const correctionRequests = new Map(state.correctionRequests).set(event.data.requestId, { ...event.data, status: 'open' as const });
      return { ...state, correctionRequests };
    }
    case 'CertificateCorrected': {
      const request = state.correctionRequests.get(event.data.requestId);
      const correctionRequests = request
        ? new Map(state.correctionRequests).set(event.data.requestId, { ...request, status: 'decided' as const })
        : state.correctionRequests;
      const record = state.certificates.get(event.data.certificateId);
      const certificates = record
        ? new Map(state.certificates).set(record.certificateId, { ...record, corrections: [...(record.corrections ?? []), event.data] })
        : state.certificates;
      return { ...state, correctionRequests, certificates, appendix: [...state.appendix, event.data] };
    }
    case 'CertificateCorrectionRefused': {
      const request = state.correctionRequests.get(event.data.requestId);
      if (!request) return state;
      const correctionRequests = new Map(state.correctionRequests).set(event.data.requestId, { ...request, status: 'refused' as const });
      return { ...state, correctionRequests };
    }
  }
}

function issuedRecord(issued: IssuedCertificate, sessionId: string): CertificateRecord {
  return { ...issued, sessionId, status: 'ISSUED', handedOver: null, revocation: null };
}

/** The results list had bad rows: every one is listed, and nothing was recorded (as for a graduate list). */
export class ResultsListRejected extends DomainError {
  constructor(readonly rowProblems: readonly RowProblem[]) {
    super({
      code: 'RESULTS_LIST_REJECTED',
      kind: 'invalid_input',
      messageVi: `Danh sách kết quả có ${rowProblems.length} lỗi; chưa ghi nhận gì. Sửa các dòng được nêu rồi gửi lại.`,
      messageEn: `The results list has ${rowProblems.length} problems; nothing was recorded. Fix the rows listed and send it again.`,
      field: 'rows',
      fieldProblems: rowProblems.map((p) => ({
        field: `row ${p.row}: ${p.column}`,
        code: p.code,
        messageVi: p.messageVi,
        messageEn: p.messageEn,
      })),
    });
  }
}

function certificateNotFound(id: string): DomainError {
  return new DomainError({
    code: 'CERTIFICATE_NOT_FOUND',
    kind: 'not_found',
    messageVi: `Không có chứng chỉ ${id} trong sổ.`,
    messageEn: `No certificate ${id} in the register.`,
    field: 'certificateId',
  });
}

function decideIssue(
  command: Extract<CertificateRegisterCommand, { type: 'IssueCertificates' }>,
  state: CertificateRegisterState,
  context: CommandContext,
): CertificateRegisterEvent[] {
  const { entry, directory, decision } = command;
  const problems = collectProblems(
    requirePattern(
      'sessionId',
      command.sessionId,
      /^[a-z0-9][a-z0-9-]{1,63}$/,
      'chỉ gồm chữ thường, chữ số, gạch ngang',
      'must be lower-case letters, digits or hyphens',
    ),
    requireText('sessionName', command.sessionName, 200),
    requireText('decision.number', decision.number, 60),
    requireIsoDate('decision.date', decision.date),
    requirePersonText('decision.signerName', decision.signerName, 120),
  );
  if (problems.length > 0) throw invalidInput(problems);
  if (entry.fields === 'graduate-list') {
    throw new DomainError({
      code: 'KIND_ISSUED_BY_GRADUATION_DECISION',
      kind: 'rule_violation',
      messageVi: `${entry.nameVi} được cấp theo quyết định công nhận tốt nghiệp, không theo danh sách kết quả.`,
      messageEn: `${entry.nameEn} is issued from a graduation decision, not a results list.`,
      field: 'credentialKind',
    });
  }
  const today = vietnamDateOf(new Date(context.occurredAt));
  if (decision.date > today) {
    throw invalidInput([
      {
        field: 'decision.date',
        code: 'DATE_IN_FUTURE',
        messageVi: 'Ngày quyết định ở tương lai.',
        messageEn: 'The decision date is in the future.',
      },
    ]);
  }
  const recording = state.recording ?? null;
  if (recording && recording.session.sessionId !== command.sessionId) {
    // Rule 21: the book's numbers run on without a gap; the session holding the next ones is finished first.
    throw new DomainError({
      code: 'BOOK_HAS_UNSEALED_SESSION',
      kind: 'conflict',
      messageVi: `Kỳ ${recording.session.sessionId} (số ${recording.session.first}–${recording.session.last}) đang được ghi dở trong sổ; gửi lại danh sách của kỳ đó để hoàn tất trước khi cấp kỳ khác.`,
      messageEn: `Session ${recording.session.sessionId} (numbers ${recording.session.first}–${recording.session.last}) is only partly recorded in this register; resend its list to complete it before issuing another session.`,
      field: 'sessionId',
      rule: 21,
    });
  }
  if (state.sessions.has(command.sessionId)) {
    throw new DomainError({
      code: 'SESSION_ALREADY_ISSUED',
      kind: 'conflict',
      messageVi: `Kỳ thi ${command.sessionId} đã được cấp chứng chỉ.`,
      messageEn: `Session ${command.sessionId} has already been issued.`,
      field: 'sessionId',
    });
  }
  const issuer = directory.authorities.get(command.authorityCode);
  if (!issuer || !isActiveOn(issuer, decision.date)) {
    throw new DomainError({
      code: 'AUTHORITY_NOT_ACTIVE_ON_DATE',
      kind: 'rule_violation',
      messageVi: `Đơn vị ${command.authorityCode} không hoạt động vào ngày ${decision.date}.`,
      messageEn: `${command.authorityCode} is not active on ${decision.date}.`,
      field: 'decision.date',
    });
  }
  // §8: who may issue the kind at all on that date (the entry's rows), then the licence on the act's date.
  const rule = requireIssuerRule(entry, issuer.kind, decision.date, {});
  const licence = rule.licenceRequired ? requireLicenceOn(directory, issuer.code, entry.code, decision.date) : null;
  // Rules 6 and 25: the decision is signed by one of the issuer's signers, in mandate on its date.
  const signer = certificateSignerOn(directory, {
    authorityCode: issuer.code,
    date: decision.date,
    signerId: decision.signerId ?? null,
    signerName: decision.signerName,
    field: decision.signerId ? 'decision.signerId' : 'decision.signerName',
  });

  const rows = command.rows;
  if (!Array.isArray(rows) || rows.length === 0 || rows.length > MAX_ROWS) {
    throw invalidInput([
      {
        field: 'rows',
        code: 'ROW_COUNT',
        messageVi: `Danh sách phải có 1–${MAX_ROWS} dòng.`,
        messageEn: `The list must have 1–${MAX_ROWS} rows.`,
      },
    ]);
  }
  const rowProblems: RowProblem[] = [];
  const seen = new Map<string, number>();
  const certificates: IssuedCertificate[] = [];
  const year = Number(decision.date.slice(0, 4));
  // A resend into a session left unsealed takes the numbers its opening reserved.
  const first = recording ? recording.session.first : state.next;
  let number = first;
  for (const row of rows) {
    const at = (column: string, p: { code: string; messageVi: string; messageEn: string }) =>
      rowProblems.push({ row: row.row, column, field: column, code: p.code, messageVi: p.messageVi, messageEn: p.messageEn });
    const nameProblem = requirePersonText('fullName', row.fullName, 120);
    if (nameProblem) at('fullName', nameProblem);
    const birth = typeof row.birthDate === 'string' ? parseBirthDate(row.birthDate) : ({ ok: false, reason: 'format' } as const);
    if (!birth.ok) {
      at('birthDate', {
        code: 'BAD_BIRTH_DATE',
        messageVi: 'Ngày sinh không hợp lệ (dd/mm/yyyy).',
        messageEn: 'Birth date is not valid (dd/mm/yyyy).',
      });
    }
    const checked = checkCredentialFields(entry, row.fields ?? {}, decision.date);
    for (const problem of checked.problems) at(problem.field, problem);
    if (checked.problems.length === 0) {
      try {
        requireIssuerRule(entry, issuer.kind, decision.date, checked.values);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        at(error.problem.field ?? 'credentialKind', error.problem);
      }
    }
    if (!nameProblem && birth.ok) {
      const key = `${searchKey(String(row.fullName))}|${birth.value}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        at('fullName', {
          code: 'DUPLICATE_ROW',
          messageVi: `Trùng người với dòng ${earlier}.`,
          messageEn: `Same person as row ${earlier}.`,
        });
      } else seen.set(key, row.row);
    }
    if (rowProblems.length === 0 && birth.ok) {
      certificates.push({
        certificateId: certificateId(issuer.code, entry.code, year, number),
        number,
        registerNumber: formatCertificateNumber(entry.code, year, number),
        fullName: String(row.fullName).normalize('NFC').trim().replace(/\s+/g, ' '),
        birthDate: birth.value,
        birthPlace: typeof row.birthPlace === 'string' && row.birthPlace.trim() ? row.birthPlace.normalize('NFC').trim() : null,
        values: checked.values,
        verificationCode: command.verificationCodes[certificates.length] ?? '',
        inWordsVi: credentialInWords(entry, checked.values, 'vi'),
        inWordsEn: credentialInWords(entry, checked.values, 'en'),
        publicFields: publicCredentialFields(entry, checked.values),
      });
      number += 1;
    }
  }
  if (rowProblems.length > 0) throw new ResultsListRejected(rowProblems);
  if (certificates.some((certificate) => !/^[A-Za-z0-9_-]{16,64}$/.test(certificate.verificationCode))) {
    throw new Error('IssueCertificates needs one verification code of 16–64 URL-safe characters per row');
  }

  const chunks = (listed: readonly IssuedCertificate[]): CertificateRegisterEvent[] => {
    const events: CertificateRegisterEvent[] = [];
    for (let i = 0; i < listed.length; i += CERTIFICATE_ENTRIES_PER_EVENT) {
      events.push({
        type: 'CertificatesEntered',
        data: { sessionId: command.sessionId, certificates: listed.slice(i, i + CERTIFICATE_ENTRIES_PER_EVENT) },
      });
    }
    return events;
  };
  if (recording) {
    // The resend of a cut-short recording (issue 20 item 2): the same decision and list, so the same
    // numbers; only the chunks still missing are listed, then the seal.
    const opened = recording.session;
    if (
      opened.decision.number !== decision.number.trim() ||
      opened.decision.date !== decision.date ||
      opened.last - opened.first + 1 !== certificates.length
    ) {
      throw new DomainError({
        code: 'SESSION_RECORDING_DIFFERS',
        kind: 'conflict',
        messageVi: `Kỳ ${opened.sessionId} đang ghi dở với quyết định ${opened.decision.number} ngày ${opened.decision.date} và ${opened.last - opened.first + 1} người; danh sách gửi lại phải đúng như vậy.`,
        messageEn: `Session ${opened.sessionId} is partly recorded with decision ${opened.decision.number} of ${opened.decision.date} and ${opened.last - opened.first + 1} people; the list resent must be the same.`,
        field: 'rows',
      });
    }
    return [
      ...chunks(certificates.filter((c) => !recording.certificates.has(c.certificateId))),
      { type: 'CertificateSessionIssued', data: opened },
    ];
  }

  const session: CertificateSession = {
    sessionId: command.sessionId,
    authorityCode: issuer.code,
    kindCode: entry.code,
    year,
    sessionName: command.sessionName.normalize('NFC').trim(),
    decision: {
      number: decision.number.trim(),
      date: decision.date,
      signerName: signer.fullName,
      signerId: signer.signerId,
      signerTitle: signer.title,
    },
    licence: licence ? { licenceId: licence.licenceId, decisionRef: licence.decisionRef } : null,
    legalBasis: rule.legalBasis,
    first,
    last: number - 1,
  };
  return [
    { type: 'CertificateSessionOpened', data: session },
    ...chunks(certificates),
    { type: 'CertificateSessionIssued', data: session },
  ];
}

export const certificateRegisterDecider: Decider<CertificateRegisterCommand, CertificateRegisterState, CertificateRegisterEvent> = {
  initialState: EMPTY,
  evolve,
  decide(command, state, context) {
    switch (command.type) {
      case 'IssueCertificates':
        return decideIssue(command, state, context);

      case 'HandOverCertificates': {
        const problems = collectProblems(
          // Issue 16: the hand-over has happened by the day it is recorded, and after 1945.
          requireActDate('handedOverOn', command.handedOverOn, actedOnIfKnown(context)),
          requirePersonText('recipient', command.recipient, 200),
          requireText('minutesRef', command.minutesRef, 100),
        );
        if (!Array.isArray(command.certificateIds) || command.certificateIds.length === 0) {
          problems.push({
            field: 'certificateIds',
            code: 'REQUIRED',
            messageVi: 'Cần danh sách chứng chỉ bàn giao.',
            messageEn: 'List the certificates handed over.',
          });
        }
        if (problems.length > 0) throw invalidInput(problems);
        for (const id of command.certificateIds) {
          const record = state.certificates.get(id);
          if (!record) throw certificateNotFound(id);
          if (command.requirePrinted && !record.blank && record.status === 'ISSUED') {
            throw new DomainError({
              code: 'CERTIFICATE_NOT_PRINTED',
              kind: 'rule_violation',
              messageVi: `Chứng chỉ ${record.registerNumber} chưa được in trên phôi và ký; chưa bàn giao được.`,
              messageEn: `Certificate ${record.registerNumber} is not yet printed on its blank and signed; it cannot be handed over.`,
              field: 'certificateIds',
              rule: 5,
            });
          }
          if (record.status !== 'ISSUED') {
            throw new DomainError({
              code: record.status === 'REVOKED' ? 'CERTIFICATE_REVOKED' : 'CERTIFICATE_ALREADY_HANDED_OVER',
              kind: 'rule_violation',
              messageVi: `Chứng chỉ ${record.registerNumber} ${record.status === 'REVOKED' ? 'đã bị thu hồi' : 'đã được bàn giao'}.`,
              messageEn: `Certificate ${record.registerNumber} is ${record.status === 'REVOKED' ? 'revoked' : 'already handed over'}.`,
              field: 'certificateIds',
            });
          }
        }
        return [
          {
            type: 'CertificatesHandedOver',
            data: {
              certificateIds: [...command.certificateIds],
              handedOverOn: command.handedOverOn,
              recipient: command.recipient.normalize('NFC').trim(),
              minutesRef: command.minutesRef.trim(),
            },
          },
        ];
      }

      case 'RequestCertificateCorrection':
      case 'DecideCertificateCorrection':
      case 'RefuseCertificateCorrection': {
        const record = state.certificates.get(command.certificateId);
        if (!record) throw certificateNotFound(command.certificateId);
        const request = state.correctionRequests.get(command.requestId);
        if (request && request.certificateId !== command.certificateId && command.type !== 'RequestCertificateCorrection')
          throw certificateNotFound(command.certificateId);
        const session = state.sessions.get(record.sessionId);
        return decideCertificateCorrection(
          command,
          {
            holder: currentCertificateHolder(record),
            status: record.status,
            issuedOn: session?.decision.date ?? '',
            registerNumber: record.registerNumber,
            kindCode: session?.kindCode ?? parseCertificateId(record.certificateId)?.kindCode ?? '',
            ...(request ? { request } : {}),
            requestExists: request !== undefined,
            nextAppendixLine: state.appendix.length + 1,
          },
          context,
        );
      }

      case 'ClaimCertificatesForPrintRun':
        return decideClaim(command, state);

      case 'ReleaseCertificateClaims': {
        const certificateIds = [...state.certificates.values()]
          .filter((record) => record.printRunId === command.printRunId && !record.blank)
          .sort((a, b) => a.number - b.number)
          .map((record) => record.certificateId);
        return certificateIds.length === 0
          ? []
          : [{ type: 'CertificateClaimsReleased', data: { printRunId: command.printRunId, certificateIds } }];
      }

      case 'RecordCertificatesPrinted': {
        const { type: _type, ...printed } = command;
        const own = printed.certificates.filter((c) => state.certificates.get(c.certificateId)?.printRunId === printed.printRunId);
        if (own.length !== printed.certificates.length) {
          throw new Error(`unreachable: print run ${printed.printRunId} records certificates it did not claim`);
        }
        const missing = printed.certificates.filter((c) => !state.certificates.get(c.certificateId)?.blank);
        return missing.length === 0 ? [] : [{ type: 'CertificatesPrintedOnBlanks', data: { ...printed, certificates: missing } }];
      }

      case 'RevokeCertificate': {
        throwIfProblems(
          collectProblems(
            requireText('decisionRef', command.decisionRef, 100),
            requireActDate('revokedOn', command.revokedOn, actedOnIfKnown(context)),
            requireText('reason', command.reason, 500),
          ),
        );
        const record = state.certificates.get(command.certificateId);
        if (!record) throw certificateNotFound(command.certificateId);
        if (record.status === 'REVOKED') {
          throw new DomainError({
            code: 'CERTIFICATE_ALREADY_REVOKED',
            kind: 'rule_violation',
            messageVi: `Chứng chỉ ${record.registerNumber} đã bị thu hồi.`,
            messageEn: `Certificate ${record.registerNumber} is already revoked.`,
            field: 'certificateId',
          });
        }
        return [
          {
            type: 'CertificateRevoked',
            data: {
              certificateId: record.certificateId,
              decisionRef: command.decisionRef.trim(),
              revokedOn: command.revokedOn,
              reason: command.reason.normalize('NFC').trim(),
            },
          },
        ];
      }
    }
  },
};

function decideClaim(
  command: Extract<CertificateRegisterCommand, { type: 'ClaimCertificatesForPrintRun' }>,
  state: CertificateRegisterState,
): CertificateRegisterEvent[] {
  const printable = (record: CertificateRecord) => record.status === 'ISSUED' && !record.printRunId && !record.blank;
  let ids: string[];
  if (command.certificateIds === undefined) {
    ids = [...state.certificates.values()]
      .filter(printable)
      .sort((a, b) => a.number - b.number)
      .map((record) => record.certificateId);
  } else {
    ids = [];
    for (const id of command.certificateIds) {
      const record = state.certificates.get(id);
      if (!record) throw certificateNotFound(id);
      if (!printable(record)) {
        throw new DomainError({
          code: record.status !== 'ISSUED' ? 'CERTIFICATE_NOT_PRINTABLE' : 'CERTIFICATE_ALREADY_IN_PRINT_RUN',
          kind: 'conflict',
          messageVi:
            record.status !== 'ISSUED'
              ? `Chứng chỉ ${record.registerNumber} không còn in được (${record.status === 'REVOKED' ? 'đã thu hồi' : 'đã bàn giao'}).`
              : `Chứng chỉ ${record.registerNumber} đã thuộc đợt in ${record.printRunId ?? ''}; mỗi chứng chỉ chỉ in trên một phôi.`,
          messageEn:
            record.status !== 'ISSUED'
              ? `Certificate ${record.registerNumber} can no longer be printed (${record.status.toLowerCase()}).`
              : `Certificate ${record.registerNumber} is already in print run ${record.printRunId ?? ''}; a certificate goes on one blank.`,
          field: 'certificateIds',
          rule: 16,
        });
      }
      if (!ids.includes(id)) ids.push(id);
    }
  }
  if (ids.length === 0) {
    throw new DomainError({
      code: 'NOTHING_TO_PRINT',
      kind: 'rule_violation',
      messageVi: 'Không còn chứng chỉ nào chưa in trong sổ này.',
      messageEn: 'No certificate of this register is left to print.',
      field: 'certificateIds',
    });
  }
  return [{ type: 'CertificatesClaimedForPrintRun', data: { printRunId: command.printRunId, certificateIds: ids } }];
}

function throwIfProblems(problems: ReturnType<typeof collectProblems>): void {
  if (problems.length > 0) throw invalidInput(problems);
}
