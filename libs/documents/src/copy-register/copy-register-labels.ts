import { isIsoInstant, vietnamWallClock, type CopyRequestChannel, type RequesterKind } from '@so-goc/domain';
import { formatDateVi } from '../vietnamese/format';

// Typed against the domain's unions so a new requester kind or channel fails to compile until it has a label.
const RELATION_LABELS: Readonly<Record<RequesterKind, string>> = {
  holder: 'Người được cấp văn bằng',
  legal_representative: 'Người đại diện theo pháp luật',
  authorised_representative: 'Người được ủy quyền',
  parent: 'Cha, mẹ của người được cấp',
  child: 'Con của người được cấp',
  spouse: 'Vợ, chồng của người được cấp',
  sibling: 'Anh, chị, em ruột của người được cấp',
  other_heir: 'Người thừa kế khác',
};

const CHANNEL_LABELS: Readonly<Record<CopyRequestChannel, string>> = {
  counter: 'Tại bộ phận một cửa',
  post: 'Qua bưu chính',
  online: 'Trực tuyến',
};

/** A relation the domain does not know yet still reaches the paper, as its raw code. */
export const requesterRelationLabel = (relation: string): string =>
  Object.hasOwn(RELATION_LABELS, relation) ? RELATION_LABELS[relation as RequesterKind] : relation;

export const channelLabel = (channel: CopyRequestChannel): string => CHANNEL_LABELS[channel];

/** "05/03/2026 14:20": when the request was received, in Vietnam time whatever the server's zone. */
export function formatReceivedAt(instant: string): string {
  if (!isIsoInstant(instant)) throw new RangeError(`Not an ISO instant with an offset: ${JSON.stringify(instant)}`);
  const { date, msOfDay } = vietnamWallClock(instant);
  const minutes = Math.floor(msOfDay / 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${formatDateVi(date)} ${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** The notes column: the correction decisions in force, then the officer's note. */
export function copyNotesText(corrections: readonly string[], note: string | null): string {
  const lines = corrections.length > 0 ? [`Đã chỉnh sửa theo QĐ ${corrections.join(', ')}`] : [];
  if (note?.trim()) lines.push(note.trim());
  return lines.join('\n');
}
