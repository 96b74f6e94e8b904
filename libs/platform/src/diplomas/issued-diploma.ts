import {
  decisionIdOfGraduate,
  diplomaDecider,
  diplomaStream,
  DomainError,
  foldEvents,
  graduationDecisionDecider,
  graduationDecisionStream,
  printRunDecider,
  printRunStream,
  type DiplomaEvent,
  type DiplomaState,
  type IssuedDiploma,
  type ReissueEvent,
} from '@so-goc/domain';
import type { EventStore } from '@so-goc/event-store';
import { loadState } from '../issuance/load-state';
import { checkedLegacyEntry, digitisedIssuance } from '../legacy-registers/digitised-diploma';

export interface DiplomaRecord {
  readonly issued: IssuedDiploma;
  readonly state: DiplomaState;
  /** The lot the diploma's paper came from, for sending a recovered paper to destruction. */
  readonly lotId: string;
}

function notFound(diplomaId: string): DomainError {
  return new DomainError({
    code: 'DIPLOMA_NOT_FOUND',
    kind: 'not_found',
    messageVi: `Không có văn bằng ${diplomaId}.`,
    messageEn: `No diploma ${diplomaId}.`,
    field: 'diplomaId',
  });
}

/**
 * A diploma's issuance facts and its life since. An original's facts are in its decision (the holder)
 * and its print run (serial, number, signature); a replacement's are in the first event of its own
 * stream. Both are final once recorded, so reading them for a command on the diploma stream is safe.
 */
export async function loadDiploma(store: EventStore, diplomaId: string): Promise<DiplomaRecord> {
  const read = await store.readStream(diplomaStream(diplomaId));
  const events = read.events.map((e) => ({ type: e.type, data: e.data }) as DiplomaEvent);
  const state = foldEvents(diplomaDecider, events);
  const first = events[0];
  if (first?.type === 'DiplomaIssuedAsReplacement') {
    const d = (first as Extract<ReissueEvent, { type: 'DiplomaIssuedAsReplacement' }>).data;
    return {
      issued: {
        diplomaId,
        graduateId: d.graduateId,
        printRunId: null,
        authorityCode: d.authorityCode,
        kind: d.kind,
        serialLabel: d.serialLabel,
        registerLabel: d.registerLabel,
        issueDate: d.issueDate,
        holder: d.holder,
      },
      state,
      lotId: d.lotId,
    };
  }
  const digitised = await checkedLegacyEntry(store, diplomaId);
  if (digitised) return { issued: digitisedIssuance(diplomaId, digitised), state, lotId: '' };
  const decisionId = decisionIdOfGraduate(diplomaId);
  if (!decisionId) throw notFound(diplomaId);
  const decision = await loadState(store, graduationDecisionDecider, graduationDecisionStream(decisionId));
  const printRunId = decision.status === 'recorded' ? decision.printRunOf.get(diplomaId) : undefined;
  const graduate = decision.status === 'recorded' ? decision.graduates.get(diplomaId) : undefined;
  if (!printRunId || !graduate) throw notFound(diplomaId);
  const run = await loadState(store, printRunDecider, printRunStream(printRunId));
  const index = run.status === 'none' ? undefined : run.indexOf.get(diplomaId);
  if (run.status === 'none' || index === undefined) throw notFound(diplomaId);
  const entry = run.entries[index]!;
  return {
    issued: {
      diplomaId,
      graduateId: graduate.graduateId,
      printRunId,
      authorityCode: run.header.authorityCode,
      kind: run.header.kind,
      serialLabel: entry.serialLabel,
      registerLabel: entry.registerLabel,
      issueDate: run.signature?.issueDate ?? null,
      holder: {
        fullName: graduate.fullName,
        birthDate: graduate.birthDate,
        birthPlace: graduate.birthPlace,
        sex: graduate.sex,
        ethnicity: graduate.ethnicity,
      },
    },
    state,
    lotId: run.header.lotId,
  };
}

export async function issuedDiploma(store: EventStore, diplomaId: string): Promise<IssuedDiploma> {
  return (await loadDiploma(store, diplomaId)).issued;
}
