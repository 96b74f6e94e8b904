import type { Database } from 'better-sqlite3';
import { hasBuiltInLayout, holderDigest, signVerificationToken, type DiplomaFace } from '@so-goc/documents';
import { diplomaTemplateOn, DomainError, graduationYearOf, type DiplomaKind } from '@so-goc/domain';
import { copyById, digitisedLine, diplomaGraduate, findAuthority, printRunView, type RegisterEntryView } from '@so-goc/projections';
import type { SigningKeyStore } from '../verification/key-publication';

export interface IssueLine {
  readonly issueDate: string;
  readonly issuePlace: string;
  readonly signerTitle: string;
  readonly signerName: string;
}

/**
 * What goes on each blank, with a QR that the public portal verifies: a token signed with the issuing
 * authority's current key that names the diploma and binds the holder only as a digest (architecture §6).
 */
export class DiplomaFaces {
  constructor(
    private readonly db: Database,
    private readonly keyring: SigningKeyStore,
    private readonly portalPublicUrl: string,
  ) {}

  /**
   * The print job of a run in register order. Printing comes before signing, so the issue line is the
   * signature's once the run is signed, or the one the office plans to sign with until then.
   */
  printRun(
    printRunId: string,
    planned: IssueLine | undefined,
  ): { faces: { diplomaId: string; face: DiplomaFace }[]; authorityCode: string; templateVersion: string } {
    const run = printRunView(this.db, printRunId);
    if (!run)
      throw new DomainError({
        code: 'PRINT_RUN_NOT_FOUND',
        kind: 'not_found',
        messageVi: 'Không có đợt in này.',
        messageEn: 'No such print run.',
        field: 'printRunId',
      });
    const signed =
      run.issueDate && run.issuePlace && run.signerTitle && run.signerName
        ? { issueDate: run.issueDate, issuePlace: run.issuePlace, signerTitle: run.signerTitle, signerName: run.signerName }
        : undefined;
    const line = signed ?? planned;
    if (!line) {
      throw new DomainError({
        code: 'ISSUE_LINE_REQUIRED',
        kind: 'invalid_input',
        messageVi: 'Đợt in chưa ký: cần ngày cấp, nơi cấp và người ký dự kiến để in.',
        messageEn: 'The run is not signed yet: give the planned issue date, place and signer to print it.',
        field: 'issueDate',
      });
    }
    const authority = findAuthority(this.db, run.authorityCode)?.name ?? run.authorityCode;
    const graduationYear = graduationYearOf(run.schoolYear);
    const kind = run.kind as DiplomaKind;
    return {
      authorityCode: run.authorityCode,
      // Rule 37: the run's own template; an office's own name for its blanks prints as the template of the day.
      templateVersion: hasBuiltInLayout(kind, run.templateVersion) ? run.templateVersion : diplomaTemplateOn(kind, line.issueDate).version,
      faces: run.entries.map((entry) => ({
        diplomaId: entry.diplomaId,
        face: this.face(entry, { kind: run.kind as 'THCS' | 'THPT', authorityCode: run.authorityCode, authority, graduationYear, line }),
      })),
    };
  }

