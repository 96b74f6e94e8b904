export type { LedgerExportInput, LedgerExportRow } from './ledger/ledger-export';
export { ledgerToXlsx } from './ledger/ledger-xlsx';
export { ledgerToPdf } from './ledger/ledger-pdf';
export type { DestructionMinutesInput } from './destruction/destruction-minutes';
export { destructionMinutesToXlsx } from './destruction/destruction-minutes-xlsx';
export { destructionMinutesToPdf } from './destruction/destruction-minutes-pdf';
export { kindLabel, movementLabel, reasonLabel, stateLabel } from './vietnamese/labels';
export { formatDateVi, formatNumberVi } from './vietnamese/format';
export type { GraduateList, GraduateListOptions, GraduateListProgress, ImportedGraduate } from './graduate-lists/read-graduate-list';
export { readGraduateList } from './graduate-lists/read-graduate-list';
export { GraduateListReader, graduateListReader, markUploadBuffer } from './graduate-lists/read-off-thread';
export { GRADUATE_LIST_LIMITS, type GraduateListLimits } from './graduate-lists/limits';
export type { ForgeryReason, VerificationPayload, VerificationResult } from './verification/verification-token';
export { holderDigest, signVerificationToken, verifyVerificationToken } from './verification/verification-token';
export type { PublishedKey, PublishedKeySet, VerificationKey, VerificationKeySet } from './verification/key-set';
export {
  InvalidKeySetError,
  keyIdOf,
  parsePublishedKeySet,
  publishedKeyOf,
  validatePublishedKeySet,
  verificationKeySetOf,
} from './verification/key-set';
export type {
  BlankTemplateLayout,
  Calibration,
  DiplomaFace,
  DiplomaKind,
  DiplomaPrintMode,
  FieldName,
  FieldPlacement,
  PreviewArt,
  StaticText,
} from './diploma-pdf/diploma-face';
export type { DiplomaPdfOptions, PrintRunFile, PrintRunPdfOptions, RenderedPdf } from './diploma-pdf/diploma-pdf';
export { renderDiplomaPdf, renderPrintRunPdf, writePrintRunPdf } from './diploma-pdf/diploma-pdf';
export { DEFAULT_TEMPLATE_VERSION, defaultDiplomaLayout, hasBuiltInLayout } from './diploma-pdf/templates';
export type { RegisterBookExportInput, RegisterBookRow, RegisterBookSection, RegisterNote } from './register-book/register-book-export';
export { REGISTER_BOOK_COLUMNS, REGISTER_BOOK_TITLE, registerBookTitle } from './register-book/register-book-export';
export { registerNoteLabel } from './register-book/register-book-labels';
export { registerBookToXlsx } from './register-book/register-book-xlsx';
export { registerBookPdfStream, registerBookToPdf, type BookLineProgress } from './register-book/register-book-pdf';
export type {
  RegisterAppendixChange,
  RegisterAppendixExportInput,
  RegisterAppendixRow,
} from './register-appendix/register-appendix-export';
export { REGISTER_APPENDIX_COLUMNS, REGISTER_APPENDIX_TITLE, registerAppendixTitle } from './register-appendix/register-appendix-export';
export { registerAppendixToXlsx } from './register-appendix/register-appendix-xlsx';
export { registerAppendixToPdf } from './register-appendix/register-appendix-pdf';
export type { CopyRegisterExportInput, CopyRegisterExportRow } from './copy-register/copy-register-export';
export { COPY_REGISTER_COLUMNS, COPY_REGISTER_PDF_COLUMNS, copyRegisterTitle } from './copy-register/copy-register-export';
export { copyRegisterToXlsx } from './copy-register/copy-register-xlsx';
export { copyRegisterToPdf } from './copy-register/copy-register-pdf';
export type {
  VerificationLetterAnswer,
  VerificationLetterInput,
  VerificationLetterPdf,
  VerificationLetterSubject,
} from './verification-letter/verification-letter-input';
export { verificationLetterToPdf } from './verification-letter/verification-letter-pdf';
export type { ReportCell, ReportColumn, ReportDocumentInput, ReportSection } from './audits/report-document';
export { reportToPdf } from './audits/report-pdf';
export { reportToXlsx } from './audits/report-xlsx';
export type { FindingExportRow, FindingsExportInput } from './audits/findings-report';
export { FINDINGS_TITLE, findingsReport } from './audits/findings-report';
export type { YearlyReportDocumentInput } from './audits/yearly-report-document';
export { YEARLY_REPORT_TITLE, yearlyReportDocument } from './audits/yearly-report-document';
export type { LegacyEntrySheet, LegacyRow } from './legacy-registers/read-legacy-entries';
export { readLegacyEntries } from './legacy-registers/read-legacy-entries';
export type { RecognitionTokenPayload, RecognitionTokenResult } from './recognition-document/recognition-token';
export { signRecognitionToken, verifyRecognitionToken } from './recognition-document/recognition-token';
export type {
  RecognitionDocumentInput,
  RecognitionDocumentPdf,
  RecognitionRefusalInput,
} from './recognition-document/recognition-document-pdf';
export {
  EQUIVALENT_VI,
  RECOGNITION_TITLE,
  recognitionDocumentToPdf,
  recognitionRefusalToPdf,
} from './recognition-document/recognition-document-pdf';
export type { RecognitionRegisterExportInput, RecognitionRegisterRow } from './recognition-document/recognition-register-export';
export { RECOGNITION_REGISTER_TITLE, recognitionRegisterReport } from './recognition-document/recognition-register-export';
export {
  CERTIFICATE_REGISTER_COLUMNS,
  certificateRegisterToPdf,
  certificateRegisterToXlsx,
  formatCertificateDecision,
  type CertificateRegisterExportInput,
  type CertificateRegisterRow,
} from './certificate-register/certificate-register-export';
export { readResultsList, type ResultsList } from './certificate-results/read-results-list';
export { certificateQrPng } from './certificate-register/certificate-qr';
export {
  certificateFieldLines,
  renderCertificatesPdf,
  type CertificateFace,
  type CertificatePdfOptions,
  type CertificatePrintMode,
} from './certificate-pdf/certificate-pdf';
