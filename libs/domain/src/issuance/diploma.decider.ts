import type { Decider } from '../shared/decider';
import { DomainError, invalidInput, type FieldProblem } from '../shared/errors';
import { collectProblems, requireIsoDate, requireOneOf, requireOptionalText, requirePattern, requireText } from '../shared/validation';
import { RECIPIENT_KINDS, type DiplomaCommand, type DiplomaEvent, type DiplomaState, type IssuedDiploma } from './diploma';

export const diplomaDecider: Decider<DiplomaCommand, DiplomaState, DiplomaEvent> = {
  initialState: { status: 'issued' },
  evolve(_state, event) {
    switch (event.type) {
      case 'DiplomaDelivered':
        return { status: 'delivered', deliveredOn: event.data.deliveredOn, recipient: event.data.recipient };
      case 'DiplomaLostBeforeDelivery':
        return { status: 'lost_before_delivery', lostOn: event.data.lostOn, minutesRef: event.data.minutesRef };
    }
  },
  decide(command, state) {
    switch (command.type) {
      case 'DeliverDiploma': {
        const { recipient } = command;
        throwIfInvalid(
          requireOneOf('recipient.kind', recipient?.kind, RECIPIENT_KINDS),
          requireText('recipient.fullName', recipient?.fullName, 120),
          recipient?.kind === 'proxy' ? requireText('recipient.authorisationRef', recipient.authorisationRef, 200) : requireOptionalText('recipient.authorisationRef', recipient?.authorisationRef, 200),
          requireOptionalText('recipient.idDocument', recipient?.idDocument, 100),
          requireIsoDate('deliveredOn', command.deliveredOn),
          requireText('deliveredBy', command.deliveredBy, 120),
        );
        const issueDate = requireIssued(command.issued, command.actingAuthorityCode);
        requireNotHandedOver(state);
        if (command.deliveredOn < issueDate) {
          throw new DomainError({ code: 'DATE_TOO_EARLY', kind: 'rule_violation', messageVi: `Ngày phát ${command.deliveredOn} trước ngày cấp ${issueDate}.`, messageEn: `Hand-over on ${command.deliveredOn} is before the issue date ${issueDate}.`, field: 'deliveredOn', rule: 5 });
        }
        return [
          {
            type: 'DiplomaDelivered',
            data: {
              diplomaId: command.issued.diplomaId,
              printRunId: command.issued.printRunId,
              recipient: { kind: recipient.kind, fullName: recipient.fullName.trim(), authorisationRef: recipient.authorisationRef?.trim() || null, idDocument: recipient.idDocument?.trim() || null },
              deliveredOn: command.deliveredOn,
              deliveredBy: command.deliveredBy.trim(),
            },
          },
        ];
      }
      case 'ReportDiplomaLostBeforeDelivery': {
        // Rule 14: minutes, the local police told at once, the supervisor and MOET informed.
        throwIfInvalid(
          requireText('minutesRef', command.minutesRef, 100),
          requireText('policeUnit', command.policeUnit, 200),
          requirePattern('policeNotifiedAt', command.policeNotifiedAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, 'phải là thời điểm ISO 8601', 'must be an ISO 8601 instant'),
          requireText('circumstances', command.circumstances, 2000),
          Array.isArray(command.reportedTo) && command.reportedTo.length > 0 && command.reportedTo.every((r) => typeof r === 'string' && r.trim().length > 0)
            ? undefined
            : { field: 'reportedTo', code: 'REPORTS_MISSING', messageVi: 'Phải báo cáo cơ quan quản lý cấp trên và Bộ GDĐT (quy tắc 14).', messageEn: 'The supervisor and MOET must be informed (rule 14).' },
          requireIsoDate('lostOn', command.lostOn),
        );
        const issueDate = requireIssued(command.issued, command.actingAuthorityCode);
        requireNotHandedOver(state);
        if (command.lostOn < issueDate) {
          throw new DomainError({ code: 'DATE_TOO_EARLY', kind: 'rule_violation', messageVi: 'Ngày mất trước ngày cấp.', messageEn: 'The loss is dated before the issue date.', field: 'lostOn', rule: 14 });
        }
        return [
          {
            type: 'DiplomaLostBeforeDelivery',
            data: {
              diplomaId: command.issued.diplomaId,
              printRunId: command.issued.printRunId,
              serialLabel: command.issued.serialLabel,
              minutesRef: command.minutesRef.trim(),
              policeUnit: command.policeUnit.trim(),
              policeNotifiedAt: command.policeNotifiedAt,
              circumstances: command.circumstances.trim(),
              reportedTo: command.reportedTo.map((r) => r.trim()),
              lostOn: command.lostOn,
            },
          },
        ];
      }
    }
  },
};

/** Rule 5: a diploma leaves the office only signed and sealed, and only its own office hands it over. */
function requireIssued(issued: IssuedDiploma, actingAuthorityCode: string): string {
  if (issued.authorityCode !== actingAuthorityCode) {
    throw new DomainError({ code: 'DIPLOMA_OF_ANOTHER_AUTHORITY', kind: 'forbidden', messageVi: 'Văn bằng do đơn vị khác cấp.', messageEn: 'The diploma was issued by another authority.', field: 'diplomaId' });
  }
  if (issued.issueDate === null) {
    throw new DomainError({ code: 'DIPLOMA_NOT_ISSUED', kind: 'rule_violation', messageVi: 'Văn bằng chưa được ký, đóng dấu; chưa được phát.', messageEn: 'The diploma is not signed and sealed yet; it cannot be handed over.', field: 'diplomaId', rule: 5 });
  }
  return issued.issueDate;
}

function requireNotHandedOver(state: DiplomaState): void {
  if (state.status === 'delivered') {
    throw new DomainError({ code: 'DIPLOMA_ALREADY_DELIVERED', kind: 'conflict', messageVi: `Văn bằng đã được phát ngày ${state.deliveredOn} cho ${state.recipient.fullName}.`, messageEn: `The diploma was handed over on ${state.deliveredOn} to ${state.recipient.fullName}.`, field: 'diplomaId', rule: 23 });
  }
  if (state.status === 'lost_before_delivery') {
    throw new DomainError({ code: 'DIPLOMA_LOST_BEFORE_DELIVERY', kind: 'rule_violation', messageVi: `Văn bằng đã mất trước khi phát (biên bản ${state.minutesRef}); không được phát.`, messageEn: `The diploma was lost before hand-over (minutes ${state.minutesRef}); it cannot be handed over.`, field: 'diplomaId', rule: 14 });
  }
}

function throwIfInvalid(...problems: (FieldProblem | undefined)[]): void {
  const found = collectProblems(...problems);
  if (found.length > 0) throw invalidInput(found);
}
