import { actedOnIfKnown, requireActDate, requirePastInstant } from '../shared/plausible-dates';
import type { Decider } from '../shared/decider';
import { DomainError, invalidInput, type FieldProblem } from '../shared/errors';
import { throwIfInvalid, requireOneOf, requireOptionalText, requirePattern, requireText } from '../shared/validation';
import { authorizeAct } from '../authorities/act-authorization';
import { isActiveOn, signerEntitledOn } from '../authorities/authority-directory';
import { SIGNER_ROLES } from '../authorities/authority';
import { currentCertificateHolder } from '../certificates/certificate-register';
import { COPY_REQUEST_CHANNELS, copyRequestDue } from '../calendar/copy-request-due';
import { vietnamDateOf } from '../shared/dates';
import { currentHolder } from '../diplomas/diploma-state';
import {
  HEIR_KINDS,
  REFUSAL_GROUNDS,
  REQUESTER_KINDS,
  type CopyRefusalGround,
  type CopyRequestCommand,
  type CopyRequestEvent,
  isCertificateSource,
  type CopySource,
  type Requester,
} from './copy-request';

type Received = Extract<CopyRequestEvent, { type: 'CopyRequestReceived' }>['data'];

export type CopyRequestState =
  { readonly status: 'none' } | { readonly status: 'open' | 'refused' | 'issued'; readonly request: Received; readonly dueBy: string };

