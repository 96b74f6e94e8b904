import type { Decider, DomainEvent } from '../shared/decider';
import type { IsoDate } from '../shared/dates';
import type { DiplomaKind } from '../regimes/legal-regimes';
import type { RowProblem } from './row-problem';
import { GraduateListRejected } from './graduate-list-rejected';
import { searchKey } from './vietnamese-names';

/**
 * Rule 1, across decisions: one original per person and kind. Each person a decision recognises is
 * reserved under two keys — the national ID, and the normalised name + birth date + school (old records
 * lack the ID) — on a stream of their own, so the invariant is held by a stream's revision and never by
 * a read model. Keys are spread over 256 streams per kind, so a 20,000-row decision is a few hundred
 * small appends rather than one stream every import of the province contends on.
 */
export const GRADUATE_REGISTRY_BUCKETS = 256;

export interface PersonKey {
  readonly key: string;
  readonly matchedOn: 'nationalId' | 'nameBirthDateSchool';
}

export function personKeysOf(graduate: { nationalId: string; fullName: string; birthDate: string; school: string }): PersonKey[] {
  const keys: PersonKey[] = [
    { key: `nbs:${searchKey(graduate.fullName)}|${graduate.birthDate}|${searchKey(graduate.school)}`, matchedOn: 'nameBirthDateSchool' },
  ];
  if (graduate.nationalId.trim() !== '') keys.unshift({ key: `id:${graduate.nationalId.trim()}`, matchedOn: 'nationalId' });
  return keys;
}

/** FNV-1a: stable across releases and machines, which the stream names depend on. */
function bucketOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % GRADUATE_REGISTRY_BUCKETS;
}

export function graduateRegistryStream(kind: DiplomaKind, key: string): string {
  return `graduate-registry-${kind}-${bucketOf(key).toString(16).padStart(2, '0')}`;
}

export interface RecognisedBy {
  readonly decisionId: string;
  readonly decisionNumber: string;
  readonly decisionDate: IsoDate;
}

export type GraduateRegistryEvent = DomainEvent<'GraduatesReserved', RecognisedBy & { keys: string[] }>;
export type GraduateRegistryState = ReadonlyMap<string, RecognisedBy>;
export type ReserveGraduates = { type: 'ReserveGraduates'; decision: RecognisedBy; people: { row: number; keys: PersonKey[] }[] };

/** The people of a list another decision already recognised, one problem per row (rule 1). */
export function earlierRecognitions(kind: DiplomaKind, command: ReserveGraduates, state: GraduateRegistryState): RowProblem[] {
  const problems: RowProblem[] = [];
  for (const person of command.people) {
    for (const { key, matchedOn } of person.keys) {
      const earlier = state.get(key);
      if (!earlier || earlier.decisionId === command.decision.decisionId) continue;
      const how =
        matchedOn === 'nationalId'
          ? { vi: 'cùng số định danh', en: 'same national ID' }
          : { vi: 'cùng họ tên, ngày sinh và trường', en: 'same name, birth date and school' };
      problems.push({
        row: person.row,
        column: matchedOn === 'nationalId' ? 'Số định danh cá nhân' : 'Họ và tên',
        field: matchedOn === 'nationalId' ? 'nationalId' : 'fullName',
        code: 'DUPLICATE_OF_EARLIER_DECISION',
        messageVi: `Đã được công nhận tốt nghiệp ${kind} theo quyết định ${earlier.decisionNumber} ngày ${earlier.decisionDate} (${how.vi}).`,
        messageEn: `Already recognised as a ${kind} graduate by decision ${earlier.decisionNumber} of ${earlier.decisionDate} (${how.en}).`,
      });
      break;
    }
  }
  return problems;
}

/**
 * One bucket stream: reserves the keys not yet reserved; keys this decision already holds (a resent
 * import) are skipped; a key another decision holds is refused. The import workflow reports conflicts
 * across all buckets at once first, so the officer sees every row in one answer.
 */
export function graduateRegistryDecider(kind: DiplomaKind): Decider<ReserveGraduates, GraduateRegistryState, GraduateRegistryEvent> {
  return {
    initialState: new Map(),
    evolve(state, event) {
      const next = new Map(state);
      const { keys, ...by } = event.data;
      for (const key of keys) if (!next.has(key)) next.set(key, by);
      return next;
    },
    decide(command, state) {
      const conflicts = earlierRecognitions(kind, command, state);
      if (conflicts.length > 0) throw new GraduateListRejected(conflicts);
      const keys = command.people.flatMap((p) => p.keys.map((k) => k.key)).filter((key) => !state.has(key));
      return keys.length === 0 ? [] : [{ type: 'GraduatesReserved', data: { ...command.decision, keys } }];
    },
  };
}
