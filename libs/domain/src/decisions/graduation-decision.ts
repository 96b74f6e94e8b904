import { actedOnIfKnown, requireActDate } from '../shared/plausible-dates';
import type { Decider, DomainEvent } from '../shared/decider';
import type { IsoDate } from '../shared/dates';
import { DomainError, invalidInput } from '../shared/errors';
import { collectProblems, requireOneOf, requirePattern, requireText } from '../shared/validation';
import type { GraduateRecord } from '../graduates/graduate';
import { DIPLOMA_KINDS, type DiplomaKind } from '../regimes/legal-regimes';

/**
 * A graduation-recognition decision (quyết định công nhận tốt nghiệp) and the graduates it lists: the
 * basis of every diploma (rule 4). One stream per decision.
 *
 * A large act in bounded appends (issue 20): the decision is opened (`GraduationDecisionOpened`), its
 * list follows in chunks (`GraduatesListed`, GRADUATES_PER_EVENT a chunk), and `GraduationDecisionRecorded`
 * SEALS it last. The chunks may span several appends; until the seal is there the decision is only
 * 'recording' — nothing can be claimed or printed from it (rule 4), and a resend of the same file lists
 * what is missing and seals it. Decisions recorded by earlier releases hold `GraduationDecisionRecorded`
 * first and the whole list after it in the same single append: they read as recorded, as they always did.
 */
export function graduationDecisionStream(decisionId: string): string {
  return `graduation-decision-${decisionId}`;
}

export const GRADUATES_PER_EVENT = 500;

/** Graduate ids are `<decisionId>-<5-digit row>`, so the decision of a graduate (and of its original diploma) is known from the id. */
export function graduateIdOf(decisionId: string, position: number): string {
  return `${decisionId}-${String(position).padStart(5, '0')}`;
}

export function decisionIdOfGraduate(graduateId: string): string | undefined {
  // Five digits, or six from the 100,000th graduate of a city-sized decision on (issue 19).
  const match = /^(.+)-\d{5,6}$/.exec(graduateId);
  return match?.[1];
}

export interface ListedGraduate extends GraduateRecord {
  readonly graduateId: string;
  /** Row of the officer's file the graduate came from, for reports back to the office. */
  readonly sourceRow: number;
}

export interface DecisionHeader {
  readonly decisionId: string;
  readonly authorityCode: string;
  readonly number: string;
  readonly date: IsoDate;
  readonly kind: DiplomaKind;
  readonly schoolYear: string;
  readonly examSession: string | null;
  readonly graduateCount: number;
  readonly sourceFile: { name: string; sha256: string };
}

/**
 * "Năm tốt nghiệp" on the diploma, the copy and the sổ gốc (§4.1 col. 8, §4.7): the year the school year
 * ends ("2024-2025" → "2025"). Never the exam session's text, which heads the book's section instead and,
 * in a column, wrapped each line to six (issue 17).
 */
export const graduationYearOf = (schoolYear: string): string => schoolYear.slice(5);

export type GraduationDecisionEvent =
  /** The decision's list follows in chunks; the decision is not recorded until it is sealed. */
  | DomainEvent<'GraduationDecisionOpened', DecisionHeader>
  /** The seal: every graduate of the header's count is listed (earlier releases wrote it first, in one append). */
  | DomainEvent<'GraduationDecisionRecorded', DecisionHeader>
  | DomainEvent<'GraduatesListed', { decisionId: string; graduates: ListedGraduate[] }>
  /** The graduates a print run will print; no graduate is ever in two print runs (rule 1). */
  | DomainEvent<'GraduatesClaimedForPrintRun', { decisionId: string; printRunId: string; graduateIds: string[] }>
  /** A print run that could not open gives its graduates back. */
  | DomainEvent<'GraduateClaimsReleased', { decisionId: string; printRunId: string; graduateIds: string[] }>;

export type GraduationDecisionCommand = RecordGraduationDecision | ClaimGraduatesForPrintRun | ReleaseGraduateClaims;

