import { DomainError, type ErrorKind } from '@so-goc/domain';

export function invalidFilter(field: string, messageVi: string, messageEn: string, kind: ErrorKind = 'invalid_input'): DomainError {
  return new DomainError({ code: kind === 'not_found' ? 'FINDING_NOT_FOUND' : 'INVALID_FILTER', kind, messageVi, messageEn, field });
}

/** The dateline's place is the locality in the authority's name: "Sở Giáo dục và Đào tạo Hải Phòng" → "Hải Phòng". */
export function placeOf(authorityName: string): string {
  return authorityName
    .replace(/^.*?(Đào tạo|GDĐT)\s+/u, '')
    .replace(/^(tỉnh|thành phố|huyện|quận|thị xã|xã|phường)\s+/iu, '')
    .trim();
}
