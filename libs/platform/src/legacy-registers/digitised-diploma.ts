import { legacyBookStream, parseLegacyDiplomaId, type IssuedDiploma, type LegacyBookEvent, type Sex } from '@so-goc/domain';
import { decodeEvent, type EventStore } from '@so-goc/event-store';

type Checked = Extract<LegacyBookEvent, { type: 'LegacyEntryChecked' }>['data'];

/** The checked line a digitised diploma id names, or undefined while it is unchecked (invisible everywhere) or unknown. */
export async function checkedLegacyEntry(store: EventStore, diplomaId: string): Promise<Checked | undefined> {
  const place = parseLegacyDiplomaId(diplomaId);
  if (!place) return undefined;
  const read = await store.readStream(legacyBookStream(place.bookId));
  for (const event of read.events.map((e) => decodeEvent<LegacyBookEvent>(e)))
    if (event.type === 'LegacyEntryChecked' && event.data.diplomaId === diplomaId) return event.data;
  return undefined;
}

/**
 * A checked line of an old book, as the issuance facts every later act needs: copies, corrections and
 * revocations then work on it through the diploma's own stream exactly as for a printed diploma. The
 * line is final once checked (it is changed only by correction decisions, rule 27), so reading it for a
 * command on the diploma stream is safe. No blank lot: no blank of ours was consumed.
 */
export function digitisedIssuance(diplomaId: string, checked: Checked): IssuedDiploma {
  const f = checked.entry.fields;
  return {
    diplomaId,
    graduateId: diplomaId,
    printRunId: null,
    authorityCode: checked.book.authorityCode,
    kind: checked.book.kind,
    serialLabel: f.serial ?? '',
    registerLabel: f.registerNumber ?? '',
    // An illegible issue date: the last day of the book's year, so no deadline is counted from too early a day.
    issueDate: f.issueDate ?? `${checked.book.year}-12-31`,
    holder: {
      fullName: f.fullName ?? '',
      birthDate: f.birthDate ?? '',
      birthPlace: f.birthPlace ?? '',
      sex: (f.sex ?? '') as Sex,
      ethnicity: f.ethnicity ?? '',
    },
  };
}