/** Without graduateIds, every graduate of the decision not yet in a print run is claimed. */
export type ClaimGraduatesForPrintRun = {
  type: 'ClaimGraduatesForPrintRun';
  printRunId: string;
  authorityCode: string;
  graduateIds?: string[];
};
export type ReleaseGraduateClaims = { type: 'ReleaseGraduateClaims'; printRunId: string };

export type RecordGraduationDecision = {
  type: 'RecordGraduationDecision';
  decisionId: string;
  authorityCode: string;
  number: string;
  date: IsoDate;
  kind: DiplomaKind;
  schoolYear: string;
  examSession?: string | null;
  sourceFile: { name: string; sha256: string };
  /** Already validated rows (the file was clean); the decider checks only what concerns the decision. */
  graduates: (GraduateRecord & { sourceRow: number })[];
};

export type GraduationDecisionState =
  | { readonly status: 'none' }
  /** Opened, list partly or wholly recorded, not sealed: not a decision anything may act on yet. */
  | { readonly status: 'recording'; readonly header: DecisionHeader; readonly graduates: ReadonlyMap<string, ListedGraduate> }
  | {
      readonly status: 'recorded';
      readonly header: DecisionHeader;
      readonly graduates: ReadonlyMap<string, ListedGraduate>;
      readonly printRunOf: ReadonlyMap<string, string>;
    };

