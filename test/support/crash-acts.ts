import type { AuthorityDirectory, CommandContext } from '@so-goc/domain';
import type { CommandOutcome, EventStore } from '@so-goc/event-store';
import { openPrintRun } from '@so-goc/platform/issuance/open-print-run';
import { receiveBlankLot } from '@so-goc/platform/blanks/receive-blank-lot';
import { reissueDiploma } from '@so-goc/platform/diplomas/after-issuance';
import { recordPrinting, signPrintRun } from '@so-goc/platform/issuance/print-run-steps';
import { importGraduationDecision } from '@so-goc/platform/decisions/import-graduation-decision';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IssueCertificates, loadConfig, openCommandBus } from '@so-goc/platform';
import { openReadModelDatabase } from '@so-goc/projections';
import { cohortCsv } from './cohort-csv';

export const REISSUED_DIPLOMA = 'sgd-hp-1234-2024-00005';
/** The printed, unsigned run the signing crash test signs. */
export const RUN_TO_SIGN = 'thpt-2024-ky';
/** The decision of the 'record-decision' act: 3,000 people, more than one bounded append (issue 20). */
export const LARGE_DECISION = { decisionId: 'sgd-hp-3000-2024', graduates: 3_000 };

/**
 * The session of the 'issue-certificates' act (issue 20 item 2 for certificates): the Sở's completion
 * certificates (GCN-HTCT, TT10/2026) for a results list long enough to need several bounded appends.
 */
export const LARGE_SESSION = { sessionId: 'htct-2026-lon', results: 3_000, year: 2026 } as const;
const GIVEN = [
  'An',
  'Bình',
  'Chi',
  'Dũng',
  'Giang',
  'Hà',
  'Hùng',
  'Khánh',
  'Lan',
  'Minh',
  'Nam',
  'Oanh',
  'Phúc',
  'Quân',
  'Sơn',
  'Thảo',
  'Trang',
  'Uyên',
  'Vy',
  'Yến',
];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Thu', 'Quốc', 'Ngọc', 'Đức', 'Hải', 'Thanh', 'Gia'];
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô'];
/** `count` distinct people (name and birth date), as a centre's results list would hold them, rows from 2. */
export function completionResults(count: number): { row: number; fullName: string; birthDate: string; fields: Record<string, string> }[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `${FAMILY[i % 10]} ${MIDDLE[Math.floor(i / 10) % 10]} ${GIVEN[Math.floor(i / 100) % 20]}`;
    const day = Math.floor(i / 2000);
    const birth = new Date(Date.UTC(2008, 0, 1 + day));
    return {
      row: i + 2,
      fullName: name,
      birthDate: `${String(birth.getUTCDate()).padStart(2, '0')}/${String(birth.getUTCMonth() + 1).padStart(2, '0')}/2008`,
      fields: { schoolYear: '2025-2026', school: `Trường THPT số ${(i % 40) + 1} Hải Phòng` },
    };
  });
}

/** Issues a GCN-HTCT session of the Sở through the command bus, on the store given (a real SQLite file). */
export async function issueCompletionSession(
  store: EventStore,
  context: CommandContext,
  session: { sessionId: string; results: number; decisionNumber?: string },
): Promise<CommandOutcome> {
  const readModels = openReadModelDatabase(':memory:');
  const host = await openCommandBus({
    config: loadConfig({ SOGOC_DATA_DIR: mkdtempSync(join(tmpdir(), 'crash-bus-')) }),
    store,
    readModels,
    close: async () => undefined,
  });
  try {
    return await host.bus.execute(
      new IssueCertificates(
        {
          authorityCode: 'SGD-HP',
          kindCode: 'GCN-HTCT',
          sessionId: session.sessionId,
          sessionName: 'Năm học 2025-2026',
          decision: { number: session.decisionNumber ?? '650/QĐ-SGDĐT', date: '2026-06-20', signerName: 'Nguyễn Văn An' },
          rows: completionResults(session.results),
        },
        context,
      ),
    );
  } finally {
    await host.close();
    readModels.close();
  }
}
/** The 50,000-diploma run of the bounded-appends test (issue 20): its opening and its binding each span several appends. */
export const LARGE_RUN = {
  printRunId: 'thpt-2024-toan-tinh',
  authorityCode: 'SGD-HP',
  decisionId: 'sgd-hp-50000-2024',
  lotId: 'HP-THPT-2024-M',
  count: 50_000,
};