export const copyRequestDecider: Decider<CopyRequestCommand, CopyRequestState, CopyRequestEvent> = {
  initialState: { status: 'none' },
  evolve(state, event) {
    switch (event.type) {
      case 'CopyRequestReceived':
        return { status: 'open', request: event.data, dueBy: event.data.dueBy };
      case 'CopyRequestExtended':
        return state.status === 'none' ? state : { ...state, dueBy: event.data.dueBy };
      case 'CopyRequestRefused':
        return state.status === 'none' ? state : { ...state, status: 'refused' };
      case 'CopiesIssued':
        return state.status === 'none' ? state : { ...state, status: 'issued' };
    }
  },
  decide(command, state, context) {
    // A refusal and the copies issued are dated by days that have come (issue 16).
    const actedOn = actedOnIfKnown(context);
    switch (command.type) {
      case 'ReceiveCopyRequest': {
        throwIfInvalid(
          requirePattern(
            'requestId',
            command.requestId,
            /^[A-Za-z0-9][A-Za-z0-9-]{1,63}$/,
            'gồm chữ, số, gạch ngang',
            'must be letters, digits, hyphens',
          ),
          requireText('diplomaId', command.diplomaId, 128),
          ...requesterProblems(command.requester),
          requireOneOf('channel', command.channel, COPY_REQUEST_CHANNELS),
          Number.isInteger(command.copies) && command.copies >= 1 && command.copies <= 100
            ? undefined
            : { field: 'copies', code: 'OUT_OF_RANGE', messageVi: 'Số bản sao từ 1 đến 100.', messageEn: 'Copies must be 1 to 100.' },
          Number.isInteger(command.feePerCopy) && command.feePerCopy >= 0
            ? undefined
            : { field: 'feePerCopy', code: 'OUT_OF_RANGE', messageVi: 'Lệ phí không hợp lệ.', messageEn: 'The fee is not valid.' },
          // Issue 16: a request is received, and its dossier completed, by the day it is recorded, and after 1945.
          requirePastInstant('receivedAt', command.receivedAt, actedOn),
          requirePastInstant('dossierCompleteAt', command.dossierCompleteAt, actedOn),
        );
        if (state.status !== 'none')
          throw new DomainError({
            code: 'COPY_REQUEST_EXISTS',
            kind: 'conflict',
            messageVi: 'Yêu cầu này đã được tiếp nhận.',
            messageEn: 'This request was already received.',
            field: 'requestId',
          });
        // Rule 49: the due time follows from the channel, the 15:00 cut-off and the working-day calendar.
        const due = copyRequestDue(command.calendar, {
          channel: command.channel,
          receivedAt: command.receivedAt,
          ...(command.dossierCompleteAt ? { dossierCompleteAt: command.dossierCompleteAt } : {}),
        });
        const refusal = command.diploma === undefined ? undefined : registerRefusal(command.diploma);
        const refused: CopyRequestEvent[] = refusal
          ? [
              {
                type: 'CopyRequestRefused',
                data: {
                  requestId: command.requestId,
                  grounds: [refusal.ground],
                  reasons: refusal.reasons,
                  refusedOn: vietnamDateOf(command.receivedAt),
                  letterRef: command.refusalLetterRef?.trim() || `${command.requestId}/TC`,
                },
              },
            ]
          : [];
        return [
          {
            type: 'CopyRequestReceived',
            data: {
              requestId: command.requestId,
              diplomaId: command.diplomaId,
              authorityCode: command.authorityCode,
              requester: normalizedRequester(command.requester),
              channel: command.channel,
              receivedAt: command.receivedAt,
              dossierCompleteAt: command.dossierCompleteAt ?? null,
              copies: command.copies,
              feePerCopy: command.feePerCopy,
              dueBy: due.dueBy,
              dueDate: due.dueDate,
            },
          },
          ...refused,
        ];
      }
      case 'ExtendCopyRequest': {
        const open = requireOpen(state);
        const due = copyRequestDue(command.calendar, {
          channel: open.request.channel,
          receivedAt: open.request.receivedAt,
          ...(open.request.dossierCompleteAt ? { dossierCompleteAt: open.request.dossierCompleteAt } : {}),
          extension: {
            workingDays: command.workingDays,
            reason: command.reason,
            ...(command.writtenAgreementRef ? { writtenAgreementRef: command.writtenAgreementRef } : {}),
          },
        });
        return [
          {
            type: 'CopyRequestExtended',
            data: {
              requestId: command.requestId,
              workingDays: command.workingDays,
              reason: command.reason.trim(),
              writtenAgreementRef: command.writtenAgreementRef ?? null,
              dueBy: due.dueBy,
              dueDate: due.dueDate,
            },
          },
        ];
      }
      case 'RefuseCopyRequest': {
        throwIfInvalid(
          Array.isArray(command.grounds) &&
            command.grounds.length > 0 &&
            command.grounds.every((g) => (REFUSAL_GROUNDS as readonly string[]).includes(g))
            ? undefined
            : {
                field: 'grounds',
                code: 'BAD_GROUNDS',
                messageVi: 'Phải nêu căn cứ từ chối.',
                messageEn: 'Name the grounds of the refusal.',
              },
          // Rule 50: the answer is written, with its reasons.
          requireText('reasons', command.reasons, 2000),
          requireText('letterRef', command.letterRef, 100),
          requireActDate('refusedOn', command.refusedOn, actedOn),
        );
        requireOpen(state);
        for (const ground of command.grounds) requireGroundHolds(ground, command.diploma);
        return [
          {
            type: 'CopyRequestRefused',
            data: {
              requestId: command.requestId,
              grounds: command.grounds,
              reasons: command.reasons.trim(),
              refusedOn: command.refusedOn,
              letterRef: command.letterRef.trim(),
            },
          },
        ];
      }
      case 'IssueCertificateCopies': {
        throwIfInvalid(
          requireActDate('issuedOn', command.issuedOn, actedOn),
          requireText('issuePlace', command.issuePlace, 120),
          requireText('signerId', command.signerId, 64),
        );
        const open = requireOpen(state);
        const { certificate, session } = command.certificate;
        const refusal = refusalGroundFor(command.certificate, open.request.requester);
        if (refusal) throw refusal;
        if (command.copies.length !== open.request.copies) {
          throw invalidInput([
            {
              field: 'copies',
              code: 'COPY_COUNT_MISMATCH',
              messageVi: `Yêu cầu ${open.request.copies} bản, cấp ${command.copies.length}.`,
              messageEn: `${open.request.copies} copies requested, ${command.copies.length} issued.`,
            },
          ]);
        }
        if (command.issuedOn < vietnamDateOf(open.request.receivedAt)) {
          throw new DomainError({
            code: 'DATE_TOO_EARLY',
            kind: 'rule_violation',
            messageVi: 'Ngày cấp bản sao trước ngày nhận yêu cầu.',
            messageEn: 'The copies are dated before the request.',
            field: 'issuedOn',
          });
        }
        // Rule 46: the body holding the certificate register on the day issues the copy, its own signer signs.
        const acting = command.directory.authorities.get(command.actingAuthorityCode);
        if (!acting || !isActiveOn(acting, command.issuedOn)) {
          throw new DomainError({
            code: 'AUTHORITY_NOT_ACTIVE_ON_DATE',
            kind: 'rule_violation',
            messageVi: `Đơn vị ${command.actingAuthorityCode} không hoạt động vào ngày ${command.issuedOn}.`,
            messageEn: `${command.actingAuthorityCode} is not active on ${command.issuedOn}.`,
            field: 'issuedOn',
            rule: 46,
          });
        }
        const signer = signerEntitledOn(command.directory, {
          signerId: command.signerId,
          authorityCode: command.actingAuthorityCode,
          date: command.issuedOn,
          roles: SIGNER_ROLES,
        });
        const holder = currentCertificateHolder(certificate);
        return [
          {
            type: 'CopiesIssued',
            data: {
              requestId: command.requestId,
              diplomaId: certificate.certificateId,
              authorityCode: command.actingAuthorityCode,
              // Rule 57: the register's content with every correction in force.
              content: {
                kind: session.kindCode,
                issuerCode: session.authorityCode,
                holder: { fullName: holder.fullName, birthDate: holder.birthDate, birthPlace: holder.birthPlace },
                // The blank's serial once the certificate is printed on one (certificate print runs); none for a kind without blanks.
                originalSerial: certificate.blank?.serialLabel ?? '',
                originalRegisterNumber: certificate.registerNumber,
                originalIssueDate: session.decision.date,
                correctionDecisions: (certificate.corrections ?? []).map((c) => ({
                  decisionNumber: c.decisionNumber,
                  decisionDate: c.decisionDate,
                })),
                credential: {
                  certificateId: certificate.certificateId,
                  inWordsVi: certificate.inWordsVi,
                  inWordsEn: certificate.inWordsEn,
                  decision: session.decision,
                },
              },
              copies: command.copies,
              issuedOn: command.issuedOn,
              issuePlace: command.issuePlace.trim(),
              signerName: signer.fullName,
              signerTitle: signer.title,
              lotId: '',
              regime: session.legalBasis,
            },
          },
        ];
      }
      case 'IssueCopies': {
        throwIfInvalid(
          requireActDate('issuedOn', command.issuedOn, actedOn),
          requireText('issuePlace', command.issuePlace, 120),
          requireText('signerId', command.signerId, 64),
        );
        const open = requireOpen(state);
        const { issued, state: life } = command.diploma;
        const refusal = refusalGroundFor(command.diploma, open.request.requester);
        if (refusal) throw refusal;
        if (command.copies.length !== open.request.copies) {
          throw invalidInput([
            {
              field: 'copies',
              code: 'COPY_COUNT_MISMATCH',
              messageVi: `Yêu cầu ${open.request.copies} bản, cấp ${command.copies.length}.`,
              messageEn: `${open.request.copies} copies requested, ${command.copies.length} issued.`,
            },
          ]);
        }
        if (command.issuedOn < vietnamDateOf(open.request.receivedAt)) {
          throw new DomainError({
            code: 'DATE_TOO_EARLY',
            kind: 'rule_violation',
            messageVi: 'Ngày cấp bản sao trước ngày nhận yêu cầu.',
            messageEn: 'The copies are dated before the request.',
            field: 'issuedOn',
          });
        }
        // Rule 46: the body managing the register on the day issues copies, its own signer signs (§4.8).
        const authorization = authorizeAct(command.directory, {
          act: 'copy',
          diplomaKind: issued.kind,
          actDate: command.issuedOn,
          actingAuthorityCode: command.actingAuthorityCode,
          issuerCode: issued.authorityCode,
        });
        const signer = signerEntitledOn(command.directory, {
          signerId: command.signerId,
          authorityCode: command.actingAuthorityCode,
          date: command.issuedOn,
          roles: authorization.signerRoles,
        });
        return [
          {
            type: 'CopiesIssued',
            data: {
              requestId: command.requestId,
              diplomaId: issued.diplomaId,
              authorityCode: command.actingAuthorityCode,
              // Rule 57: the register's content with every correction in force.
              content: {
                kind: issued.kind,
                issuerCode: issued.authorityCode,
                holder: currentHolder(issued.holder, life),
                originalSerial: issued.serialLabel,
                originalRegisterNumber: issued.registerLabel,
                originalIssueDate: issued.issueDate!,
                correctionDecisions: life.corrections.map((c) => ({ decisionNumber: c.decisionNumber, decisionDate: c.decisionDate })),
              },
              copies: command.copies,
              issuedOn: command.issuedOn,
              issuePlace: command.issuePlace.trim(),
              signerName: signer.fullName,
              signerTitle: signer.title,
              lotId: command.lotId,
              regime: authorization.regime.code,
            },
          },
        ];
      }
    }
  },
};