export const graduationDecisionDecider: Decider<GraduationDecisionCommand, GraduationDecisionState, GraduationDecisionEvent> = {
  initialState: { status: 'none' },
  evolve(state, event) {
    if (event.type === 'GraduationDecisionOpened') return { status: 'recording', header: event.data, graduates: new Map() };
    if (event.type === 'GraduationDecisionRecorded') {
      // The seal of a chunked list keeps what was listed; an earlier release's header came first, its list after.
      const graduates = state.status === 'recording' ? state.graduates : new Map<string, ListedGraduate>();
      return { status: 'recorded', header: event.data, graduates, printRunOf: new Map() };
    }
    if (state.status === 'none') return state;
    if (event.type === 'GraduatesListed') {
      // The map was made by this fold (Opened/Recorded above): filled in place, so a 100,000-row list folds in linear time.
      const graduates = state.graduates as Map<string, ListedGraduate>;
      for (const graduate of event.data.graduates) graduates.set(graduate.graduateId, graduate);
      return state;
    }
    if (state.status !== 'recorded') return state;
    switch (event.type) {
      case 'GraduatesClaimedForPrintRun': {
        const printRunOf = new Map(state.printRunOf);
        for (const id of event.data.graduateIds) printRunOf.set(id, event.data.printRunId);
        return { ...state, printRunOf };
      }
      case 'GraduateClaimsReleased': {
        const printRunOf = new Map(state.printRunOf);
        for (const id of event.data.graduateIds) printRunOf.delete(id);
        return { ...state, printRunOf };
      }
    }
  },
  decide(command, state, context) {
    // A decision is dated by the day it was signed, which has come by the day it is recorded (issue 16).
    const actedOn = actedOnIfKnown(context);
    if (command.type === 'ClaimGraduatesForPrintRun') return claimGraduates(command, state);
    if (command.type === 'ReleaseGraduateClaims') return releaseClaims(command, state);
    const problems = collectProblems(
      requirePattern(
        'decisionId',
        command.decisionId,
        /^[a-z0-9][a-z0-9-]{2,95}$/,
        'chỉ gồm chữ thường, chữ số, gạch ngang',
        'must be lower-case letters, digits, hyphens',
      ),
      requireText('number', command.number, 60),
      requireActDate('date', command.date, actedOn),
      requireOneOf('kind', command.kind, DIPLOMA_KINDS),
      requirePattern('schoolYear', command.schoolYear, /^\d{4}-\d{4}$/, 'phải có dạng 2023-2024', 'must look like 2023-2024'),
      requirePattern('sourceFile.sha256', command.sourceFile?.sha256, /^[0-9a-f]{64}$/, 'không hợp lệ', 'is not valid'),
      Array.isArray(command.graduates) && command.graduates.length > 0
        ? undefined
        : {
            field: 'graduates',
            code: 'NO_GRADUATES',
            messageVi: 'Quyết định phải có danh sách người tốt nghiệp.',
            messageEn: 'The decision must list its graduates.',
          },
    );
    if (problems.length > 0) throw invalidInput(problems);
    if (state.status === 'recording' && !sameDecision(state.header, command)) {
      throw new DomainError({
        code: 'DECISION_RECORDING_UNFINISHED',
        kind: 'conflict',
        messageVi: `Quyết định ${state.header.number} ngày ${state.header.date} đang được ghi nhận từ tệp ${state.header.sourceFile.name} nhưng chưa xong; hãy gửi lại đúng tệp đó để hoàn tất.`,
        messageEn: `Decision ${state.header.number} of ${state.header.date} is being recorded from ${state.header.sourceFile.name} and is not finished; resend that file to complete it.`,
        field: 'decisionId',
        rule: 4,
      });
    }
    if (state.status === 'recorded') {
      throw new DomainError({
        code: 'DECISION_ALREADY_RECORDED',
        kind: 'conflict',
        messageVi: `Quyết định ${state.header.number} ngày ${state.header.date} đã được ghi nhận (${state.header.graduateCount} người).`,
        messageEn: `Decision ${state.header.number} of ${state.header.date} is already recorded (${state.header.graduateCount} graduates).`,
        field: 'decisionId',
      });
    }
    const ids = new Set<string>();
    for (const graduate of command.graduates) {
      if (ids.has(graduate.nationalId)) {
        throw new DomainError({
          code: 'DUPLICATE_NATIONAL_ID_IN_FILE',
          kind: 'invalid_input',
          messageVi: `Số định danh ${graduate.nationalId} xuất hiện hai lần trong danh sách (dòng ${graduate.sourceRow}).`,
          messageEn: `National ID ${graduate.nationalId} appears twice in the list (row ${graduate.sourceRow}).`,
          field: 'graduates',
          rule: 1,
        });
      }
      ids.add(graduate.nationalId);
    }
    const listed: ListedGraduate[] = command.graduates.map(({ sourceRow, ...record }, index) => ({
      ...record,
      graduateId: graduateIdOf(command.decisionId, index + 1),
      sourceRow,
    }));
    const header: DecisionHeader = {
      decisionId: command.decisionId,
      authorityCode: command.authorityCode,
      number: command.number.trim(),
      date: command.date,
      kind: command.kind,
      schoolYear: command.schoolYear,
      examSession: command.examSession?.trim() || null,
      graduateCount: listed.length,
      sourceFile: command.sourceFile,
    };
    // A resend after a cut-short recording lists only the chunks that are missing, then seals.
    const already = state.status === 'recording' ? state.graduates : new Map<string, ListedGraduate>();
    const chunks: GraduationDecisionEvent[] = [];
    for (let start = 0; start < listed.length; start += GRADUATES_PER_EVENT) {
      const graduates = listed.slice(start, start + GRADUATES_PER_EVENT).filter((g) => !already.has(g.graduateId));
      if (graduates.length > 0) chunks.push({ type: 'GraduatesListed', data: { decisionId: command.decisionId, graduates } });
    }
    const opening: GraduationDecisionEvent[] = state.status === 'recording' ? [] : [{ type: 'GraduationDecisionOpened', data: header }];
    return [...opening, ...chunks, { type: 'GraduationDecisionRecorded', data: header }];
  },
};

/** The same decision from the same file: what a resend of a cut-short import is. */
export function sameDecision(header: DecisionHeader, command: { number: string; sourceFile: { sha256: string } }): boolean {
  return header.sourceFile.sha256 === command.sourceFile?.sha256 && header.number === command.number.trim();
}

function recordedDecision(state: GraduationDecisionState): Extract<GraduationDecisionState, { status: 'recorded' }> {
  if (state.status === 'recording') {
    throw new DomainError({
      code: 'DECISION_NOT_SEALED',
      kind: 'rule_violation',
      messageVi: `Quyết định ${state.header.number} chưa được ghi nhận xong (danh sách chưa đủ); gửi lại tệp danh sách để hoàn tất trước khi in văn bằng.`,
      messageEn: `Decision ${state.header.number} is not completely recorded (its list is unfinished); resend the list to complete it before printing diplomas.`,
      field: 'decisionId',
      rule: 4,
    });
  }
  if (state.status !== 'recorded') {
    throw new DomainError({
      code: 'DECISION_NOT_FOUND',
      kind: 'not_found',
      messageVi: 'Không có quyết định công nhận tốt nghiệp này.',
      messageEn: 'No such graduation decision.',
      field: 'decisionId',
      rule: 4,
    });
  }
  return state;
}

