import { given } from '../testing/given-when-then';
import { DECISION } from '../testing/issuance-fixtures';
import { givenRead, stateOf } from '../testing/workflow-spec';
import { graduateRegistryDecider, graduateRegistryStream, personKeysOf, type GraduateRegistryState } from '../graduates/graduate-registry';
import {
  GRADUATES_PER_EVENT,
  graduationDecisionDecider,
  graduationDecisionStream,
  type DecisionHeader,
  type GraduationDecisionEvent,
  type ListedGraduate,
  type RecordGraduationDecision,
} from './graduation-decision';
import { decideRecordGraduationDecision, registryStreamsOf } from './record-decision.workflow';

/** 1,200 people: three chunks of the list (GRADUATES_PER_EVENT each at most). */
const PEOPLE = Array.from({ length: 1_200 }, (_, i) => ({
  fullName: `Nguyễn Văn Học ${i + 1}`,
  birthDate: '2006-09-18',
  birthPlace: 'Hải Phòng',
  sex: 'male' as const,
  ethnicity: 'Kinh' as const,
  nationalId: `031206${String(100_000 + i).padStart(6, '0')}`,
  school: 'Trường THPT Ngô Quyền',
  className: '12A1',
  classification: null,
  trainingMode: 'regular' as const,
  sourceRow: i + 2,
}));

const command: RecordGraduationDecision = {
  type: 'RecordGraduationDecision',
  decisionId: DECISION.decisionId,
  authorityCode: DECISION.authorityCode,
  number: DECISION.number,
  date: DECISION.date,
  kind: DECISION.kind,
  schoolYear: DECISION.schoolYear,
  examSession: DECISION.examSession,
  sourceFile: DECISION.sourceFile,
  graduates: PEOPLE,
};
const header: DecisionHeader = { ...DECISION, graduateCount: PEOPLE.length };
const listed: ListedGraduate[] = PEOPLE.map(({ sourceRow, ...record }, i) => ({
  ...record,
  graduateId: `${DECISION.decisionId}-${String(i + 1).padStart(5, '0')}`,
  sourceRow,
}));
const chunk = (n: number): GraduationDecisionEvent => ({
  type: 'GraduatesListed',
  data: { decisionId: DECISION.decisionId, graduates: listed.slice(n * GRADUATES_PER_EVENT, (n + 1) * GRADUATES_PER_EVENT) },
});
const opened: GraduationDecisionEvent = { type: 'GraduationDecisionOpened', data: header };
const sealed: GraduationDecisionEvent = { type: 'GraduationDecisionRecorded', data: header };
const decisionStream = graduationDecisionStream(DECISION.decisionId);

const noRegistries = new Map<string, GraduateRegistryState>();
/** The registry streams as the first attempt left them: every person already reserved for this decision. */
let afterFirstAttempt: Map<string, GraduateRegistryState> | undefined;
function registriesAfterFirstAttempt(): Map<string, GraduateRegistryState> {
  if (afterFirstAttempt) return afterFirstAttempt;
  const decider = graduateRegistryDecider('THPT');
  const byStream = new Map<string, { row: number; keys: ReturnType<typeof personKeysOf> }[]>();
  for (const person of PEOPLE) {
    for (const key of personKeysOf(person)) {
      const stream = graduateRegistryStream('THPT', key.key);
      byStream.set(stream, [...(byStream.get(stream) ?? []), { row: person.sourceRow, keys: [key] }]);
    }
  }
  const by = { decisionId: DECISION.decisionId, decisionNumber: DECISION.number, decisionDate: DECISION.date };
  afterFirstAttempt = new Map();
  for (const [stream, people] of byStream) {
    const events = decider.decide({ type: 'ReserveGraduates', decision: by, people }, decider.initialState, undefined as never);
    afterFirstAttempt.set(stream, stateOf(decider, events));
  }
  return afterFirstAttempt;
}

describe('Recording a graduation decision in bounded appends, sealed last (issue 20, rules 1 and 4)', () => {
  it('given nothing, when the list is recorded, then the decision is opened, listed in chunks and sealed last; the appends may be split', () => {
    givenRead({ decision: stateOf(graduationDecisionDecider, []), registries: noRegistries })
      .when((read, context) => {
        const decided = decideRecordGraduationDecision(command, read, context);
        const own = decided.appends.find((a) => a.stream === decisionStream)!;
        expect(own).toMatchObject({ sealed: true, resumes: false });
        // The registry reservations (rule 1) come before the decision, whose seal is the very last event.
        expect(decided.appends.at(-1)).toBe(own);
        return decided;
      })
      .then([
        ...registryStreamsOf(command).map((stream) => ({ stream, events: expect.any(Array) as never })),
        { stream: decisionStream, events: [opened, chunk(0), chunk(1), chunk(2), sealed] },
      ]);
  });

  it('given a decision a crash left unsealed after its first chunk, when the same file is resent, then only the missing chunks and the seal are added', () => {
    givenRead({ decision: stateOf(graduationDecisionDecider, [opened, chunk(0)]), registries: registriesAfterFirstAttempt() })
      .when((read, context) => {
        const decided = decideRecordGraduationDecision(command, read, context);
        expect(decided.appends.find((a) => a.stream === decisionStream)).toMatchObject({ sealed: true, resumes: true });
        return decided;
      })
      .then([{ stream: decisionStream, events: [chunk(1), chunk(2), sealed] }]);
  });

  it('given a decision left unsealed with its whole list, when resent, then only the seal is added', () => {
    givenRead({
      decision: stateOf(graduationDecisionDecider, [opened, chunk(0), chunk(1), chunk(2)]),
      registries: registriesAfterFirstAttempt(),
    })
      .when((read, context) => decideRecordGraduationDecision(command, read, context))
      .then([{ stream: decisionStream, events: [sealed] }]);
  });

  it('given a sealed decision, when the same file is resent, then nothing is left to do', () => {
    givenRead({
      decision: stateOf(graduationDecisionDecider, [opened, chunk(0), chunk(1), chunk(2), sealed]),
      registries: registriesAfterFirstAttempt(),
    })
      .when((read, context) => decideRecordGraduationDecision(command, read, context))
      .then([]);
  });

  it('given an unsealed decision, when another file is sent under its id, then it is refused: finish the first', () => {
    givenRead({ decision: stateOf(graduationDecisionDecider, [opened, chunk(0)]), registries: registriesAfterFirstAttempt() })
      .when((read, context) =>
        decideRecordGraduationDecision({ ...command, sourceFile: { name: 'khac.xlsx', sha256: 'f'.repeat(64) } }, read, context),
      )
      .thenRefusedWith('DECISION_RECORDING_UNFINISHED');
  });

  it('rule 4: an unsealed decision is not a decision yet — nobody can be claimed for a print run from it', () => {
    given(graduationDecisionDecider, [opened, chunk(0), chunk(1), chunk(2)])
      .when({ type: 'ClaimGraduatesForPrintRun', printRunId: 'run-1', authorityCode: 'SGD-HP' })
      .thenRefusedWith('DECISION_NOT_SEALED', { rule: 4 });
  });

  it("an earlier release's decision (header first, list after, one append, no seal) still reads as recorded with its whole list", () => {
    const state = stateOf(graduationDecisionDecider, [sealed, chunk(0), chunk(1), chunk(2)]);
    expect(state.status).toBe('recorded');
    expect(state.status === 'recorded' && state.graduates.size).toBe(1_200);
    const chunked = stateOf(graduationDecisionDecider, [opened, chunk(0), chunk(1), chunk(2), sealed]);
    expect(chunked).toEqual(state);
  });
});
