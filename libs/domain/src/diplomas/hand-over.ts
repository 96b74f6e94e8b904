import type { IsoDate } from '../shared/dates';
import { requireActDate } from '../shared/plausible-dates';
import { DomainError } from '../shared/errors';
import { throwIfInvalid, requireOneOf, requireOptionalText, requirePattern, requireText, requirePersonText } from '../shared/validation';
import { RECIPIENT_KINDS, type HandOverCommand, type HandOverEvent, type IssuedDiploma } from './diploma';
import type { DiplomaState } from './diploma-state';

/** Hand-over (cấp phát, rule 23) and a signed diploma lost before it (rule 14). */
export function handOver(command: HandOverCommand, state: DiplomaState, actedOn?: IsoDate): HandOverEvent[] {
  switch (command.type) {
    case 'DeliverDiploma': {
      const { recipient } = command;
      throwIfInvalid(
        requireOneOf('recipient.kind', recipient?.kind, RECIPIENT_KINDS),
        requirePersonText('recipient.fullName', recipient?.fullName, 120),
        recipient?.kind === 'proxy'
          ? requireText('recipient.authorisationRef', recipient.authorisationRef, 200)
          : requireOptionalText('recipient.authorisationRef', recipient?.authorisationRef, 200),
        requireOptionalText('recipient.idDocument', recipient?.idDocument, 100),
        requireActDate('deliveredOn', command.deliveredOn, actedOn),
        requirePersonText('deliveredBy', command.deliveredBy, 120),
      );
      const issueDate = requireIssued(command.issued, command.actingAuthorityCode);
      requireNotHandedOver(state);
      if (command.deliveredOn < issueDate) {
        throw new DomainError({
          code: 'DATE_TOO_EARLY',
          kind: 'rule_violation',
          messageVi: `Ngày phát ${command.deliveredOn} trước ngày cấp ${issueDate}.`,
          messageEn: `Hand-over on ${command.deliveredOn} is before the issue date ${issueDate}.`,
          field: 'deliveredOn',
          rule: 5,
        });
      }
      return [
        {
          type: 'DiplomaDelivered',
          data: {
            diplomaId: command.issued.diplomaId,
            printRunId: command.issued.printRunId,
            recipient: {
              kind: recipient.kind,
              fullName: recipient.fullName.trim(),
              authorisationRef: recipient.authorisationRef?.trim() || null,
              idDocument: recipient.idDocument?.trim() || null,
            },
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
        requirePersonText('policeUnit', command.policeUnit, 200),
        requirePattern(
          'policeNotifiedAt',
          command.policeNotifiedAt,
          /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/,
          'phải là thời điểm ISO 8601',
          'must be an ISO 8601 instant',
        ),
        requireText('circumstances', command.circumstances, 2000),
        Array.isArray(command.reportedTo) &&
          command.reportedTo.length > 0 &&
          command.reportedTo.every((r) => typeof r === 'string' && r.trim().length > 0)
          ? undefined
          : {
              field: 'reportedTo',
              code: 'REPORTS_MISSING',
              messageVi: 'Phải báo cáo cơ quan quản lý cấp trên và Bộ GDĐT (quy tắc 14).',
              messageEn: 'The supervisor and MOET must be informed (rule 14).',
            },
        requireActDate('lostOn', command.lostOn, actedOn),
      );
      const issueDate = requireIssued(command.issued, command.actingAuthorityCode);
      requireNotHandedOver(state);
      if (command.lostOn < issueDate) {
        throw new DomainError({
          code: 'DATE_TOO_EARLY',
          kind: 'rule_violation',
          messageVi: 'Ngày mất trước ngày cấp.',
          messageEn: 'The loss is dated before the issue date.',
          field: 'lostOn',
          rule: 14,
        });
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
}

/** Rule 5: a diploma leaves the office only signed and sealed, and only its own office hands it over. */
function requireIssued(issued: IssuedDiploma, actingAuthorityCode: string): string {
  if (issued.authorityCode !== actingAuthorityCode) {
    throw new DomainError({
      code: 'DIPLOMA_OF_ANOTHER_AUTHORITY',
      kind: 'forbidden',
      messageVi: 'Văn bằng do đơn vị khác cấp.',
      messageEn: 'The diploma was issued by another authority.',
      field: 'diplomaId',
    });
  }
  if (issued.issueDate === null) {
    throw new DomainError({
      code: 'DIPLOMA_NOT_ISSUED',
      kind: 'rule_violation',
      messageVi: 'Văn bằng chưa được ký, đóng dấu; chưa được phát.',
      messageEn: 'The diploma is not signed and sealed yet; it cannot be handed over.',
      field: 'diplomaId',
      rule: 5,
    });
  }
  return issued.issueDate;
}

function requireNotHandedOver(state: DiplomaState): void {
  if (state.delivery) {
    const { deliveredOn, recipient } = state.delivery;
    throw new DomainError({
      code: 'DIPLOMA_ALREADY_DELIVERED',
      kind: 'conflict',
      messageVi: `Văn bằng đã được phát ngày ${deliveredOn} cho ${recipient.fullName}.`,
      messageEn: `The diploma was handed over on ${deliveredOn} to ${recipient.fullName}.`,
      field: 'diplomaId',
      rule: 23,
    });
  }
  if (state.status === 'lost_before_delivery') {
    throw new DomainError({
      code: 'DIPLOMA_LOST_BEFORE_DELIVERY',
      kind: 'rule_violation',
      messageVi: `Văn bằng đã mất trước khi phát (biên bản ${state.lostMinutesRef}); không được phát.`,
      messageEn: `The diploma was lost before hand-over (minutes ${state.lostMinutesRef}); it cannot be handed over.`,
      field: 'diplomaId',
      rule: 14,
    });
  }
  if (state.status === 'revoked' || state.status === 'superseded') {
    throw new DomainError({
      code: 'DIPLOMA_REVOKED',
      kind: 'rule_violation',
      messageVi: 'Văn bằng đã bị thu hồi, hủy bỏ; không được phát.',
      messageEn: 'The diploma was revoked; it cannot be handed over.',
      field: 'diplomaId',
      rule: 45,
    });
  }
}
