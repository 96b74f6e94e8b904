import { formatDateVi, formatLongDateVi } from '../vietnamese/format';
import type { DiplomaFace, FieldName } from './diploma-face';

const SEX: Record<DiplomaFace['sex'], string> = { male: 'Nam', female: 'Nữ' };
const TRAINING_MODE: Record<DiplomaFace['trainingMode'], string> = { regular: 'Chính quy', continuing: 'Giáo dục thường xuyên' };

/** Registers from before digitisation sometimes hold only the year or the month of birth; print what is known. */
export function formatBirthDate(value: string): string {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!match) throw new RangeError(`Not an ISO date or partial date: ${JSON.stringify(value)}`);
  const [, year, month, day] = match;
  return [day, month, year].filter((part) => part !== undefined).join('/');
}

/** The text of every field as printed; null for a field that prints nothing on this diploma. */
export function fieldTexts(face: DiplomaFace): Record<FieldName, string | null> {
  return {
    issuerLine: face.issuerLine,
    fullName: face.fullName,
    birthDate: formatBirthDate(face.birthDate),
    birthPlace: face.birthPlace,
    sex: SEX[face.sex],
    ethnicity: face.ethnicity,
    school: face.school,
    graduationYear: face.graduationYear,
    classification: face.classification,
    trainingMode: TRAINING_MODE[face.trainingMode],
    // On a copy the date under the seal is the copy's, and says so (issue 17).
    issueDateLine: `${face.original ? 'Cấp bản sao: ' : ''}${face.issuePlace}, ${formatLongDateVi(face.issueDate)}`,
    signerTitle: face.signerTitle,
    signerName: face.signerName,
    serial: face.serial,
    registerNumber: face.registerNumber,
    copyNumber: face.copyNumber ?? null,
    originalIssueLine: face.original ? `Bản chính cấp ngày ${formatDateVi(face.original.issueDate)}` : null,
    originalSerialLine: face.original ? `Số hiệu bản chính: ${face.original.serial}` : null,
  };
}
