import type { StreamableFile } from '@nestjs/common';
import type { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import {
  certificateRegisterToPdf,
  certificateRegisterToXlsx,
  formatCertificateDecision,
  type CertificateRegisterRow,
} from '@so-goc/documents';
import type { CertificateRecord, CredentialKindEntry } from '@so-goc/domain';
import type { EventStore } from '@so-goc/event-store';
import { DocumentHeadingQuery, readCertificateRegister } from '@so-goc/platform';
import { exportReply } from './file-reply';

/** The kind's own fields of one certificate in words, as the register prints them: "Ngoại ngữ: tiếng Anh; Bậc: Bậc 3". */
export function detailsOf(entry: CredentialKindEntry, record: CertificateRecord): string {
  if (entry.fields === 'graduate-list') return '';
  return entry.fields
    .filter((field) => record.values[field.name] !== undefined)
    .map((field) => {
      const value = record.values[field.name];
      if (field.type === 'choice') return `${field.labelVi}: ${field.values.find((v) => v.code === value)?.vi ?? String(value)}`;
      if (Array.isArray(value)) return `${field.labelVi}: ${value.join(', ')}`;
      if (field.type === 'date' && typeof value === 'string') return `${field.labelVi}: ${value.split('-').reverse().join('/')}`;
      return `${field.labelVi}: ${typeof value === 'number' ? String(value).replace('.', ',') : String(value)}`;
    })
    .join('; ');
}

/** The certificate register (sổ gốc cấp chứng chỉ) as XLSX or PDF: one function for the officers' API and the console. */
export async function certificateRegisterExport(
  store: EventStore,
  queries: QueryBus,
  response: Response,
  { code, entry, year, format }: { code: string; entry: CredentialKindEntry; year: number; format: string },
): Promise<StreamableFile> {
  const { state } = await readCertificateRegister(store, code, entry.code, year);
  const rows: CertificateRegisterRow[] = [...state.certificates.values()]
    .sort((a, b) => a.number - b.number)
    .map((record) => {
      const session = state.sessions.get(record.sessionId);
      return {
        registerNumber: record.registerNumber,
        serial: record.blank?.serialLabel ?? null,
        fullName: record.fullName,
        birthDate: record.birthDate,
        birthPlace: record.birthPlace,
        details: detailsOf(entry, record),
        decision: session ? formatCertificateDecision(session.decision.number, session.decision.date) : '',
        status: record.status,
        handedOver: record.handedOver ? `${record.handedOver.recipient}, ${record.handedOver.on.split('-').reverse().join('/')}` : null,
        revocation: record.revocation
          ? `${record.revocation.decisionRef} ngày ${record.revocation.on.split('-').reverse().join('/')}`
          : null,
      };
    });
  const heading = await queries.execute(new DocumentHeadingQuery({ authorityCode: code }));
  const input = {
    authorityCode: code,
    authorityName: heading.authorityName,
    superiorName: heading.superiorName,
    kind: entry.code,
    kindName: entry.nameVi,
    registerTitle: entry.register.titleVi,
    year,
    generatedAt: new Date().toISOString(),
    rows,
  };
  return exportReply(response, format, `so-goc-chung-chi-${code}-${entry.code}-${year}`, {
    xlsx: () => certificateRegisterToXlsx(input),
    pdf: () => certificateRegisterToPdf(input),
  });
}
