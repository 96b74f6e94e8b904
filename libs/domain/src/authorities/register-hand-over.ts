import { requireScheduledDate } from '../shared/plausible-dates';
import type { IsoDate } from '../shared/dates';
import { DomainError, invalidInput } from '../shared/errors';
import { collectProblems, requireOneOf, requireText } from '../shared/validation';
import { DIPLOMA_KINDS, type DiplomaKind } from '../regimes/legal-regimes';
import type { AuthorityDirectory } from './authority';
import { isActiveOn } from './authority-directory';

/**
 * Custody of registers handed over while both bodies exist (docs/domain.md §0.5: under TT10/2026 each
 * UBND xã hands its THCS sổ gốc to the Sở before 31/05/2026; a merger's books go to the successor by
 * the merger itself). From `effectiveOn` the receiver does copies, corrections and revocations for the
 * books of that kind, and the old holder no longer can (rule 46).
 */
export interface RegisterHandOver {
  readonly fromCode: string;
  readonly toCode: string;
  readonly kind: DiplomaKind;
  readonly effectiveOn: IsoDate;
  /** Biên bản bàn giao. */
  readonly minutesRef: string;
  /** The books as listed in the minutes (e.g. "Sổ gốc THCS 2025, tập 1"). */
  readonly books: readonly string[];
}

export interface HandOverRegistersCommand extends RegisterHandOver {
  readonly type: 'HandOverRegisters';
}

export function decideHandOver(command: HandOverRegistersCommand, directory: AuthorityDirectory, actedOn?: IsoDate): RegisterHandOver {
  const problems = collectProblems(
    requireOneOf('kind', command.kind, DIPLOMA_KINDS),
    requireScheduledDate('effectiveOn', command.effectiveOn, actedOn),
    requireText('minutesRef', command.minutesRef, 100),
    Array.isArray(command.books) && command.books.length > 0 && command.books.length <= 500
      ? command.books.map((book, i) => requireText(`books[${i}]`, book, 200)).find((p) => p !== undefined)
      : {
          field: 'books',
          code: 'REQUIRED',
          messageVi: 'Biên bản phải liệt kê các quyển sổ bàn giao.',
          messageEn: 'The minutes must list the books handed over.',
        },
  );
  if (problems.length > 0) throw invalidInput(problems);
  for (const [field, code] of [
    ['fromCode', command.fromCode],
    ['toCode', command.toCode],
  ] as const) {
    const record = directory.authorities.get(code);
    if (!record || !isActiveOn(record, command.effectiveOn)) {
      throw new DomainError({
        code: 'AUTHORITY_NOT_ACTIVE_ON_DATE',
        kind: 'rule_violation',
        messageVi: `Đơn vị ${code} không hoạt động vào ngày ${command.effectiveOn}.`,
        messageEn: `${code} is not active on ${command.effectiveOn}.`,
        field,
      });
    }
  }
  if (command.fromCode === command.toCode) {
    throw new DomainError({
      code: 'HAND_OVER_TO_SELF',
      kind: 'invalid_input',
      messageVi: 'Đơn vị nhận phải khác đơn vị giao.',
      messageEn: 'The receiver must differ from the giver.',
      field: 'toCode',
    });
  }
  if ((directory.handOvers ?? []).some((h) => h.fromCode === command.fromCode && h.kind === command.kind)) {
    throw new DomainError({
      code: 'REGISTERS_ALREADY_HANDED_OVER',
      kind: 'conflict',
      messageVi: `Sổ gốc ${command.kind} của ${command.fromCode} đã được bàn giao.`,
      messageEn: `${command.fromCode}'s ${command.kind} registers were already handed over.`,
      field: 'fromCode',
    });
  }
  return {
    fromCode: command.fromCode,
    toCode: command.toCode,
    kind: command.kind,
    effectiveOn: command.effectiveOn,
    minutesRef: command.minutesRef.normalize('NFC').trim(),
    books: command.books.map((b) => b.normalize('NFC').trim()),
  };
}

/** The body a hand-over moved `code`'s registers of `kind` to, on `date`. */
export function handedOverTo(
  directory: AuthorityDirectory,
  code: string,
  kind: DiplomaKind | undefined,
  date: IsoDate,
): string | undefined {
  if (kind === undefined) return undefined;
  return (directory.handOvers ?? []).find((h) => h.fromCode === code && h.kind === kind && h.effectiveOn <= date)?.toCode;
}
