import type { Decider } from '../shared/decider';
import { DomainError, invalidInput } from '../shared/errors';
import { throwIfInvalid, requirePattern, requireText } from '../shared/validation';
import { actedOnIfKnown, requireActDate } from '../shared/plausible-dates';
import { authorizeAct } from '../authorities/act-authorization';
import { requireSignerActor, signerEntitledOn } from '../authorities/authority-directory';
import type { Actor } from '../shared/command-context';
import { formatSerial, type SerialRange } from '../blanks/serial-range';
import { requireBalanced, requireNotBefore, requireReplacementSpare } from '../print-runs/print-run-core';
import { formatRegisterNumber } from '../registers/register-numbers';
import {
  openingIsSealed,
  originalDiplomaId,
  PRINT_RUN_ENTRIES_PER_EVENT,
  type OpenPrintRun,
  type PrintRunCommand,
  type PrintRunEntry,
  type PrintRunEvent,
} from './print-run';
import { evolvePrintRun, type OpenedPrintRun, type PrintRunState, type PrintRunStatus } from './print-run-state';

import type { IsoDate } from '../shared/dates';
import type { DiplomaKind } from '../regimes/legal-regimes';
import { DIPLOMA_TEMPLATES, diplomaTemplateOn } from '../regimes/diploma-templates';

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9-]{1,63}$/;

export const printRunDecider: Decider<PrintRunCommand, PrintRunState, PrintRunEvent> = {
  initialState: { status: 'none' },
  evolve: evolvePrintRun,
  decide(command, state, context) {
    // Every date of a print run's act has happened by the day it is recorded (issue 16).
    const actedOn = actedOnIfKnown(context);
    if (command.type === 'OpenPrintRun') return open(command, state, actedOn);
    const run = requireRun(state);
    switch (command.type) {
      case 'RecordPrinting':
        throwIfInvalid(requireActDate('printedOn', command.printedOn, actedOn));
        requireStatus(run, ['open'], 'RecordPrinting');
        notBefore('printedOn', command.printedOn, run.header.openedOn, 'ngày mở đợt in', 'the day the run was opened');
        return [
          { type: 'PrintRunPrinted', data: { printRunId: run.header.printRunId, printedOn: command.printedOn, count: run.entries.length } },
        ];
      case 'RecordMisprint':
        return misprint(command, run, actedOn);
      case 'SignPrintRun':
        return sign(command, run, context?.actor, actedOn);
      case 'ClosePrintRun':
        return close(command, run, actedOn);
      case 'RecordPrintRunDocument':
        throwIfInvalid(
          requirePattern('sha256', command.sha256, /^[0-9a-f]{64}$/, 'không hợp lệ', 'is not valid'),
          Number.isInteger(command.pageCount) && command.pageCount === run.entries.length
            ? undefined
            : {
                field: 'pageCount',
                code: 'PAGE_COUNT_MISMATCH',
                messageVi: 'Số trang khác số văn bằng của đợt in.',
                messageEn: "The page count differs from the run's diplomas.",
              },
        );
        return [
          {
            type: 'PrintRunDocumentRendered',
            data: {
              printRunId: run.header.printRunId,
              mode: command.mode,
              sha256: command.sha256,
              pageCount: command.pageCount,
              renderedAt: command.renderedAt,
            },
          },
        ];
    }
  },
};

