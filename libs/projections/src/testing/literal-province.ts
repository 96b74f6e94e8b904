import type { BlankLotEvent, GraduationDecisionEvent, ListedGraduate, PrintRunEntry, PrintRunEvent } from '@so-goc/domain';
import type { RecordedEvent } from '@so-goc/event-store';
import { recordedEvent } from './projection-spec';

/**
 * A Sở's 2024 THPT issuance written out event by event, as literal data (not produced by the deciders),
 * for projection specs: lot HP-2024-THPT-1 of 20 blanks (HP 0203401–0203420) received on 20/05/2024;
 * decision 1234/QĐ-SGDĐT with three graduates; print run run-ngo-quyen reserving four blanks (one spare),
 * printing three (register numbers 417–419, serials HP 0203416–0203418), signed on 14/08/2024.
 */
export const LOT_ID = 'HP-2024-THPT-1';
export const LOT_STREAM = `blank-lot-${LOT_ID}`;
export const RUN_ID = 'run-ngo-quyen';
export const RUN_STREAM = `print-run-${RUN_ID}`;
export const DECISION_STREAM = 'graduation-decision-qd-1234-2024';

export const lotReceived: BlankLotEvent = {
  type: 'BlankLotReceived',
  data: {
    lotId: LOT_ID,
    kind: 'THPT',
    templateVersion: 'TT21-2019',
    prefix: 'HP',
    width: 7,
    range: { from: 203401, to: 203420 },
    receivingAuthority: 'SGD-HP',
    supplier: 'Nhà in Bộ GDĐT',
    deliveryNote: { number: 'PGH-0524', date: '2024-05-20' },
    receivedBy: 'Nguyễn Thị Lan',
    receivedOn: '2024-05-20',
    missing: [],
    damaged: [],
  },
};

export function listedGraduate(n: number, fullName: string, birthDate: string): ListedGraduate {
  return {
    graduateId: `qd-1234-2024-${String(n).padStart(5, '0')}`,
    sourceRow: n + 1,
    fullName,
    birthDate,
    birthPlace: 'Hải Phòng',
    sex: n === 3 ? 'male' : 'female',
    ethnicity: 'Kinh',
    nationalId: `03120600000${n}`,
    school: 'Trường THPT Ngô Quyền',
    className: '12A1',
    classification: 'Khá',
    trainingMode: 'regular',
  };
}

export const GRADUATES = [
  listedGraduate(1, 'Nguyễn Thị Thuỷ', '2006-09-18'),
  listedGraduate(2, 'Đặng Hoàng Yến', '2006-03-02'),
  listedGraduate(3, 'Lê Quốc Hưng', '2006-12-30'),
];

export const decisionEvents: GraduationDecisionEvent[] = [
  {
    type: 'GraduationDecisionRecorded',
    data: {
      decisionId: 'qd-1234-2024',
      authorityCode: 'SGD-HP',
      number: '1234/QĐ-SGDĐT',
      date: '2024-07-20',
      kind: 'THPT',
      schoolYear: '2023-2024',
      examSession: 'Kỳ thi tốt nghiệp THPT năm 2024',
      graduateCount: 3,
      sourceFile: { name: 'ds.xlsx', sha256: '0'.repeat(64) },
    },
  },
  { type: 'GraduatesListed', data: { decisionId: 'qd-1234-2024', graduates: GRADUATES } },
];

export const diplomaIdOf = (n: number): string => `dip-hp-2024-${n}`;

export const ENTRIES: PrintRunEntry[] = GRADUATES.map((g, i) => ({
  diplomaId: diplomaIdOf(i + 1),
  graduateId: g.graduateId,
  registerNumber: 417 + i,
  registerLabel: `000${417 + i}/THPT-2024`,
  serial: 203416 + i,
  serialLabel: `HP 0${203416 + i}`,
  exemptFromPublicListing: false,
}));

export const runEvents: PrintRunEvent[] = [
  {
    type: 'PrintRunOpened',
    data: {
      printRunId: RUN_ID,
      authorityCode: 'SGD-HP',
      decisionId: 'qd-1234-2024',
      decisionNumber: '1234/QĐ-SGDĐT',
      decisionDate: '2024-07-20',
      kind: 'THPT',
      registerYear: 2024,
      lotId: LOT_ID,
      prefix: 'HP',
      width: 7,
      templateVersion: 'TT21-2019',
      openedOn: '2024-08-10',
      reserved: [{ from: 203416, to: 203419 }],
      count: 3,
      exemptionBasis: null,
    },
  },
  { type: 'PrintRunEntriesPlanned', data: { printRunId: RUN_ID, entries: ENTRIES } },
  { type: 'PrintRunPrinted', data: { printRunId: RUN_ID, printedOn: '2024-08-12', count: 3 } },
];

export const runSigned: PrintRunEvent = {
  type: 'PrintRunSigned',
  data: {
    printRunId: RUN_ID,
    signerId: 'gd-hp',
    signerName: 'Nguyễn Văn An',
    signerTitle: 'Giám đốc',
    signerRole: 'head',
    delegationRef: null,
    issueDate: '2024-08-14',
    issuePlace: 'Hải Phòng',
    regime: 'TT21-2019',
    legalBasis: 'Thông tư 21/2019/TT-BGDĐT, Điều 15',
  },
};

export const lotForRun: BlankLotEvent[] = [
  {
    type: 'BlanksReserved',
    data: { ranges: [{ from: 203416, to: 203419 }], authorityCode: 'SGD-HP', printRunId: RUN_ID, reservedOn: '2024-08-10', quantity: 4 },
  },
  {
    type: 'BlanksBound',
    data: {
      authorityCode: 'SGD-HP',
      printRunId: RUN_ID,
      boundOn: '2024-08-12',
      bindings: ENTRIES.map((e) => ({ serial: e.serial, diplomaId: e.diplomaId })),
    },
  },
];

/** Events of one stream, revisions counted from `first`. */
export function onStream(stream: string, events: readonly { type: string; data: unknown }[], first = 0): RecordedEvent[] {
  return events.map((event, i) => recordedEvent(stream, event, { revision: BigInt(first + i) }));
}

/** The whole issuance in the order the write path records it. */
export function issuance2024(): RecordedEvent[] {
  return [
    ...onStream(LOT_STREAM, [lotReceived]),
    ...onStream(DECISION_STREAM, decisionEvents),
    ...onStream(LOT_STREAM, [lotForRun[0]!], 1),
    ...onStream(RUN_STREAM, runEvents),
    ...onStream(LOT_STREAM, [lotForRun[1]!], 2),
    ...onStream(RUN_STREAM, [runSigned], 3),
  ];
}
