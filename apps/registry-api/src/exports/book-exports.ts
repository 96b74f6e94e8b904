import type { StreamableFile } from '@nestjs/common';
import type { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import type { CopyRequestChannel, DiplomaKind } from '@so-goc/domain';
import { copyRegisterToPdf, copyRegisterToXlsx, registerAppendixToPdf, registerAppendixToXlsx } from '@so-goc/documents';
import { CopyBookQuery, DocumentHeadingQuery, RegisterAppendixQuery } from '@so-goc/platform';
import { exportReply } from './file-reply';

/** Which book an office downloads, and as what; the officers' API and the console send the same file. */
export interface BookAsked {
  readonly code: string;
  readonly kind: DiplomaKind;
  readonly year: number;
  readonly format: string;
}

export async function registerAppendixExport(
  queries: QueryBus,
  response: Response,
  { code, kind, year, format }: BookAsked,
): Promise<StreamableFile> {
  const appendix = await queries.execute(new RegisterAppendixQuery({ authorityCode: code, kind, year }));
  const rows = appendix.rows.map((r) => ({ ...r, recipientName: null, receivedOn: null }));
  const { authorityName, superiorName } = await queries.execute(new DocumentHeadingQuery({ authorityCode: code }));
  // The appendix's dateline has no place, as it always had.
  const input = { authorityCode: code, authorityName, superiorName, kind, year, generatedAt: new Date().toISOString(), rows };
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

export async function copyRegisterExport(
  queries: QueryBus,
  response: Response,
  { code, kind, year, format, credential }: CopyBookAsked,
): Promise<StreamableFile> {
  const { entries } = await queries.execute(new CopyBookQuery({ authorityCode: code, kind, year }));
  const rows = entries.map((c) => {
    const ref = c.graduate;
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
    ...(await queries.execute(new DocumentHeadingQuery({ authorityCode: code }))),
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