function open(command: OpenPrintRun, state: PrintRunState, actedOn: IsoDate | undefined): PrintRunEvent[] {
  throwIfInvalid(
    requirePattern(
      'printRunId',
      command.printRunId,
      RUN_ID,
      'gồm chữ, số, gạch ngang (2–64 ký tự)',
      'must be letters, digits, hyphens (2–64)',
    ),
    requireActDate('openedOn', command.openedOn, actedOn),
    requireText('templateVersion', command.templateVersion, 50),
    command.exemptFromPublicListing ? requireText('exemptFromPublicListing.basis', command.exemptFromPublicListing.basis, 500) : undefined,
  );
  if (state.status !== 'none') {
    throw new DomainError({
      code: 'PRINT_RUN_EXISTS',
      kind: 'conflict',
      messageVi: `Đợt in ${command.printRunId} đã có.`,
      messageEn: `Print run ${command.printRunId} already exists.`,
      field: 'printRunId',
    });
  }
  const { decision, lot, graduates, register } = command;
  if (decision.authorityCode !== command.authorityCode) {
    throw new DomainError({
      code: 'DECISION_OF_ANOTHER_AUTHORITY',
      kind: 'forbidden',
      messageVi: 'Quyết định công nhận tốt nghiệp của đơn vị khác.',
      messageEn: "The graduation decision is another authority's.",
      field: 'decisionId',
    });
  }
  // Rule 17: a blank is printed only with a diploma of its own kind and template version.
  if (lot.kind !== decision.kind || lot.templateVersion !== command.templateVersion.trim()) {
    throw new DomainError({
      code: 'BLANK_TEMPLATE_MISMATCH',
      kind: 'rule_violation',
      messageVi: `Lô ${lot.lotId} là phôi ${lot.kind} mẫu ${lot.templateVersion}; không in được văn bằng ${decision.kind} mẫu ${command.templateVersion}.`,
      messageEn: `Lot ${lot.lotId} holds ${lot.kind} blanks of template ${lot.templateVersion}; it cannot carry a ${decision.kind} diploma of template ${command.templateVersion}.`,
      field: 'lotId',
      rule: 17,
    });
  }
  requireTemplateCurrent(decision.kind, command.templateVersion.trim(), command.openedOn);
  notBefore('openedOn', command.openedOn, decision.date, 'ngày của quyết định công nhận tốt nghiệp', 'the graduation decision date', 4);
  const diplomaIds = graduates.map((g) => originalDiplomaId(g.graduateId));
  if (
    diplomaIds.length === 0 ||
    diplomaIds.length !== register.diplomaIds.length ||
    diplomaIds.some((id, i) => register.diplomaIds[i] !== id)
  ) {
    throw new DomainError({
      code: 'REGISTER_ENTRIES_MISMATCH',
      kind: 'conflict',
      messageVi: 'Số vào sổ không khớp danh sách của đợt in.',
      messageEn: "The register entries do not match the run's list.",
      field: 'printRunId',
      rule: 21,
    });
  }
  const serials = [...command.reserved].sort((a, b) => a.from - b.from).flatMap(expandRange);
  if (serials.length < graduates.length) {
    throw new DomainError({
      code: 'NOT_ENOUGH_BLANKS',
      kind: 'rule_violation',
      messageVi: `Đã giữ ${serials.length} phôi cho ${graduates.length} văn bằng.`,
      messageEn: `${serials.length} blanks reserved for ${graduates.length} diplomas.`,
      field: 'count',
      rule: 16,
    });
  }
  const exempt = new Set(command.exemptFromPublicListing?.graduateIds ?? []);
  const unknownExempt = [...exempt].filter((id) => !graduates.some((g) => g.graduateId === id));
  if (unknownExempt.length > 0) {
    throw invalidInput([
      {
        field: 'exemptFromPublicListing.graduateIds',
        code: 'GRADUATE_NOT_IN_RUN',
        messageVi: `Không thuộc đợt in: ${unknownExempt.join(', ')}.`,
        messageEn: `Not in this run: ${unknownExempt.join(', ')}.`,
      },
    ]);
  }
  const entries: PrintRunEntry[] = graduates.map((graduate, index) => ({
    diplomaId: diplomaIds[index]!,
    graduateId: graduate.graduateId,
    registerNumber: register.first + index,
    registerLabel: formatRegisterNumber(decision.kind, register.year, register.first + index),
    serial: serials[index]!,
    serialLabel: formatSerial(lot.prefix, lot.width, serials[index]!),
    exemptFromPublicListing: exempt.has(graduate.graduateId),
  }));
  const events: PrintRunEvent[] = [
    {
      type: 'PrintRunOpened',
      data: {
        printRunId: command.printRunId,
        authorityCode: command.authorityCode,
        decisionId: decision.decisionId,
        decisionNumber: decision.number,
        decisionDate: decision.date,
        kind: decision.kind,
        registerYear: register.year,
        lotId: lot.lotId,
        prefix: lot.prefix,
        width: lot.width,
        templateVersion: command.templateVersion.trim(),
        openedOn: command.openedOn,
        reserved: [...command.reserved],
        count: entries.length,
        exemptionBasis: exempt.size > 0 ? command.exemptFromPublicListing!.basis.trim() : null,
        ...(openingIsSealed(entries.length) ? { openingSealed: true as const } : {}),
      },
    },
  ];
  for (let start = 0; start < entries.length; start += PRINT_RUN_ENTRIES_PER_EVENT) {
    events.push({
      type: 'PrintRunEntriesPlanned',
      data: { printRunId: command.printRunId, entries: entries.slice(start, start + PRINT_RUN_ENTRIES_PER_EVENT) },
    });
  }
  if (openingIsSealed(entries.length)) {
    events.push({ type: 'PrintRunOpeningSealed', data: { printRunId: command.printRunId, count: entries.length } });
  }
  return events;
}