function claimGraduates(command: ClaimGraduatesForPrintRun, state: GraduationDecisionState): GraduationDecisionEvent[] {
  const decision = recordedDecision(state);
  if (command.authorityCode !== decision.header.authorityCode) {
    throw new DomainError({
      code: 'DECISION_OF_ANOTHER_AUTHORITY',
      kind: 'forbidden',
      messageVi: `Quyết định ${decision.header.number} do đơn vị ${decision.header.authorityCode} ban hành; đơn vị khác không in văn bằng theo quyết định này.`,
      messageEn: `Decision ${decision.header.number} belongs to ${decision.header.authorityCode}; another authority cannot print its diplomas.`,
      field: 'decisionId',
    });
  }
  const wanted = command.graduateIds ?? [...decision.graduates.keys()].filter((id) => !decision.printRunOf.has(id));
  const unknown = wanted.filter((id) => !decision.graduates.has(id));
  if (unknown.length > 0) {
    throw new DomainError({
      code: 'GRADUATE_NOT_IN_DECISION',
      kind: 'invalid_input',
      messageVi: `Không có trong quyết định: ${unknown.slice(0, 10).join(', ')}.`,
      messageEn: `Not in the decision: ${unknown.slice(0, 10).join(', ')}.`,
      field: 'graduateIds',
      rule: 4,
    });
  }
  const taken = wanted.filter((id) => decision.printRunOf.has(id));
  if (taken.length > 0) {
    const first = taken[0]!;
    throw new DomainError({
      code: 'GRADUATE_ALREADY_IN_PRINT_RUN',
      kind: 'conflict',
      messageVi: `${taken.length} người đã thuộc đợt in khác (ví dụ ${first}, đợt ${decision.printRunOf.get(first)}); mỗi người chỉ được cấp một bản chính.`,
      messageEn: `${taken.length} graduates are already in another print run (e.g. ${first}, run ${decision.printRunOf.get(first)}); an original is issued once.`,
      field: 'graduateIds',
      rule: 1,
    });
  }
  if (wanted.length === 0 || new Set(wanted).size !== wanted.length) {
    throw new DomainError({
      code: 'NOTHING_TO_PRINT',
      kind: 'rule_violation',
      messageVi: 'Không còn người nào của quyết định này chờ in văn bằng (hoặc danh sách bị lặp).',
      messageEn: 'No graduate of this decision is waiting for a diploma (or the list repeats someone).',
      field: 'graduateIds',
    });
  }
  // Issue 20: a large run's claim is several events of bounded size, so it can go in bounded appends.
  const events: GraduationDecisionEvent[] = [];
  for (let start = 0; start < wanted.length; start += CLAIMED_IDS_PER_EVENT) {
    events.push({
      type: 'GraduatesClaimedForPrintRun',
      data: {
        decisionId: decision.header.decisionId,
        printRunId: command.printRunId,
        graduateIds: wanted.slice(start, start + CLAIMED_IDS_PER_EVENT),
      },
    });
  }
  return events;
}

/** Graduate ids per claim event: a few hundred KiB at most, well under one append's bound (issue 20). */
export const CLAIMED_IDS_PER_EVENT = 5_000;

function releaseClaims(command: ReleaseGraduateClaims, state: GraduationDecisionState): GraduationDecisionEvent[] {
  const decision = recordedDecision(state);
  const graduateIds = [...decision.printRunOf].filter(([, run]) => run === command.printRunId).map(([id]) => id);
  return graduateIds.length === 0
    ? []
    : [{ type: 'GraduateClaimsReleased', data: { decisionId: decision.header.decisionId, printRunId: command.printRunId, graduateIds } }];
}
