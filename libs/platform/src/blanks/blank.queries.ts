import { QueryHandler } from '@nestjs/cqrs';
import { DomainError, isWithinScope, parseSerial, vietnamDateOf } from '@so-goc/domain';
import {
  blankLedger,
  blankReconciliation,
  blankSerialStatus,
  type LedgerRow,
  type Reconciliation,
  type SerialStatus,
} from '@so-goc/projections';
import { OfficerQuery, OfficerQueryHandler } from '../read-path/officer-query';

/** The blank ledger (sổ quản lý phôi) of one authority, optionally one kind and a period. */
export class BlankLedgerQuery extends OfficerQuery<{ authorityCode: string; kind?: string; from?: string; to?: string }, LedgerRow[]> {}
@QueryHandler(BlankLedgerQuery)
export class BlankLedgerHandler extends OfficerQueryHandler<BlankLedgerQuery> {
  protected answer({ input: { authorityCode, kind, from, to } }: BlankLedgerQuery): LedgerRow[] {
    return blankLedger(this.deps.readModels, authorityCode, {
      ...(kind ? { kind } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
    });
  }
}

/**
 * Where one blank is and what it went through. Seen only by an authority it passed through (its holder
 * or a counterpart of a hand-over), or one above it: anyone else is told there is no such blank.
 */
export class BlankSerialQuery extends OfficerQuery<{ authorityCode: string; serial: string }, SerialStatus> {}
@QueryHandler(BlankSerialQuery)
export class BlankSerialHandler extends OfficerQueryHandler<BlankSerialQuery> {
  protected async answer({ input: { authorityCode, serial } }: BlankSerialQuery): Promise<SerialStatus> {
    const parsed = parseSerial(serial);
    const status = parsed ? blankSerialStatus(this.deps.readModels, parsed.prefix, parsed.value) : undefined;
    const directory = await this.deps.directory();
    const visible =
      status &&
      [status.holder, ...status.history.flatMap((row) => (row.counterpart ? [row.counterpart] : []))].some((holder) =>
        isWithinScope(directory, { authorityCode, includeSubordinates: true }, holder),
      );
    if (!status || !visible) {
      throw new DomainError({
        code: 'BLANK_SERIAL_NOT_FOUND',
        kind: 'not_found',
        messageVi: `Không có phôi số hiệu ${serial} trong sổ của đơn vị.`,
        messageEn: `No blank ${serial} in this authority's books.`,
        field: 'serial',
      });
    }
    return status;
  }
}

/** Rule 16: the blanks of one kind over a period, reconciled (received = used + spoiled + lost + … + in stock). */
export class BlankReconciliationQuery extends OfficerQuery<
  { authorityCode: string; kind: string | undefined; from: string | undefined; to: string | undefined; today?: string },
  Reconciliation
> {}
@QueryHandler(BlankReconciliationQuery)
export class BlankReconciliationHandler extends OfficerQueryHandler<BlankReconciliationQuery> {
  protected answer({ input: { authorityCode, kind, from, to, today } }: BlankReconciliationQuery): Reconciliation {
    const problems = [
      ...(kind ? [] : [{ field: 'kind' }]),
      ...(/^\d{4}-\d{2}-\d{2}$/.test(from ?? '') ? [] : [{ field: 'from' }]),
      ...(/^\d{4}-\d{2}-\d{2}$/.test(to ?? '') ? [] : [{ field: 'to' }]),
    ];
    if (problems.length > 0 || !kind || !from || !to) {
      throw new DomainError({
        code: 'INVALID_QUERY',
        kind: 'invalid_input',
        messageVi: 'Cần kind, from, to (YYYY-MM-DD).',
        messageEn: 'kind, from and to (YYYY-MM-DD) are required.',
        field: problems[0]?.field ?? 'kind',
      });
    }
    return blankReconciliation(this.deps.readModels, authorityCode, kind, from, to, today ?? vietnamDateOf(new Date()));
  }
}

export const BLANK_QUERY_HANDLERS = [BlankLedgerHandler, BlankSerialHandler, BlankReconciliationHandler];