function misprint(
  command: Extract<PrintRunCommand, { type: 'RecordMisprint' }>,
  run: OpenedPrintRun,
  actedOn: IsoDate | undefined,
): PrintRunEvent[] {
  throwIfInvalid(
    requireText('note', command.note, 500),
    requireActDate('reprintedOn', command.reprintedOn, actedOn),
    Number.isSafeInteger(command.newSerial)
      ? undefined
      : {
          field: 'newSerial',
          code: 'NOT_A_SERIAL_NUMBER',
          messageVi: 'Số hiệu phôi mới không hợp lệ.',
          messageEn: 'The new serial is not valid.',
        },
  );
  // Misprints are found at the quality check, before the signature; a signed wrong diploma is a reissue matter.
  requireStatus(run, ['printed'], 'RecordMisprint');
  const index = run.indexOf.get(command.diplomaId);
  if (index === undefined) {
    throw new DomainError({
      code: 'DIPLOMA_NOT_IN_RUN',
      kind: 'not_found',
      messageVi: `Văn bằng ${command.diplomaId} không thuộc đợt in này.`,
      messageEn: `Diploma ${command.diplomaId} is not in this print run.`,
      field: 'diplomaId',
    });
  }
  const entry = run.entries[index]!;
  requireReplacementSpare(run, entry.serial, command.newSerial, command.newlyReserved);
  notBefore('reprintedOn', command.reprintedOn, run.printedOn!, 'ngày in', 'the printing date');
  return [
    {
      type: 'PrintRunItemReprinted',
      data: {
        printRunId: run.header.printRunId,
        diplomaId: entry.diplomaId,
        // Domain Q4: the diploma keeps its register number; only the paper changes.
        registerLabel: entry.registerLabel,
        oldSerial: entry.serial,
        newSerial: command.newSerial,
        newSerialLabel: formatSerial(run.header.prefix, run.header.width, command.newSerial),
        reason: 'misprint',
        note: command.note.trim(),
        reprintedOn: command.reprintedOn,
        newlyReserved: command.newlyReserved,
      },
    },
  ];
}

