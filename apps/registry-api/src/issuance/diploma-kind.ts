import { DIPLOMA_KINDS, DomainError, type DiplomaKind } from '@so-goc/domain';

/** A kind from a URL (`thpt`, `THPT`), or a coded 404. */
export function diplomaKind(kind: string): DiplomaKind {
  const upper = kind.toUpperCase();
  if ((DIPLOMA_KINDS as readonly string[]).includes(upper)) return upper as DiplomaKind;
  throw new DomainError({
    code: 'UNKNOWN_DIPLOMA_KIND',
    kind: 'not_found',
    messageVi: `Không có loại văn bằng ${kind}; dùng THCS hoặc THPT.`,
    messageEn: `No diploma kind ${kind}; use THCS or THPT.`,
    field: 'kind',
  });
}
