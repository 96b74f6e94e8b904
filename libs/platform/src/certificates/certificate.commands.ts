import { randomBytes } from 'node:crypto';
import { CommandHandler } from '@nestjs/cqrs';
import { readResultsList } from '@so-goc/documents';
import {
  certificateRegisterDecider,
  ResultsListRejected,
  certificateRegisterStream,
  credentialCatalogue,
  decideIssueCertificates,
  DomainError,
  foldEvents,
  parseCertificateId,
  vietnamDateOf,
  type CertificateRecord,
  type CertificateRegisterCommand,
  type CertificateRegisterEvent,
  type CertificateRegisterState,
  type CertificateResultRow,
  type CredentialCatalogue,
} from '@so-goc/domain';
import { decodeEvent, deriveEventId, handleCommand, type CommandOutcome, type EventStore } from '@so-goc/event-store';
import { executeWorkflow } from '../write-path/execute-workflow';
import { OfficerCommand, OfficerCommandHandler } from '../write-path/officer-command';
import type { WriteDependencies } from '../write-path/write-dependencies';

const DEFAULT_CATALOGUE = credentialCatalogue();

/** The catalogue of kinds this process serves: the infrastructure's when a deployment adds kinds, else the default. */
export function credentialKindsOf(deps: WriteDependencies): CredentialCatalogue {
  return deps.infrastructure.credentialKinds ?? DEFAULT_CATALOGUE;
}

/** One book (issuer, kind, year) folded from its stream, with the revision read. */
export async function readCertificateRegister(
  store: EventStore,
  authorityCode: string,
  kindCode: string,
  year: number,
): Promise<{ state: CertificateRegisterState; revision: bigint | 'no_stream' }> {
  const read = await store.readStream(certificateRegisterStream(authorityCode, kindCode, year));
  return {
    state: foldEvents(
      certificateRegisterDecider,
      read.events.map((event) => decodeEvent<CertificateRegisterEvent>(event)),
    ),
    revision: read.revision,
  };
}

export function certificateNotFound(id: string): DomainError {
  return new DomainError({
    code: 'CERTIFICATE_NOT_FOUND',
    kind: 'not_found',
    messageVi: `Không có chứng chỉ ${id}.`,
    messageEn: `No certificate ${id}.`,
    field: 'certificateId',
  });
}

/** A certificate by its id, which names its book; undefined when there is none. */
export async function findCertificate(
  store: EventStore,
  id: string,
): Promise<{ record: CertificateRecord; state: CertificateRegisterState } | undefined> {
  const parsed = parseCertificateId(id);
  if (!parsed) return undefined;
  const { state } = await readCertificateRegister(store, parsed.authorityCode, parsed.kindCode, parsed.year);
  const record = state.certificates.get(id);
  return record ? { record, state } : undefined;
}

export interface IssueCertificatesInput {
  readonly authorityCode: string;
  readonly kindCode: string;
  readonly sessionId: string;
  readonly sessionName: string;
  /** The signer by the directory's id when the client has it, else by the name on the decision (rules 6, 25). */
  readonly decision: { readonly number: string; readonly date: string; readonly signerName: string; readonly signerId?: string };
  /** The results list: rows already read (API clients), or the centre's XLSX/CSV file, read here. */
  readonly rows?: readonly CertificateResultRow[];
  readonly file?: { readonly name: string; readonly bytes: Uint8Array };
}

/**
 * Issue 18 item 3: a session's results list becomes the issuance decision and the register entries in the
 * book of (issuer, kind, year of the decision) — opened, listed in chunks and sealed, in bounded appends
 * (issue 20 item 2). The kind, its fields and who may issue it come
 * from the catalogue; the licence is checked on the decision's date against the directory.
 */