/** What the register says of the entry a request names, whichever register holds it. */
interface EntryFacts {
  readonly noun: { vi: string; en: string };
  readonly exists: boolean;
  readonly status: 'live' | 'revoked' | 'superseded';
  readonly revocation: { decisionNumber: string; decisionDate: string } | null;
  readonly replacedBySerial: string | null;
}

function entryFacts(source: CopySource | null): EntryFacts {
  if (isCertificateSource(source)) {
    const { certificate } = source;
    return {
      noun: { vi: 'Chứng chỉ', en: 'certificate' },
      exists: true,
      status: certificate.status === 'REVOKED' ? 'revoked' : 'live',
      revocation: certificate.revocation
        ? { decisionNumber: certificate.revocation.decisionRef, decisionDate: certificate.revocation.on }
        : null,
      replacedBySerial: null,
    };
  }
  const noun = { vi: 'Văn bằng', en: 'diploma' };
  if (!source || source.issued.issueDate === null) return { noun, exists: false, status: 'live', revocation: null, replacedBySerial: null };
  return {
    noun,
    exists: true,
    status: source.state.status === 'revoked' ? 'revoked' : source.state.status === 'superseded' ? 'superseded' : 'live',
    revocation: source.state.revocation
      ? { decisionNumber: source.state.revocation.decisionNumber, decisionDate: source.state.revocation.decisionDate }
      : null,
    replacedBySerial: source.state.replacedBy?.serialLabel ?? null,
  };
}