function sign(
  command: Extract<PrintRunCommand, { type: 'SignPrintRun' }>,
  run: OpenedPrintRun,
  actor: Actor | undefined,
  actedOn: IsoDate | undefined,
): PrintRunEvent[] {
  throwIfInvalid(
    requireText('signerId', command.signerId, 64),
    requireActDate('issueDate', command.issueDate, actedOn),
    requireText('issuePlace', command.issuePlace, 120),
  );
  requireStatus(run, ['printed'], 'SignPrintRun');
  notBefore(
    'issueDate',
    command.issueDate,
    run.header.decisionDate,
    'ngày của quyết định công nhận tốt nghiệp',
    'the graduation decision date',
    25,
  );
  notBefore('issueDate', command.issueDate, run.printedOn!, 'ngày in', 'the printing date');
  const authorization = authorizeAct(command.directory, {
    act: 'issue',
    diplomaKind: run.header.kind,
    actDate: command.issueDate,
    actingAuthorityCode: run.header.authorityCode,
  });
  const signer = signerEntitledOn(command.directory, {
    signerId: command.signerId,
    authorityCode: run.header.authorityCode,
    date: command.issueDate,
    roles: authorization.signerRoles,
  });
  requireSignerActor(actor, signer);
  return [
    {
      type: 'PrintRunSigned',
      data: {
        printRunId: run.header.printRunId,
        signerId: signer.signerId,
        signerName: signer.fullName,
        signerTitle: signer.title,
        signerRole: signer.role,
        delegationRef: signer.delegationRef,
        issueDate: command.issueDate,
        issuePlace: command.issuePlace.trim(),
        regime: authorization.regime.code,
        legalBasis: authorization.legalBasis,
      },
    },
  ];
}

function close(
  command: Extract<PrintRunCommand, { type: 'ClosePrintRun' }>,
  run: OpenedPrintRun,
  actedOn: IsoDate | undefined,
): PrintRunEvent[] {
  throwIfInvalid(requireActDate('closedOn', command.closedOn, actedOn));
  requireStatus(run, ['signed'], 'ClosePrintRun');
  const { reserved, bound, spoiled, released } = requireBalanced(run, command.releasedRanges);
  return [
    {
      type: 'PrintRunClosed',
      data: {
        printRunId: run.header.printRunId,
        closedOn: command.closedOn,
        reserved,
        bound,
        spoiled,
        released,
        releasedRanges: [...command.releasedRanges],
      },
    },
  ];
}

const STATUS_VI: Record<PrintRunStatus, string> = {
  opening: 'đang mở (chưa ghi xong)',
  open: 'mới mở (chưa in)',
  printed: 'đã in, chưa ký',
  signed: 'đã ký, đã cấp',
  closed: 'đã đóng',
};

function requireStatus(run: OpenedPrintRun, allowed: readonly PrintRunStatus[], act: string): void {
  if (allowed.includes(run.status)) return;
  throw new DomainError({
    code: 'PRINT_RUN_WRONG_STATE',
    kind: 'rule_violation',
    messageVi: `Đợt in ${run.header.printRunId} đang ở trạng thái "${STATUS_VI[run.status]}"; không thực hiện được thao tác này.`,
    messageEn: `Print run ${run.header.printRunId} is ${run.status}; ${act} needs it to be ${allowed.join(' or ')}.`,
    field: 'printRunId',
    ...(act === 'SignPrintRun' ? { rule: 5 } : {}),
  });
}

function requireRun(state: PrintRunState): OpenedPrintRun {
  if (state.status === 'none')
    throw new DomainError({
      code: 'PRINT_RUN_NOT_FOUND',
      kind: 'not_found',
      messageVi: 'Không có đợt in này.',
      messageEn: 'No such print run.',
      field: 'printRunId',
    });
  return state;
}

const notBefore = requireNotBefore;

function expandRange(range: SerialRange): number[] {
  return Array.from({ length: range.to - range.from + 1 }, (_, i) => range.from + i);
}

/**
 * Rule 37: a run prints on the template current on the day it opens. A version the template table does not
 * know (an office's own name for its blanks) is only held to rule 17, the lot's own version.
 */
function requireTemplateCurrent(kind: DiplomaKind, version: string, openedOn: IsoDate): void {
  if (!DIPLOMA_TEMPLATES.some((t) => t.version === version && t.kind === kind)) return;
  const current = diplomaTemplateOn(kind, openedOn);
  if (current.version !== version) {
    throw new DomainError({
      code: 'TEMPLATE_NOT_CURRENT',
      kind: 'rule_violation',
      messageVi: `Ngày ${openedOn} phải in bằng ${kind} theo mẫu ${current.version}, không phải mẫu ${version}.`,
      messageEn: `On ${openedOn} a ${kind} diploma is printed on template ${current.version}, not ${version}.`,
      field: 'templateVersion',
      rule: 37,
    });
  }
}
