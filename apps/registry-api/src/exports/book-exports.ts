import type { StreamableFile } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import type { Response } from 'express';
import type { CopyRequestChannel, DiplomaKind } from '@so-goc/domain';
import { copyRegisterToPdf, copyRegisterToXlsx, registerAppendixToPdf, registerAppendixToXlsx } from '@so-goc/documents';
import { copyRegister, diplomaGraduate, letterheadOf, registerAppendix } from '@so-goc/projections';
import { exportReply } from './file-reply';
import { documentHeadingOf } from './letterhead';

/** Which book an office downloads, and as what; the officers' API and the console send the same file. */
export interface BookAsked {
  readonly code: string;
  readonly kind: DiplomaKind;
  readonly year: number;
  readonly format: string;
}

export function registerAppendixExport(db: Database, response: Response, { code, kind, year, format }: BookAsked): Promise<StreamableFile> {
  const rows = registerAppendix(db, { authorityCode: code, kind, year }).map((r) => ({ ...r, recipientName: null, receivedOn: null }));
  // The appendix's dateline has no place, as it always had.
  const input = { authorityCode: code, ...letterheadOf(db, code), kind, year, generatedAt: new Date().toISOString(), rows };
  return exportReply(response, format, `phu-luc-so-goc-${code}-${kind}-${year}`, {
    xlsx: () => registerAppendixToXlsx(input),
    pdf: () => registerAppendixToPdf(input),
  });
}

/** A copy book: of a diploma kind, or of a certificate kind of the catalogue with its entry's title (issue 18). */
export type CopyBookAsked = Omit<BookAsked, 'kind'> & {
  readonly kind: DiplomaKind | string;
  readonly credential?: { readonly registerTitleVi: string; readonly nameVi: string };
};

export function copyRegisterExport(
  db: Database,
  response: Response,
  { code, kind, year, format, credential }: CopyBookAsked,
): Promise<StreamableFile> {
  const rows = copyRegister(db, { authorityCode: code, kind, year }).map((c) => {
    const ref = diplomaGraduate(db, c.diplomaId);
    return {
      copyNumber: c.copyNumber,
      copySerial: c.serial,
      issuedOn: c.issuedOn,
      holderId: ref?.nationalId ?? null,
      fullName: c.content.holder.fullName,
      birthDate: c.content.holder.birthDate,
      birthPlace: c.content.holder.birthPlace,
      originalSerial: c.content.originalSerial,
      originalRegisterNumber: c.content.originalRegisterNumber,
      originalIssueDate: c.content.originalIssueDate,
      decisionNumber: ref?.decisionNumber ?? null,
      requesterName: c.requester.fullName,
      requesterRelation: c.requester.kind,
      requesterIdDocument: `${c.requester.idDocument.kind} ${c.requester.idDocument.number}`,
      entitlementDocument: c.requester.entitlementDocument,
      channel: c.channel as CopyRequestChannel,
      receivedAt: c.receivedAt,
      recipientName: null,
      receivedOn: null,
      corrections: c.content.correctionDecisions.map((d) => d.decisionNumber),
      note: null,
    };
  });
  const input = {
    ...documentHeadingOf(db, code),
    kind,
    year,
    generatedAt: new Date().toISOString(),
    rows,
    ...(credential ? { credential } : {}),
  };
  return exportReply(response, format, `so-cap-ban-sao-${code}-${kind}-${year}`, {
    xlsx: () => copyRegisterToXlsx(input),
    pdf: () => copyRegisterToPdf(input),
  });
}
