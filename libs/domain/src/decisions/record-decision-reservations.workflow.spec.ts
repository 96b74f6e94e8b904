import {
  graduateRegistryDecider,
  graduateRegistryStream,
  type GraduateRegistryEvent,
  type GraduateRegistryState,
} from '../graduates/graduate-registry';
import type { DomainError } from '../shared/errors';
import { TEST_CONTEXT } from '../testing/given-when-then';
import { givenRead, stateOf } from '../testing/workflow-spec';
import { graduationDecisionDecider, type GraduationDecisionEvent, type RecordGraduationDecision } from './graduation-decision';
import { decideRecordGraduationDecision, registryStreamsOf } from './record-decision.workflow';

/**
 * Recording a graduation decision with its list (rules 1–4) reserves every person on the graduate
 * registry's streams (rule 1 across decisions: one original per person and kind), then records the
 * decision, from literal histories; a resend after a crash completes the import (issue 12 items 5, 7).
 */
const graduate = (row: number, fullName: string, nationalId: string) => ({
  sourceRow: row,
  fullName,
  birthDate: '2006-09-18',
  birthPlace: 'Hải Phòng',
  sex: 'female' as const,
  ethnicity: 'Kinh' as const,
  nationalId,
  school: 'Trường THPT Ngô Quyền',
  className: '12A1',
  classification: null,
  trainingMode: 'regular' as const,
});
const command: RecordGraduationDecision = {
  type: 'RecordGraduationDecision',
  decisionId: 'qd-1234-2024',
  authorityCode: 'SGD-HP',
  number: '1234/QĐ-SGDĐT',
  date: '2024-07-20',
  kind: 'THPT',
  schoolYear: '2023-2024',
  examSession: 'Kỳ thi tốt nghiệp THPT năm 2024',
  sourceFile: { name: 'ds.xlsx', sha256: 'a'.repeat(64) },
  graduates: [graduate(2, 'Nguyễn Thị Thuỷ', '031206000001'), graduate(3, 'Đặng Hoàng Yến', '031206000002')],
};
const reservedBy = (decisionId: string, decisionNumber: string, keys: string[]): GraduateRegistryEvent => ({
  type: 'GraduatesReserved',
  data: { decisionId, decisionNumber, decisionDate: '2024-07-01', keys },
});
/** The registry streams as the store holds them, given literal reservations per stream. */
const registries = (reservations: GraduateRegistryEvent[] = []): ReadonlyMap<string, GraduateRegistryState> => {
  const decider = graduateRegistryDecider('THPT');
  return new Map(
    registryStreamsOf(command).map((stream) => [
      stream,
      stateOf(
        decider,
        reservations.filter((r) => r.data.keys.some((key) => graduateRegistryStream('THPT', key) === stream)),
      ),
    ]),
  );
};
const read = (decision: GraduationDecisionEvent[] = [], reservations: GraduateRegistryEvent[] = []) => ({
  decision: stateOf(graduationDecisionDecider, decision),
  registries: registries(reservations),
});
const record = (r: ReturnType<typeof read>, context: typeof TEST_CONTEXT) => decideRecordGraduationDecision(command, r, context);

describe('recording a graduation decision (rules 1–4; issue 12 items 5, 7)', () => {
  it('rule 1: every person is reserved on the registry first, the decision with its list is recorded last', () => {
    const decision = record(read(), TEST_CONTEXT);
    const appends = decision.appends.filter((a) => a.events.length > 0);
    expect(appends.at(-1)).toMatchObject({
      stream: 'graduation-decision-qd-1234-2024',
      // Issue 20: opened, listed, then sealed by the record itself.
      events: [{ type: 'GraduationDecisionOpened' }, { type: 'GraduatesListed' }, { type: 'GraduationDecisionRecorded' }],
    });
    const reserved = appends.slice(0, -1).flatMap((a) => a.events.flatMap((e) => (e as GraduateRegistryEvent).data.keys));
    expect(reserved).toEqual(expect.arrayContaining(['id:031206000001', 'id:031206000002']));
    expect(reserved).toHaveLength(4);
  });

  it('rule 1: a person another decision already recognised is named by row, and nothing is recorded', () => {
    let refusal: DomainError | undefined;
    try {
      record(read([], [reservedBy('qd-0999-2024', '999/QĐ-SGDĐT', ['id:031206000002'])]), TEST_CONTEXT);
    } catch (error) {
      refusal = error as DomainError;
    }
    expect(refusal?.problem.code).toBe('GRADUATE_LIST_REJECTED');
    expect(refusal?.problem.fieldProblems?.map((p) => [p.field, p.code])).toEqual([
      ['row 3: Số định danh cá nhân', 'DUPLICATE_OF_EARLIER_DECISION'],
    ]);
  });

  it('issue 12 item 7: resent after a crash that left only the reservations, the decision is recorded and nothing reserved twice', () => {
    const keys = command.graduates.flatMap((g) => [`id:${g.nationalId}`]);
    const decision = record(read([], [reservedBy('qd-1234-2024', '1234/QĐ-SGDĐT', keys)]), TEST_CONTEXT);
    const reservedAgain = decision.appends
      .filter((a) => a.stream.startsWith('graduate-registry-'))
      .flatMap((a) => a.events.flatMap((e) => (e as GraduateRegistryEvent).data.keys));
    expect(reservedAgain.filter((key) => key.startsWith('id:'))).toEqual([]);
    expect(decision.appends.at(-1)?.events.map((e) => e.type)).toEqual([
      'GraduationDecisionOpened',
      'GraduatesListed',
      'GraduationDecisionRecorded',
    ]);
  });

  it('the same decision from the same file, sent again after it was recorded, has nothing left to do', () => {
    const recorded: GraduationDecisionEvent = {
      type: 'GraduationDecisionRecorded',
      data: {
        decisionId: 'qd-1234-2024',
        authorityCode: 'SGD-HP',
        number: '1234/QĐ-SGDĐT',
        date: '2024-07-20',
        kind: 'THPT',
        schoolYear: '2023-2024',
        examSession: 'Kỳ thi tốt nghiệp THPT năm 2024',
        graduateCount: 2,
        sourceFile: { name: 'ds.xlsx', sha256: 'a'.repeat(64) },
      },
    };
    givenRead(read([recorded]))
      .when(record)
      .then([]);
  });
});
