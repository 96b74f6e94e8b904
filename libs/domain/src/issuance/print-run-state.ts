import { runSpares } from '../print-runs/print-run-core';
import type { PrintRunEntry, PrintRunEvent, PrintRunHeader, PrintRunSignature } from './print-run';

/** 'opening': an opening in bounded appends whose seal is not there yet (issue 20) — not open, nothing acts on it but a resend. */
export type PrintRunStatus = 'opening' | 'open' | 'printed' | 'signed' | 'closed';

export type PrintRunState =
  | { readonly status: 'none' }
  | {
      readonly status: PrintRunStatus;
      readonly header: PrintRunHeader;
      /** In register order. */
      readonly entries: readonly PrintRunEntry[];
      readonly indexOf: ReadonlyMap<string, number>;
      readonly reservedSerials: ReadonlySet<number>;
      readonly spoiledSerials: ReadonlySet<number>;
      readonly printedOn: string | null;
      readonly signature: PrintRunSignature | null;
    };

export type OpenedPrintRun = Exclude<PrintRunState, { status: 'none' }>;

function expand(ranges: readonly { from: number; to: number }[]): Set<number> {
  const serials = new Set<number>();
  for (const range of ranges) for (let serial = range.from; serial <= range.to; serial += 1) serials.add(serial);
  return serials;
}

/**
 * Entries arrive in chunks of the opening append; they are pushed onto arrays owned by this fold (each
 * fold starts from a fresh 'none' state), so a 20,000-diploma run folds in linear time.
 */
export function evolvePrintRun(state: PrintRunState, event: PrintRunEvent): PrintRunState {
  if (event.type === 'PrintRunOpened') {
    return {
      status: event.data.openingSealed ? 'opening' : 'open',
      header: event.data,
      entries: [],
      indexOf: new Map(),
      reservedSerials: expand(event.data.reserved),
      spoiledSerials: new Set(),
      printedOn: null,
      signature: null,
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'PrintRunEntriesPlanned': {
      const entries = state.entries as PrintRunEntry[];
      const indexOf = state.indexOf as Map<string, number>;
      for (const entry of event.data.entries) {
        indexOf.set(entry.diplomaId, entries.length);
        entries.push(entry);
      }
      return state;
    }
    case 'PrintRunOpeningSealed':
      return state.status === 'opening' && state.entries.length === state.header.count ? { ...state, status: 'open' } : state;
    case 'PrintRunPrinted':
      return { ...state, status: 'printed', printedOn: event.data.printedOn };
    case 'PrintRunItemReprinted': {
      const index = state.indexOf.get(event.data.diplomaId)!;
      const entries = [...state.entries];
      entries[index] = { ...entries[index]!, serial: event.data.newSerial, serialLabel: event.data.newSerialLabel };
      const spoiledSerials = new Set(state.spoiledSerials).add(event.data.oldSerial);
      const reservedSerials = event.data.newlyReserved ? new Set(state.reservedSerials).add(event.data.newSerial) : state.reservedSerials;
      return { ...state, entries, spoiledSerials, reservedSerials };
    }
    case 'PrintRunSigned': {
      const { printRunId: _id, ...signature } = event.data;
      return { ...state, status: 'signed', signature };
    }
    case 'PrintRunClosed':
      return { ...state, status: 'closed' };
    case 'PrintRunDocumentRendered':
      return state;
  }
}

/** Reserved for the run and carrying no diploma: the spares a misprint takes first, released on close. */
export const spareSerials: (state: OpenedPrintRun) => number[] = runSpares;
