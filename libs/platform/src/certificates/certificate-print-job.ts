import { certificateFieldLines, type CertificateFace } from '@so-goc/documents';
import { credentialInWords, DomainError, invalidInput, type CredentialCatalogue, type FieldProblem } from '@so-goc/domain';
import type { EventStore } from '@so-goc/event-store';
import { readCertificateRegister } from './certificate.commands';
import { readCertificatePrintRun } from './certificate-print-run.commands';

/** The signature line printed before the run is signed (the planned one); after signing, the recorded one. */
export interface PlannedSignature {
  readonly issueDate?: string | undefined;
  readonly issuePlace?: string | undefined;
  readonly signerTitle?: string | undefined;
  readonly signerName?: string | undefined;
}

/** What the portal's address for a certificate's verification code is; the QR printed on the certificate holds it. */
export function certificateVerificationUrl(portalPublicUrl: string, verificationCode: string): string {
  return `${portalPublicUrl}/api/v1/certificates/${verificationCode}`;
}

/**
 * The print job of a certificate print run (issue 18): one face per certificate in register order, on the
 * serial the run gives it now (after any misprint), with the kind's fields as the catalogue entry names them and
 * the QR to the portal. Read from the run and its register book, never from a read model of someone else's.
 */
export async function certificatePrintJob(
  store: EventStore,
  catalogue: CredentialCatalogue,
  request: { printRunId: string; authorityCode: string; portalPublicUrl: string; issuerName: string; superiorName: string | null },
  planned: PlannedSignature = {},
): Promise<{ faces: { certificateId: string; face: CertificateFace }[]; templateVersion: string }> {
  const { state: run } = await readCertificatePrintRun(store, request.printRunId);
  if (run.status === 'none' || run.header.authorityCode !== request.authorityCode) {
    throw new DomainError({
      code: 'PRINT_RUN_NOT_FOUND',
      kind: 'not_found',
      messageVi: 'Không có đợt in chứng chỉ này.',
      messageEn: 'No such certificate print run.',
      field: 'printRunId',
    });
  }
  const entry = catalogue.get(run.header.kindCode, 'kindCode');
  const { state: register } = await readCertificateRegister(store, run.header.authorityCode, run.header.kindCode, run.header.registerYear);
  const line = run.signature ?? planned;
  const missing: FieldProblem[] = (['issueDate', 'issuePlace', 'signerTitle', 'signerName'] as const)
    .filter((name) => typeof line[name] !== 'string' || line[name].trim() === '')
    .map((name) => ({
      field: name,
      code: 'REQUIRED',
      messageVi: 'Đợt in chưa ký: cần ngày cấp, nơi cấp, chức vụ và họ tên người ký dự kiến để in.',
      messageEn: 'The run is not signed yet: the planned issue date, place, signer title and name are needed to print.',
    }));
  if (missing.length > 0) throw invalidInput(missing);
  const faces = run.entries.map((item) => {
    const record = register.certificates.get(item.certificateId);
    if (!record) throw new Error(`unreachable: certificate ${item.certificateId} of run ${run.header.printRunId} is not in its register`);
    const session = register.sessions.get(record.sessionId);
    const face: CertificateFace = {
      superiorName: request.superiorName,
      issuerName: request.issuerName,
      title: entry.nameVi,
      inWords: credentialInWords(entry, record.values, 'vi'),
      fullName: record.fullName,
      birthDate: record.birthDate,
      birthPlace: record.birthPlace,
      fields: certificateFieldLines(entry, record.values),
      decisionNumber: session?.decision.number ?? '',
      decisionDate: session?.decision.date ?? run.header.openedOn,
      issueDate: line.issueDate!,
      issuePlace: line.issuePlace!,
      signerTitle: line.signerTitle!,
      signerName: line.signerName!,
      serial: item.serialLabel,
      registerNumber: item.registerNumber,
      qrPayload: certificateVerificationUrl(request.portalPublicUrl, record.verificationCode),
    };
    return { certificateId: item.certificateId, face };
  });
  return { faces, templateVersion: run.header.templateVersion };
}
