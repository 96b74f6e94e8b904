import type { IsoDate } from '../shared/dates';
import { DomainError, invalidInput, type FieldProblem } from '../shared/errors';
import { collectProblems, requireOneOf, requireText } from '../shared/validation';
import type { Calendar } from './holiday-calendar';
import { isIsoInstant, vietnamInstant, vietnamWallClock } from './vietnam-time';
import { addWorkingDays, calendarCovers, isWorkingDay, nextWorkingDay } from './working-days';

export const COPY_REQUEST_CHANNELS = ['counter', 'post', 'online'] as const;
export type CopyRequestChannel = (typeof COPY_REQUEST_CHANNELS)[number];

/** §2.8: received after 15:00 counts as received the next working day. */
export const COPY_REQUEST_CUTOFF_HOUR = 15;
/** A due date means the end of that office day. */
export const OFFICE_DAY_END_HOUR = 17;
/** §2.8: "extended by at most 1 working day (TT13/2025 adjustment), or longer by written agreement". */
export const COPY_EXTENSION_WITHOUT_AGREEMENT = 1;
// No notice extends a copy by months; a larger figure is a typo, not an agreement.
const MAX_EXTENSION_WORKING_DAYS = 60;

export interface CopyRequestExtension {
  readonly workingDays: number;
  /** Many registers, many copies or complex content (§2.8): the requester is told why. */
  readonly reason: string;
  /** Reference of the written agreement with the requester; required beyond one working day. */
  readonly writtenAgreementRef?: string;
}

export interface CopyRequestTiming {
  readonly channel: CopyRequestChannel;
  readonly receivedAt: string;
  /** Post: the incoming postmark of the complete dossier; online: when the public-service system logged it complete. */
  readonly dossierCompleteAt?: string;
  readonly extension?: CopyRequestExtension;
}

export interface CopyRequestDue {
  /** 17:00 Vietnam time on `dueDate`, as a UTC instant. */
  readonly dueBy: string;
  readonly dueDate: IsoDate;
  /** Vietnam date of the moment the period runs from: receipt, or the complete dossier. */
  readonly countsFrom: IsoDate;
  readonly rule: 49;
  /** True when a year crossed has no published holiday list: the date may move once it is published. */
  readonly provisional: boolean;
}

/**
 * Rule 49 (docs/domain.md §2.8; TT21 Art. 31(2), NĐ 23 Art. 7, TT13/2025): a copy is due the day the
 * request is received, or the next working day if it arrives after 15:00 or on a day the office is
 * closed. Post and online requests run from the complete dossier, not from first receipt; a counter
 * request left incomplete and completed later runs from completion too (the Incomplete state of §2.8).
 */
export function copyRequestDue(calendar: Calendar, timing: CopyRequestTiming): CopyRequestDue {
  const problems = validate(timing);
  if (problems.length > 0) throw invalidInput(problems);
  const extension = timing.extension;
  if (extension && extension.workingDays > COPY_EXTENSION_WITHOUT_AGREEMENT && !extension.writtenAgreementRef) {
    throw new DomainError({
      code: 'COPY_EXTENSION_NEEDS_WRITTEN_AGREEMENT',
      kind: 'rule_violation',
      messageVi: `Chỉ được gia hạn tối đa ${COPY_EXTENSION_WITHOUT_AGREEMENT} ngày làm việc; gia hạn dài hơn phải có thỏa thuận bằng văn bản với người yêu cầu.`,
      messageEn: `A copy may be extended by at most ${COPY_EXTENSION_WITHOUT_AGREEMENT} working day; longer needs a written agreement with the requester.`,
      field: 'extension.writtenAgreementRef',
      rule: 49,
    });
  }

  const start = vietnamWallClock(timing.dossierCompleteAt ?? timing.receivedAt);
  const onTime = isWorkingDay(calendar, start.date) && start.msOfDay <= COPY_REQUEST_CUTOFF_HOUR * 3600 * 1000;
  const firstDue = onTime ? start.date : nextWorkingDay(calendar, start.date);
  const dueDate = addWorkingDays(calendar, firstDue, extension?.workingDays ?? 0);
  return {
    dueBy: vietnamInstant(dueDate, OFFICE_DAY_END_HOUR),
    dueDate,
    countsFrom: start.date,
    rule: 49,
    provisional: !calendarCovers(calendar, start.date, dueDate),
  };
}

function validate(timing: CopyRequestTiming): FieldProblem[] {
  const needsCompleteDossier = timing.channel === 'post' || timing.channel === 'online';
  const problems = collectProblems(
    requireOneOf('channel', timing.channel, COPY_REQUEST_CHANNELS),
    instantProblem('receivedAt', timing.receivedAt),
    timing.dossierCompleteAt === undefined
      ? needsCompleteDossier
        ? {
            field: 'dossierCompleteAt',
            code: 'REQUIRED',
            messageVi: 'Yêu cầu gửi qua bưu chính hoặc trực tuyến tính thời hạn từ khi nhận đủ hồ sơ: phải có "dossierCompleteAt".',
            messageEn: 'Postal and online requests count from the complete dossier: "dossierCompleteAt" is required.',
          }
        : undefined
      : instantProblem('dossierCompleteAt', timing.dossierCompleteAt),
  );
  // The incoming postmark is stamped before the office logs the envelope, so only post may complete "before" receipt.
  if (
    timing.channel !== 'post' &&
    isIsoInstant(timing.receivedAt) &&
    isIsoInstant(timing.dossierCompleteAt) &&
    Date.parse(timing.dossierCompleteAt) < Date.parse(timing.receivedAt)
  ) {
    problems.push({
      field: 'dossierCompleteAt',
      code: 'BEFORE_RECEIPT',
      messageVi: 'Thời điểm đủ hồ sơ không thể trước thời điểm nhận yêu cầu.',
      messageEn: 'The dossier cannot be complete before the request was received.',
    });
  }
  if (timing.extension !== undefined) problems.push(...extensionProblems(timing.extension));
  return problems;
}

function extensionProblems(extension: CopyRequestExtension): FieldProblem[] {
  const days = extension.workingDays;
  return collectProblems(
    Number.isInteger(days) && days >= 1 && days <= MAX_EXTENSION_WORKING_DAYS
      ? undefined
      : {
          field: 'extension.workingDays',
          code: 'OUT_OF_RANGE',
          messageVi: `Số ngày gia hạn phải là số nguyên từ 1 đến ${MAX_EXTENSION_WORKING_DAYS}.`,
          messageEn: `The extension must be a whole number of working days from 1 to ${MAX_EXTENSION_WORKING_DAYS}.`,
        },
    requireText('extension.reason', extension.reason, 500),
    extension.writtenAgreementRef === undefined
      ? undefined
      : requireText('extension.writtenAgreementRef', extension.writtenAgreementRef, 100),
  );
}

function instantProblem(field: string, value: unknown): FieldProblem | undefined {
  if (isIsoInstant(value)) return undefined;
  return {
    field,
    code: 'BAD_INSTANT',
    messageVi: `"${field}" phải là thời điểm ISO 8601 có múi giờ, ví dụ 2026-02-13T15:30:00+07:00.`,
    messageEn: `"${field}" must be an ISO 8601 instant with an offset, e.g. 2026-02-13T15:30:00+07:00.`,
  };
}
