import {
  diplomaDecider,
  diplomaStream,
  DomainError,
  foldEvents,
  type DiplomaEvent,
  type DiplomaState,
  type IssuedDiploma,
} from '@so-goc/domain';
import { decodeEvent, type EventStore, type StreamRead } from '@so-goc/event-store';
import { checkedLegacyEntry, digitisedIssuance } from '../legacy-registers/digitised-diploma';

export interface DiplomaRecord {
  readonly issued: IssuedDiploma;
  readonly state: DiplomaState;
  /** The lot the diploma's paper came from, for sending a recovered paper to destruction. */
  readonly lotId: string;
  /** The diploma stream's revision as read. */
  readonly revision: bigint | 'no_stream';
  /** The diploma stream as read: the act is decided on this very read (one read per act, issue 12). */
  readonly read: StreamRead;
}

function notFound(diplomaId: string): DomainError {
  return new DomainError({
    code: 'DIPLOMA_NOT_FOUND',
    kind: 'not_found',
    messageVi: `Không có văn bằng ${diplomaId} (hoặc văn bằng chưa được cấp: đợt in chưa được ký).`,
    messageEn: `No diploma ${diplomaId} (or it is not issued yet: its print run is not signed).`,
    field: 'diplomaId',
  });
}

/**
 * A diploma's issuance facts and its life since, from its own stream only: an original's stream opens
 * with `DiplomaIssued` when its run is signed, a replacement's with `DiplomaIssuedAsReplacement` (issue
 * 12, item 3; a store of the previous release is brought forward by bringDiplomaStreamsForward). A line
 * digitised from an old book (issue 14) keeps its facts in the book's stream.
 */
export async function loadDiploma(store: EventStore, diplomaId: string): Promise<DiplomaRecord> {
  const read = await store.readStream(diplomaStream(diplomaId));
  const state = foldEvents(
    diplomaDecider,
    read.events.map((e) => decodeEvent<DiplomaEvent>(e)),
  );
  if (state.issued) return { issued: state.issued, state, lotId: state.lotId ?? '', revision: read.revision, read };
  const digitised = await checkedLegacyEntry(store, diplomaId);
  if (digitised) return { issued: digitisedIssuance(diplomaId, digitised), state, lotId: '', revision: read.revision, read };
  throw notFound(diplomaId);
}

export async function issuedDiploma(store: EventStore, diplomaId: string): Promise<IssuedDiploma> {
  return (await loadDiploma(store, diplomaId)).issued;
}
