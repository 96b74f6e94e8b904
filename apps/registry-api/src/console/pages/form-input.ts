import { randomUUID } from 'node:crypto';
import { DomainError, isIsoDate, type CommandContext } from '@so-goc/domain';
import type { ConsoleRequest } from '../auth/console.guard';
import type { FieldError } from '../ui/components';
import type { Lang } from '../ui/html';

export type FormValues = Record<string, string>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the officer typed, as strings (kept to show the form again exactly as it was sent). */
export function formValues(body: unknown): FormValues {
  const values: FormValues = {};
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body as Record<string, unknown>))
      if (typeof value === 'string' && !key.startsWith('_')) values[key] = value.normalize('NFC');
  }
  return values;
}

/**
 * The form's own command id (one per rendering of the form) makes a double click or a resent form
 * record nothing twice; the actor is the signed-in officer in the role the page admitted.
 */
export function consoleCommandContext(request: ConsoleRequest, body: unknown): CommandContext {
  const access = request.officerAccess;
  if (!access) throw new Error('consoleCommandContext on a page the console guard did not admit');
  const sent = (body as Record<string, unknown> | undefined)?.['_commandId'];
  const commandId = typeof sent === 'string' && UUID.test(sent) ? sent.toLowerCase() : randomUUID();
  return {
    commandId,
    correlationId: commandId,
    causationId: commandId,
    actor: { officerId: access.officer.officerId, role: access.actingRole, authorityCode: access.officer.authorityCode },
    occurredAt: new Date().toISOString(),
    ...(request.ip !== undefined ? { sourceIp: request.ip } : {}),
  };
}

/** The command id the form was sent with, to render it again after a refusal (so the retry is the same command). */
export function sentCommandId(body: unknown): string | undefined {
  const sent = (body as Record<string, unknown> | undefined)?.['_commandId'];
  return typeof sent === 'string' && UUID.test(sent) ? sent : undefined;
}

/** dd/mm/yyyy as Vietnamese offices write dates; ISO accepted too. Returns the ISO date or records a problem. */
export function readDate(
  lang: Lang,
  values: FormValues,
  field: string,
  errors: FieldError[],
  label: { vi: string; en: string } = { vi: 'Ngày', en: 'Date' },
): string {
  const typed = (values[field] ?? '').trim();
  const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(typed);
  const iso = dmy ? `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}` : typed;
  if (isIsoDate(iso)) return iso;
  const say = (vi: string, en: string) => (lang === 'vi' ? vi : en);
  const message = !typed
    ? say(`Nhập ${label.vi.toLowerCase()}.`, `Enter the ${label.en.toLowerCase()}.`)
    : dmy || /^\d{4}-\d{2}-\d{2}$/.test(typed)
      ? say(`${label.vi} ${typed} không có thật trên lịch.`, `${label.en} ${typed} is not a real date.`)
      : say(`${label.vi} phải theo dạng ngày/tháng/năm, ví dụ 20/07/2024.`, `${label.en} must be day/month/year, for example 20/07/2024.`);
  errors.push({ field, message });
  return '';
}

export function dmy(iso: string | null | undefined): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  return match ? `${match[3]}/${match[2]}/${match[1]}` : (iso ?? '');
}

/** A refusal as the form shows it: each field's problem beside it, the rest on top; the rule's number said. */
export function refusalErrors(lang: Lang, error: DomainError, fieldNames: Record<string, string> = {}): FieldError[] {
  const p = error.problem;
  const say = (vi: string, en: string) => (lang === 'vi' ? vi : en);
  if (p.fieldProblems && p.fieldProblems.length > 0) {
    return p.fieldProblems.map((f) => ({ field: fieldNames[f.field] ?? f.field, message: say(f.messageVi, f.messageEn) }));
  }
  const message = say(p.messageVi, p.messageEn);
  // The rule's number is said once, even when the decider's sentence already names it.
  const rule = p.rule && !new RegExp(`(quy tắc|rule) ${p.rule}\\b`).test(message) ? say(` (quy tắc ${p.rule})`, ` (rule ${p.rule})`) : '';
  return [{ field: p.field ? (fieldNames[p.field] ?? p.field) : '', message: `${message}${rule}` }];
}

export function isRefusal(error: unknown): error is DomainError {
  return error instanceof DomainError && error.problem.kind !== 'forbidden';
}