/** Rules 48, 50, 55: the reason this request cannot be served, if any. */
export function refusalGroundFor(source: CopySource | null, requester: Requester): DomainError | undefined {
  const refuse = (ground: CopyRefusalGround, rule: number, vi: string, en: string) =>
    new DomainError({
      code: 'COPY_MUST_BE_REFUSED',
      kind: 'rule_violation',
      messageVi: `${vi} Hãy trả lời từ chối bằng văn bản (căn cứ: ${ground}).`,
      messageEn: `${en} Record a written refusal (ground: ${ground}).`,
      field: 'requestId',
      rule,
    });
  const entry = entryFacts(source);
  if (!entry.exists) return refuse('no_register_entry', 50, 'Sổ gốc không có văn bằng này.', 'The register has no such diploma.');
  if (entry.status === 'superseded')
    return refuse(
      'diploma_superseded',
      55,
      `${entry.noun.vi} đã được cấp lại (số hiệu mới ${entry.replacedBySerial}).`,
      `The ${entry.noun.en} was replaced (new serial ${entry.replacedBySerial}).`,
    );
  if (entry.status === 'revoked')
    return refuse(
      'diploma_revoked',
      55,
      `${entry.noun.vi} đã bị thu hồi theo quyết định ${entry.revocation?.decisionNumber} ngày ${entry.revocation?.decisionDate}.`,
      `The ${entry.noun.en} was revoked by decision ${entry.revocation?.decisionNumber} of ${entry.revocation?.decisionDate}.`,
    );
  const entitlement = entitlementGap(requester);
  if (entitlement) return refuse('requester_not_entitled', 48, entitlement.vi, entitlement.en);
  return undefined;
}

/**
 * Rule 55 at the counter (issue 17): what the register itself already answers, with the decision cited, so
 * the officer gives the written refusal in the same step instead of accepting a request that must fail.
 */