export class IssueCertificates extends OfficerCommand<IssueCertificatesInput> {}
@CommandHandler(IssueCertificates)
export class IssueCertificatesHandler extends OfficerCommandHandler<IssueCertificates> {
  protected async handle({ input, context, ifMatch }: IssueCertificates): Promise<CommandOutcome> {
    const entry = credentialKindsOf(this.deps).get(input.kindCode, 'kindCode');
    const date = typeof input.decision?.date === 'string' ? input.decision.date : '';
    const year = /^\d{4}-\d{2}-\d{2}$/.test(date)
      ? Number(date.slice(0, 4))
      : Number(vietnamDateOf(new Date(context.occurredAt)).slice(0, 4));
    let rows = input.rows ?? [];
    if (input.file) {
      const list = await readResultsList(input.file.bytes, input.file.name, entry);
      if (!list.ok) throw new ResultsListRejected(list.problems);
      rows = list.rows;
    }
    const command: CertificateRegisterCommand = {
      type: 'IssueCertificates',
      entry,
      directory: await this.deps.directory(),
      authorityCode: input.authorityCode,
      sessionId: input.sessionId,
      sessionName: input.sessionName,
      decision: input.decision,
      rows,
      // Drawn here, not in the decider: the QR's code must be unguessable, and the decision stays pure.
      verificationCodes: rows.map(() => randomBytes(15).toString('base64url')),
    };
    const stream = certificateRegisterStream(input.authorityCode, entry.code, year);
    // Issue 20 item 2: opening, list in chunks, seal — recorded in bounded appends; a resend completes it.
    return executeWorkflow(
      this.deps.store,
      context,
      async (reads) =>
        decideIssueCertificates(
          command,
          {
            stream,
            register: await reads.state(certificateRegisterDecider, stream),
            sealedByThisCommand: reads.eventsOf(stream).some((event) => event.id === deriveEventId(context.commandId, stream, 0)),
          },
          context,
        ),
      ifMatch !== undefined ? { expectedRevision: ifMatch } : {},
    );
  }
}

type CertificateActInput =
  | (Extract<CertificateRegisterCommand, { type: 'HandOverCertificates' }> & { authorityCode: string; kindCode: string; year: number })
  | (Extract<CertificateRegisterCommand, { type: 'RevokeCertificate' }> & { authorityCode: string })
  | (Omit<Extract<CertificateRegisterCommand, { type: 'RequestCertificateCorrection' }>, 'calendar'> & { authorityCode: string })
  | (Extract<CertificateRegisterCommand, { type: 'DecideCertificateCorrection' | 'RefuseCertificateCorrection' }> & {
      authorityCode: string;
    });

/** Hand-over, revocation and corrections (request, decision, refusal): the acting authority must hold the book (the issuer or its successor) today. */
export class ActOnCertificates extends OfficerCommand<CertificateActInput> {}
@CommandHandler(ActOnCertificates)
export class ActOnCertificatesHandler extends OfficerCommandHandler<ActOnCertificates> {
  protected async handle({ input, context, ifMatch }: ActOnCertificates): Promise<CommandOutcome> {
    let book: { authorityCode: string; kindCode: string; year: number };
    if (input.type === 'HandOverCertificates') {
      book = { authorityCode: input.authorityCode, kindCode: input.kindCode, year: input.year };
    } else {
      // Revocation and corrections name one certificate, whose id names its book.
      const parsed = parseCertificateId(input.certificateId);
      if (!parsed) throw certificateNotFound(input.certificateId);
      book = parsed;
    }
    await this.deps.authorizeOnRecord(
      {
        authorityCode: book.authorityCode,
        vi: `sổ chứng chỉ ${book.kindCode} năm ${book.year}`,
        en: `${book.kindCode} register ${book.year}`,
      },
      input.authorityCode,
      context,
    );
    const { authorityCode: _acting, ...rest } = input;
    const command = (
      rest.type === 'HandOverCertificates'
        ? {
            type: rest.type,
            // Rule 5: a kind printed on blanks is handed over only once printed and signed (issue 18).
            requirePrinted: Boolean(credentialKindsOf(this.deps).find(book.kindCode)?.blankKind),
            certificateIds: rest.certificateIds,
            handedOverOn: rest.handedOverOn,
            recipient: rest.recipient,
            minutesRef: rest.minutesRef,
          }
        : rest.type === 'RequestCertificateCorrection'
          ? { ...rest, calendar: await this.deps.calendar() }
          : rest
    ) as CertificateRegisterCommand;
    return handleCommand(this.deps.store, certificateRegisterDecider, {
      stream: certificateRegisterStream(book.authorityCode, book.kindCode, book.year),
      command,
      context,
      ...(ifMatch !== undefined ? { expectedRevision: ifMatch } : {}),
    });
  }
}

export const CERTIFICATE_COMMAND_HANDLERS = [IssueCertificatesHandler, ActOnCertificatesHandler];