  /** One copy from the register, carrying "BẢN SAO", its copy number and a copy token (rules 46, 57). */
  copy(copyId: string): { face: DiplomaFace; authorityCode: string; templateVersion: string } {
    const copy = copyById(this.db, copyId);
    if (!copy)
      throw new DomainError({
        code: 'COPY_NOT_FOUND',
        kind: 'not_found',
        messageVi: 'Không có bản sao này.',
        messageEn: 'No such copy.',
        field: 'copyId',
      });
    const kind = copy.content.kind;
    if (copy.content.credential || (kind !== 'THCS' && kind !== 'THPT'))
      // A copy from a certificate register (issue 18) is verified by its register entry, not printed on a diploma face.
      throw new DomainError({
        code: 'COPY_NOT_A_DIPLOMA',
        kind: 'not_found',
        messageVi: 'Bản sao này là bản sao chứng chỉ, không in theo mẫu văn bằng.',
        messageEn: 'This is a copy of a certificate, not printed on a diploma face.',
        field: 'copyId',
      });
    const copier = findAuthority(this.db, copy.copiedBy)?.name ?? copy.copiedBy;
    const graduate = diplomaGraduate(this.db, copy.diplomaId);
    // A diploma digitised from a paper book (issue 14) has no graduate row: the book's line says the rest.
    const digitised = graduate ? undefined : digitisedLine(this.db, copy.diplomaId);
    const holder = copy.content.holder;
    const token = this.sign({
      kind: 'copy',
      diplomaId: copy.diplomaId,
      serial: copy.content.originalSerial,
      registerNumber: copy.content.originalRegisterNumber,
      authorityCode: copy.copiedBy,
      issueDate: copy.issuedOn,
      holderDigest: holderDigest(holder.fullName, holder.birthDate),
      copyNumber: copy.copyNumber,
    });
    return {
      authorityCode: copy.copiedBy,
      // Rule 46: the copy template current on the copy's date, whatever the original was printed on.
      templateVersion: diplomaTemplateOn(kind, copy.issuedOn).version,
      face: {
        kind,
        // Rule 46, §4.8: the copy is made and signed by the body now holding the register.
        issuerLine: issuerLine(copy.signerTitle, copier),
        fullName: holder.fullName,
        birthDate: holder.birthDate,
        birthPlace: holder.birthPlace,
        // A diploma's register entry always carries both (only a certificate's lacks them).
        sex: holder.sex!,
        ethnicity: holder.ethnicity ?? '',
        school: graduate?.school ?? digitised?.school ?? '',
        graduationYear: graduate ? graduationYearOf(graduate.schoolYear) : digitised ? String(digitised.year) : '',
        classification: graduate?.classification ?? digitised?.classification ?? null,
        trainingMode: graduate?.trainingMode ?? (digitised?.continuingEducation ? 'continuing' : 'regular'),
        issuePlace: copy.issuePlace,
        issueDate: copy.issuedOn,
        signerTitle: copy.signerTitle.toUpperCase(),
        signerName: copy.signerName,
        serial: copy.serial,
        registerNumber: copy.content.originalRegisterNumber,
        qrPayload: `${this.portalPublicUrl}/v/${token}`,
        copyNumber: copy.copyNumber,
        // §4.8: without these the only date on the copy was its own, and it read as issued that day.
        original: { issueDate: copy.content.originalIssueDate, serial: copy.content.originalSerial },
      },
    };
  }

  private face(
    entry: RegisterEntryView,
    run: { kind: 'THCS' | 'THPT'; authorityCode: string; authority: string; graduationYear: string; line: IssueLine },
  ): DiplomaFace {
    const token = this.sign({
      kind: 'diploma',
      diplomaId: entry.diplomaId,
      serial: entry.serial,
      registerNumber: entry.registerLabel,
      authorityCode: run.authorityCode,
      issueDate: run.line.issueDate,
      holderDigest: holderDigest(entry.fullName, entry.birthDate),
    });
    return {
      kind: run.kind,
      issuerLine: issuerLine(run.line.signerTitle, run.authority),
      fullName: entry.fullName,
      birthDate: entry.birthDate,
      birthPlace: entry.birthPlace,
      sex: entry.sex,
      ethnicity: entry.ethnicity,
      school: entry.school,
      graduationYear: run.graduationYear,
      classification: entry.classification,
      trainingMode: entry.trainingMode,
      issuePlace: run.line.issuePlace,
      issueDate: run.line.issueDate,
      signerTitle: run.line.signerTitle.toUpperCase(),
      signerName: run.line.signerName,
      serial: entry.serial,
      registerNumber: entry.registerLabel,
      qrPayload: `${this.portalPublicUrl}/v/${token}`,
    };
  }

  private sign(payload: {
    kind: 'diploma' | 'copy';
    diplomaId: string;
    serial: string;
    registerNumber: string;
    authorityCode: string;
    issueDate: string;
    holderDigest: string;
    copyNumber?: string;
  }): string {
    const key = this.keyring.activeSigningKey(payload.authorityCode);
    return signVerificationToken({ v: 1, kid: key.kid, ...payload }, key.privateKey);
  }
}

/** "GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO HẢI PHÒNG": the signer's office, as the diploma's heading names it (§4.7). */
function issuerLine(signerTitle: string, authorityName: string): string {
  const head = signerTitle.replace(/^(KT\.|Q\.|TL\.)\s*/iu, '').split(/\s+(?=phụ trách)/iu)[0] ?? '';
  return `${head} ${authorityName}`.trim().toUpperCase();
}
