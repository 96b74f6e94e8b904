import type { AuthorityDirectory, CommandContext } from '@so-goc/domain';
import type { CommandOutcome, EventStore } from '@so-goc/event-store';
import { openPrintRun } from '@so-goc/platform/issuance/open-print-run';
import { receiveBlankLot } from '@so-goc/platform/blanks/receive-blank-lot';
import { reissueDiploma } from '@so-goc/platform/diplomas/after-issuance';
import { recordPrinting, signPrintRun } from '@so-goc/platform/issuance/print-run-steps';
import { importGraduationDecision } from '@so-goc/platform/decisions/import-graduation-decision';
import { cohortCsv } from './cohort-csv';

export const REISSUED_DIPLOMA = 'sgd-hp-1234-2024-00005';
/** The printed, unsigned run the signing crash test signs. */
export const RUN_TO_SIGN = 'thpt-2024-ky';
/** The decision of the 'record-decision' act: 3,000 people, more than one bounded append (issue 20). */
export const LARGE_DECISION = { decisionId: 'sgd-hp-3000-2024', graduates: 3_000 };

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
  'sign-print-run': (store, directory, context) =>
    signPrintRun(
      store,
      directory,
      { printRunId: RUN_TO_SIGN, authorityCode: 'SGD-HP', signerId: 'gd-sgd-hp', issueDate: '2024-08-14', issuePlace: 'Hải Phòng' },
      { ...context, actor: { officerId: 'ky-hp', role: 'signer', authorityCode: 'SGD-HP' } },
    ),
};