/** The acts that span streams, with the same body each time: a resend is the same request. */
export const CRASH_ACTS: Record<
  string,
  (store: EventStore, directory: AuthorityDirectory, context: CommandContext) => Promise<CommandOutcome>
> = {
  'open-print-run': (store, _directory, context) =>
    openPrintRun(
      store,
      {
        printRunId: 'thpt-2024-dot-2',
        authorityCode: 'SGD-HP',
        decisionId: 'sgd-hp-2000-2024',
        lotId: 'HP-THPT-2024',
        templateVersion: 'TT21-2019',
        openedOn: '2024-08-20',
        spareBlanks: 2,
      },
      context,
    ),
  'open-large-print-run': (store, _directory, context) =>
    openPrintRun(
      store,
      {
        printRunId: LARGE_RUN.printRunId,
        authorityCode: LARGE_RUN.authorityCode,
        decisionId: LARGE_RUN.decisionId,
        lotId: LARGE_RUN.lotId,
        templateVersion: 'TT21-2019',
        openedOn: '2024-08-05',
        spareBlanks: 10,
      },
      context,
    ),
  'print-large-run': (store, _directory, context) =>
    recordPrinting(store, { printRunId: LARGE_RUN.printRunId, authorityCode: LARGE_RUN.authorityCode, printedOn: '2024-08-06' }, context),
  'receive-lot': (store, _directory, context) =>
    receiveBlankLot(
      store,
      {
        type: 'ReceiveBlankLot',
        lotId: 'HP-THPT-2024-B',
        authorityCode: 'SGD-HP',
        kind: 'THPT',
        templateVersion: 'TT21-2019',
        prefix: 'HP',
        width: 7,
        from: 220001,
        to: 221000,
        supplier: 'Nhà in',
        deliveryNote: { number: 'PGH-B', date: '2024-06-01' },
        receivedBy: 'Lan',
        receivedOn: '2024-06-01',
      },
      context,
    ),
  'record-decision': (store, _directory, context) =>
    importGraduationDecision(
      store,
      {
        decisionId: LARGE_DECISION.decisionId,
        authorityCode: 'SGD-HP',
        number: '3000/QĐ-SGDĐT',
        date: '2024-07-25',
        kind: 'THPT',
        schoolYear: '2023-2024',
        examSession: 'Kỳ thi tốt nghiệp THPT năm 2024',
        fileName: 'bo-sung-3000.csv',
        bytes: cohortCsv(LARGE_DECISION.graduates),
      },
      context,
    ),
  reissue: (store, directory, context) =>
    reissueDiploma(
      store,
      directory,
      {
        diplomaId: REISSUED_DIPLOMA,
        authorityCode: 'SGD-HP',
        decisionNumber: '7/QĐ-SGDĐT',
        decisionDate: '2026-03-02',
        issuerError: 'Ghi sai họ tên',
        changes: [{ field: 'fullName', after: 'Nguyễn Văn Sửa' }],
        lotId: 'HP-THPT-2024',
        issueDate: '2026-03-03',
        issuePlace: 'Hải Phòng',
        signerId: 'gd-sgd-hp',
      },
      context,
    ),
  'issue-certificates': (store, _directory, context) => issueCompletionSession(store, context, LARGE_SESSION),
  'sign-print-run': (store, directory, context) =>
    signPrintRun(
      store,
      directory,
      { printRunId: RUN_TO_SIGN, authorityCode: 'SGD-HP', signerId: 'gd-sgd-hp', issueDate: '2024-08-14', issuePlace: 'Hải Phòng' },
      { ...context, actor: { officerId: 'ky-hp', role: 'signer', authorityCode: 'SGD-HP' } },
    ),
};
