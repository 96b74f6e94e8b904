import type { RegisterBookExportInput, RegisterNote } from '@so-goc/documents';
import { graduationYearOf, type DiplomaKind } from '@so-goc/domain';
import type { RegisterBookSectionView } from '@so-goc/projections';

/** The read model's book, in the shape the XLSX and PDF writers print. */
export function registerBookExport(
  book: { authorityCode: string; authorityName: string; superiorName: string | null; kind: DiplomaKind; year: number; generatedAt: string },
  sections: readonly RegisterBookSectionView[],
): RegisterBookExportInput {
  return {
    ...book,
    sections: sections.map((s) => ({
      decisionNumber: s.decisionNumber,
      decisionDate: s.decisionDate,
      examSession: s.examSession,
      signerName: s.signerName,
      signerTitle: s.signerTitle,
      issueDate: s.issueDate,
      issuePlace: s.issuePlace,
      rows: s.entries.map((e) => ({
        registerNumber: e.registerLabel,
        fullName: e.fullName,
        birthDate: e.birthDate,
        birthPlace: e.birthPlace,
        sex: e.sex,
        ethnicity: e.ethnicity,
        school: e.school,
        className: e.className,
        graduationYear: graduationYearOf(s.schoolYear),
        classification: e.classification,
        trainingMode: e.trainingMode,
        serial: e.state === 'entered' ? null : e.serial,
        recipientName: e.recipientName,
        receivedOn: e.receivedOn,
        notes: e.notes as unknown as RegisterNote[],
      })),
    })),
  };
}