export function registerRefusal(source: CopySource | null): { ground: CopyRefusalGround; reasons: string } | undefined {
  const entry = entryFacts(source);
  if (!entry.exists) return { ground: 'no_register_entry', reasons: 'Sổ gốc không có văn bằng này (Nghị định 23/2015, Điều 17).' };
  if (entry.status === 'revoked' && entry.revocation) {
    return {
      ground: 'diploma_revoked',
      reasons: `${entry.noun.vi} đã bị thu hồi, hủy bỏ theo Quyết định số ${entry.revocation.decisionNumber} ngày ${dmy(entry.revocation.decisionDate)}; không cấp bản sao từ sổ gốc.`,
    };
  }
  if (entry.status === 'superseded' && entry.replacedBySerial) {
    return {
      ground: 'diploma_superseded',
      reasons: `${entry.noun.vi} đã được cấp lại (số hiệu mới ${entry.replacedBySerial}); bản sao chỉ cấp theo văn bằng cấp lại.`,
    };
  }
  return undefined;
}

const dmy = (iso: string): string => iso.split('-').reverse().join('/');

function entitlementGap(requester: Requester): { vi: string; en: string } | undefined {
  if (requester.kind === 'holder') return undefined;
  if (!requester.entitlementDocument)
    return {
      vi: 'Người yêu cầu không phải người được cấp và không có giấy tờ chứng minh quyền yêu cầu (ủy quyền, đại diện hoặc quan hệ thân nhân).',
      en: 'The requester is not the holder and shows no entitlement (authorisation, representation or kinship).',
    };
  if (HEIR_KINDS.includes(requester.kind) && !requester.deathCertificate)
    return {
      vi: 'Thân nhân chỉ được yêu cầu khi người được cấp đã chết (cần giấy chứng tử).',
      en: 'Relatives may ask only when the holder has died (death certificate needed).',
    };
  return undefined;
}

function requireGroundHolds(ground: CopyRefusalGround, source: CopySource | null): void {
  const entry = entryFacts(source);
  const holds =
    ground === 'no_register_entry'
      ? !entry.exists
      : ground === 'diploma_revoked'
        ? entry.exists && entry.status === 'revoked'
        : ground === 'diploma_superseded'
          ? entry.exists && entry.status === 'superseded'
          : true;
  if (!holds) {
    throw new DomainError({
      code: 'REFUSAL_GROUND_NOT_MET',
      kind: 'rule_violation',
      messageVi: `Căn cứ từ chối "${ground}" không đúng với sổ gốc.`,
      messageEn: `The refusal ground "${ground}" does not match the register.`,
      field: 'grounds',
    });
  }
}

function requireOpen(state: CopyRequestState): Extract<CopyRequestState, { status: 'open' | 'refused' | 'issued' }> {
  if (state.status === 'none')
    throw new DomainError({
      code: 'COPY_REQUEST_NOT_FOUND',
      kind: 'not_found',
      messageVi: 'Không có yêu cầu cấp bản sao này.',
      messageEn: 'No such copy request.',
      field: 'requestId',
    });
  if (state.status !== 'open')
    throw new DomainError({
      code: 'COPY_REQUEST_CLOSED',
      kind: 'conflict',
      messageVi: 'Yêu cầu đã được giải quyết.',
      messageEn: 'The request was already answered.',
      field: 'requestId',
    });
  return state;
}

function requesterProblems(requester: Requester | undefined): (FieldProblem | undefined)[] {
  return [
    requireOneOf('requester.kind', requester?.kind, REQUESTER_KINDS),
    requireText('requester.fullName', requester?.fullName, 120),
    requireText('requester.idDocument.kind', requester?.idDocument?.kind, 60),
    requireText('requester.idDocument.number', requester?.idDocument?.number, 40),
    requireOptionalText('requester.entitlementDocument', requester?.entitlementDocument, 300),
    requireOptionalText('requester.deathCertificate', requester?.deathCertificate, 300),
  ];
}

function normalizedRequester(requester: Requester): Requester {
  return {
    kind: requester.kind,
    fullName: requester.fullName.trim(),
    idDocument: { kind: requester.idDocument.kind.trim(), number: requester.idDocument.number.trim() },
    entitlementDocument: requester.entitlementDocument?.trim() || null,
    deathCertificate: requester.deathCertificate?.trim() || null,
  };
}
