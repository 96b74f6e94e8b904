import { Body, Controller, Get, Inject, Param, ParseIntPipe, Query, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Database } from 'better-sqlite3';

import {
  CORRECTION_GROUNDS,
  diplomaDecider,
  diplomaStream,
  DomainError,
  HOLDER_FIELDS,
  REVOCATION_GROUNDS,
  REVOCATION_SOURCES,
  vietnamDateOf,
  type CorrectionGround,
  type FieldChange,
  type HolderField,
  type RevocationGround,
  type RevocationSource,
} from '@so-goc/domain';
import {
  appendixBooksOf,
  blankLotsHeld,
  correctionRequestsOf,
  listSigners,
  openCorrectionRequestsPage,
  registerAppendix,
  registerEntryOf,
  reissueOf,
  revocationCaseOf,
  revocationCasesPage,
  type RegisterEntryView,
} from '@so-goc/projections';
import {
  DecideCorrection,
  EVENT_STORE,
  loadState,
  NotifyRevocation,
  PublicRoute,
  ProposeRevocation,
  PublishRevocation,
  READ_MODELS,
  READ_ROLES,
  RecordDigitalIssue,
  RecordRevokedDiplomaReturned,
  RefuseCorrection,
  ReissueDiploma,
  RequestCorrection,
  type OfficerCommand,
} from '@so-goc/platform';
import type { CommandOutcome, EventStore } from '@so-goc/event-store';

import { diplomaKind } from '../issuance/diploma-kind';
import { ConsoleErrorFilter } from './auth/console-errors.filter';
import { sendPage } from './auth/console-http';
import { ConsoleGuard, ConsolePage, type ConsoleRequest } from './auth/console.guard';
import {
  actFormPage,
  confirmNamedAct,
  entrySummary,
  inWords,
  PAGE_SIZE,
  pageNumber,
  submitFormAct,
  type Restatement,
} from './pages/act-pages';
import {
  afterIssuanceIndexPage,
  appendixPage,
  CORRECTION_GROUND_WORDS,
  decideCorrectionFields,
  digitalIssueFields,
  diplomaPage,
  HOLDER_FIELD_WORDS,
  notifyFields,
  proposeRevocationFields,
  publishFields,
  refuseFields,
  reissueFields,
  requestCorrectionFields,
  returnFields,
} from './pages/after-issuance.page';
import { consoleCommandContext, dmy, readDate, type FormValues } from './pages/form-input';
import { ReadYourWrites } from './pages/read-your-writes';
import { maySeeIdentifiers } from './pages/register.page';
import type { FieldError } from './ui/components';
import type { Html, SafeHtml, Words } from './ui/html';
import { consoleBase } from './ui/layout';
import type { PageContext } from './ui/page-context';
import { pageContext } from './ui/request-context';
import { registerAppendixExport } from '../exports/book-exports';

type Say = (vi: string, en: string) => string;

/** One act on an issued diploma, as a form, an optional confirmation, and the same command the API sends. */
interface DiplomaAct {
  readonly title: Words;
  readonly submit: Words;
  /** The query flag the diploma page shows a notice for. */
  readonly done: string;
  fields(ctx: PageContext, v: FormValues, errors: readonly FieldError[]): SafeHtml;
  /** Checks what was typed and builds the command, or leaves the problems in `errors`. */
  command(
    ctx: PageContext,
    v: FormValues,
    errors: FieldError[],
    target: { code: string; diplomaId: string; requestId?: string },
    request: ConsoleRequest,
    body: unknown,
  ): OfficerCommand<unknown> | undefined;
  /** An act that cannot be taken back restates what it will do before anything is recorded. */
  confirm?(ctx: PageContext, entry: RegisterEntryView, v: FormValues, requestId?: string, changes?: readonly FieldChange[]): Restatement;
  readonly fieldNames?: Record<string, string>;
  /** A sentence above the form saying what the act leads to. */
  readonly intro?: Words;
}

function required(v: FormValues, name: string, errors: FieldError[], message: string): string {
  const value = (v[name] ?? '').trim();
  if (!value) errors.push({ field: name, message });
  return value;
}

/** The one change a form carries (field and new content); a date of birth typed as dd/mm/yyyy is stored as ISO. */
function readChanges(ctx: PageContext, v: FormValues, errors: FieldError[], optional: boolean): { field: HolderField; after: string }[] {
  const say: Say = (vi, en) => (ctx.lang === 'vi' ? vi : en);
  const field = v['changeField'] ?? '';
  if (!field && optional) return [];
  if (!(HOLDER_FIELDS as readonly string[]).includes(field)) {
    errors.push({ field: 'changeField', message: say('Chọn nội dung cần sửa.', 'Choose what changes.') });
    return [];
  }
  if (field === 'birthDate') {
    const after = readDate(ctx.lang, v, 'changeAfter', errors, { vi: 'Ngày sinh mới', en: 'New date of birth' });
    return after ? [{ field: 'birthDate', after }] : [];
  }
  const after = required(v, 'changeAfter', errors, say('Nhập nội dung mới.', 'Enter the new content.'));
  return after ? [{ field: field as HolderField, after }] : [];
}

const CHANGE_FIELDS = { changes: 'changeField', 'changes[0].after': 'changeAfter', 'changes[0].field': 'changeField' };

function changeRow(ctx: PageContext, v: FormValues): [Words, Html] {
  const field = v['changeField'] as HolderField | undefined;
  return [
    { vi: 'Nội dung sửa', en: 'Change' },
    field && HOLDER_FIELD_WORDS[field]
      ? `${HOLDER_FIELD_WORDS[field][ctx.lang]}: ${v['changeAfter'] ?? ''}`
      : ctx.lang === 'vi'
        ? 'Không'
        : 'None',
  ];
}

/** "Ngày sinh: 27/12/2006 → 19/09/2006"; an ethnicity only for the role that may see it (domain §5). */
function changesText(ctx: PageContext, changes: readonly FieldChange[]): string {
  const shown = (c: FieldChange, value: string) =>
    c.field === 'ethnicity' && !maySeeIdentifiers(ctx.actingRole)
      ? ctx.lang === 'vi'
        ? '(ẩn)'
        : '(hidden)'
      : c.field === 'birthDate'
        ? dmy(value)
        : value;
  return changes.map((c) => `${HOLDER_FIELD_WORDS[c.field][ctx.lang]}: ${shown(c, c.before)} → ${shown(c, c.after)}`).join('; ');
}

export const DIPLOMA_ACTS = {
  requestCorrection: {
    title: { vi: 'Nhận hồ sơ đề nghị chỉnh sửa', en: 'Receive a correction request' },
    submit: { vi: 'Ghi nhận hồ sơ', en: 'Record the request' },
    done: 'correction-requested',
    fields: requestCorrectionFields,
    fieldNames: {
      ...CHANGE_FIELDS,
      'document.kind': 'documentKind',
      'document.number': 'documentNumber',
      'document.date': 'documentDate',
      'document.issuedBy': 'documentIssuedBy',
    },
    command(ctx, v, errors, t, request, body) {
      const say: Say = (vi, en) => (ctx.lang === 'vi' ? vi : en);
      const requestId = required(v, 'requestId', errors, say('Nhập số hồ sơ.', 'Enter the dossier number.'));
      if (!(CORRECTION_GROUNDS as readonly string[]).includes(v['ground'] ?? ''))
        errors.push({ field: 'ground', message: say('Chọn căn cứ chỉnh sửa (quy tắc 27).', 'Choose the ground (rule 27).') });
      const changes = readChanges(ctx, v, errors, false);
      const documentKind = required(v, 'documentKind', errors, say('Nhập loại giấy tờ hộ tịch.', 'Enter the kind of document.'));
      const documentNumber = required(v, 'documentNumber', errors, say('Nhập số giấy tờ.', 'Enter the document number.'));
      const documentDate = readDate(ctx.lang, v, 'documentDate', errors, { vi: 'Ngày cấp giấy tờ', en: 'Document date' });
      const issuedBy = required(v, 'documentIssuedBy', errors, say('Nhập cơ quan cấp giấy tờ.', 'Enter who issued the document.'));
      const requestedBy = required(v, 'requestedBy', errors, say('Nhập người đề nghị.', 'Enter who asks.'));
      const receivedOn = readDate(ctx.lang, v, 'receivedOn', errors, { vi: 'Ngày nhận hồ sơ', en: 'Receipt date' });
      const dossierCompleteOn = readDate(ctx.lang, v, 'dossierCompleteOn', errors, { vi: 'Ngày hồ sơ đầy đủ', en: 'Completion date' });
      if (errors.length > 0) return undefined;
      return new RequestCorrection(
        {
          diplomaId: t.diplomaId,
          authorityCode: t.code,
          requestId,
          ground: v['ground'] as CorrectionGround,
          changes,
          document: { kind: documentKind, number: documentNumber, date: documentDate, issuedBy },
          requestedBy,
          receivedOn,
          dossierCompleteOn,
        },
        consoleCommandContext(request, body),
      );
    },
  },
  decideCorrection: {
    title: { vi: 'Quyết định chỉnh sửa', en: 'Correction decision' },
    submit: { vi: 'Tiếp tục', en: 'Continue' },
    done: 'corrected',
    fields: decideCorrectionFields,
    command(ctx, v, errors, t, request, body) {
      const decisionNumber = required(
        v,
        'decisionNumber',
        errors,
        ctx.lang === 'vi' ? 'Nhập số quyết định.' : 'Enter the decision number.',
      );
      const decisionDate = readDate(ctx.lang, v, 'decisionDate', errors, { vi: 'Ngày quyết định', en: 'Decision date' });
      if (errors.length > 0) return undefined;
      return new DecideCorrection(
        { diplomaId: t.diplomaId, requestId: t.requestId ?? '', authorityCode: t.code, decisionNumber, decisionDate },
        consoleCommandContext(request, body),
      );
    },
    confirm(ctx, entry, v, requestId, changes) {
      const vi = ctx.lang === 'vi';
      return {
        heading: vi ? `Chỉnh sửa văn bằng của ${entry.fullName}?` : `Correct ${entry.fullName}’s diploma?`,
        warning: vi
          ? 'Quyết định được ghi vào phụ lục sổ gốc và không xoá được. Văn bằng không in lại (quy tắc 30): người được cấp dùng văn bằng cùng quyết định này; tra cứu và bản sao từ nay theo nội dung đã chỉnh sửa.'
          : 'The decision is written into the register appendix and cannot be removed. The diploma is not reprinted (rule 30): the holder uses it with this decision; lookups and copies follow the corrected content from now on.',
        rows: [
          [{ vi: 'Hồ sơ', en: 'Request' }, requestId ?? ''],
          [{ vi: 'Nội dung sửa', en: 'Changes' }, changesText(ctx, changes ?? [])],
          [{ vi: 'Quyết định', en: 'Decision' }, `${v['decisionNumber'] ?? ''}, ${v['decisionDate'] ?? ''}`],
        ],
      };
    },
  },
  refuseCorrection: {
    title: { vi: 'Từ chối chỉnh sửa', en: 'Refuse a correction' },
    submit: { vi: 'Tiếp tục', en: 'Continue' },
    done: 'correction-refused',
    fields: refuseFields,
    command(ctx, v, errors, t, request, body) {
      // Rule 29: a refusal is in writing, with its reasons.
      const reasons = required(
        v,
        'reasons',
        errors,
        ctx.lang === 'vi' ? 'Ghi lý do từ chối (quy tắc 29).' : 'State the reasons (rule 29).',
      );
      const refusedOn = readDate(ctx.lang, v, 'refusedOn', errors, { vi: 'Ngày văn bản', en: 'Refusal date' });
      if (errors.length > 0) return undefined;
      return new RefuseCorrection(
        { diplomaId: t.diplomaId, requestId: t.requestId ?? '', authorityCode: t.code, reasons, refusedOn },
        consoleCommandContext(request, body),
      );
    },
    confirm(ctx, entry, v, requestId, changes) {
      const vi = ctx.lang === 'vi';
      return {
        heading: vi
          ? `Từ chối hồ sơ ${requestId ?? ''} của ${entry.fullName}?`
          : `Refuse request ${requestId ?? ''} for ${entry.fullName}?`,
        warning: vi
          ? 'Việc từ chối được ghi lại và không xoá được; người đề nghị nhận văn bản nêu lý do dưới đây (quy tắc 29).'
          : 'The refusal is recorded and cannot be removed; the requester receives a letter with the reasons below (rule 29).',
        rows: [
          [{ vi: 'Nội dung đề nghị sửa', en: 'Changes asked for' }, changesText(ctx, changes ?? [])],
          [{ vi: 'Lý do', en: 'Reasons' }, v['reasons'] ?? ''],
          [{ vi: 'Ngày văn bản', en: 'Dated' }, v['refusedOn'] ?? ''],
        ],
      };
    },
  },
  reissue: {
    title: { vi: 'Cấp lại văn bằng', en: 'Reissue a diploma' },
    submit: { vi: 'Tiếp tục', en: 'Continue' },
    done: 'reissued',
    fields: () => {
      throw new Error('reissue fields need the lots and signers');
    },
    fieldNames: CHANGE_FIELDS,
    command(ctx, v, errors, t, request, body) {
      const say: Say = (vi, en) => (ctx.lang === 'vi' ? vi : en);
      const decisionNumber = required(v, 'decisionNumber', errors, say('Nhập số quyết định cấp lại.', 'Enter the decision number.'));
      const decisionDate = readDate(ctx.lang, v, 'decisionDate', errors, { vi: 'Ngày quyết định', en: 'Decision date' });
      const issuerError = required(
        v,
        'issuerError',
        errors,
        say('Ghi rõ lỗi của cơ quan cấp (quy tắc 36).', 'State the issuer’s error (rule 36).'),
      );
      const changes = readChanges(ctx, v, errors, true);
      const lotId = required(v, 'lotId', errors, say('Chọn lô phôi.', 'Choose the lot.'));
      const issueDate = readDate(ctx.lang, v, 'issueDate', errors, { vi: 'Ngày cấp', en: 'Issue date' });
      const issuePlace = required(v, 'issuePlace', errors, say('Nhập nơi cấp.', 'Enter the place of issue.'));
      const signerId = required(v, 'signerId', errors, say('Chọn người ký.', 'Choose the signer.'));
      if (errors.length > 0) return undefined;
      return new ReissueDiploma(
        {
          diplomaId: t.diplomaId,
          authorityCode: t.code,
          decisionNumber,
          decisionDate,
          issuerError,
          changes,
          lotId,
          issueDate,
          issuePlace,
          signerId,
        },
        consoleCommandContext(request, body),
      );
    },
    confirm(ctx, entry, v) {
      const vi = ctx.lang === 'vi';
      return {
        heading: vi ? `Cấp lại văn bằng cho ${entry.fullName}?` : `Reissue ${entry.fullName}’s diploma?`,
        warning: vi
          ? `Không đảo ngược được (quy tắc 36–39): văn bằng số hiệu ${entry.serial} bị thu hồi, huỷ bỏ vì lỗi của cơ quan cấp; văn bằng mới in trên một phôi mới của lô ${v['lotId'] ?? ''}, số vào sổ ghi ở phụ lục sổ gốc.`
          : `This cannot be undone (rules 36–39): diploma ${entry.serial} is revoked for the issuer’s error; the new one is printed on a new blank of lot ${v['lotId'] ?? ''} and entered in the register appendix.`,
        rows: [
          [{ vi: 'Quyết định', en: 'Decision' }, `${v['decisionNumber'] ?? ''}, ${v['decisionDate'] ?? ''}`],
          [{ vi: 'Lỗi của cơ quan cấp', en: 'Issuer’s error' }, v['issuerError'] ?? ''],
          changeRow(ctx, v),
          [{ vi: 'Ngày cấp, nơi cấp', en: 'Issued on, at' }, `${v['issueDate'] ?? ''}, ${v['issuePlace'] ?? ''}`],
        ],
      };
    },
  },
  proposeRevocation: {
    title: { vi: 'Đề xuất thu hồi văn bằng', en: 'Propose revocation' },
    submit: { vi: 'Ghi nhận đề xuất', en: 'Record the proposal' },
    done: 'revocation-proposed',
    intro: {
      vi: 'Đề xuất được ghi lại cùng tên người đề xuất; người có thẩm quyền khác ghi nhận quyết định thu hồi (quy tắc 41, 42).',
      en: 'The proposal is recorded with its proposer’s name; another, competent officer records the revocation decision (rules 41, 42).',
    },
    fields: proposeRevocationFields,
    command(ctx, v, errors, t, request, body) {
      const say: Say = (vi, en) => (ctx.lang === 'vi' ? vi : en);
      if (!(REVOCATION_GROUNDS as readonly string[]).includes(v['ground'] ?? ''))
        errors.push({ field: 'ground', message: say('Chọn căn cứ thu hồi (quy tắc 40).', 'Choose the ground (rule 40).') });
      if (!(REVOCATION_SOURCES as readonly string[]).includes(v['source'] ?? ''))
        errors.push({ field: 'source', message: say('Chọn nơi phát hiện.', 'Choose who detected it.') });
      const reasons = required(v, 'reasons', errors, say('Ghi lý do đề xuất thu hồi (quy tắc 42).', 'State the reasons (rule 42).'));
      const proposedOn = readDate(ctx.lang, v, 'proposedOn', errors, { vi: 'Ngày đề xuất', en: 'Proposal date' });
      if (errors.length > 0) return undefined;
      return new ProposeRevocation(
        {
          diplomaId: t.diplomaId,
          authorityCode: t.code,
          ground: v['ground'] as RevocationGround,
          source: v['source'] as RevocationSource,
          reasons,
          proposedOn,
        },
        consoleCommandContext(request, body),
      );
    },
  },
  digitalIssue: {
    title: { vi: 'Cấp văn bằng điện tử', en: 'Digital issue' },
    submit: { vi: 'Tiếp tục', en: 'Continue' },
    done: 'issued-digitally',
    fields: digitalIssueFields,
    command(ctx, v, errors, t, request, body) {
      const issuedOn = readDate(ctx.lang, v, 'issuedOn', errors, { vi: 'Ngày cấp bản điện tử', en: 'Digital issue date' });
      const reference = required(
        v,
        'reference',
        errors,
        ctx.lang === 'vi' ? 'Nhập mã bản ghi văn bằng điện tử.' : 'Enter the record of the digital diploma.',
      );
      if (errors.length > 0) return undefined;
      return new RecordDigitalIssue(
        { diplomaId: t.diplomaId, authorityCode: t.code, issuedOn, reference },
        consoleCommandContext(request, body),
      );
    },
    confirm(ctx, entry, v) {
      const vi = ctx.lang === 'vi';
      return {
        tone: 'info',
        heading: vi ? `Ghi nhận văn bằng điện tử của ${entry.fullName}?` : `Record ${entry.fullName}’s digital diploma?`,
        warning: vi
          ? `Văn bằng điện tử là cùng một văn bằng (số hiệu ${entry.serial}, số vào sổ ${entry.registerLabel}) được cấp thêm dưới dạng điện tử; ghi nhận một lần và không sửa được (mục 0.5).`
          : `The digital diploma is the same diploma (serial ${entry.serial}, register no. ${entry.registerLabel}) issued also as a digital record; it is recorded once and cannot be changed (§0.5).`,
        rows: [
          [{ vi: 'Ngày cấp bản điện tử', en: 'Issued digitally on' }, v['issuedOn'] ?? ''],
          [{ vi: 'Mã bản ghi', en: 'Record' }, v['reference'] ?? ''],
        ],
      };
    },
  },
  publish: {
    title: { vi: 'Công bố quyết định thu hồi', en: 'Publication of the revocation' },
    submit: { vi: 'Ghi nhận đã công bố', en: 'Record the publication' },
    done: 'published',
    fields: publishFields,
    command(ctx, v, errors, t, request, body) {
      const publishedOn = readDate(ctx.lang, v, 'publishedOn', errors, { vi: 'Ngày đăng', en: 'Publication date' });
      const where = required(
        v,
        'where',
        errors,
        ctx.lang === 'vi' ? 'Nhập địa chỉ trang đã đăng (quy tắc 42).' : 'Enter where it was published (rule 42).',
      );
      if (errors.length > 0) return undefined;
      return new PublishRevocation(
        { diplomaId: t.diplomaId, authorityCode: t.code, publishedOn, where },
        consoleCommandContext(request, body),
      );
    },
  },
  notify: {
    title: { vi: 'Gửi quyết định thu hồi', en: 'Notification of the revocation' },
    submit: { vi: 'Ghi nhận đã gửi', en: 'Record the notification' },
    done: 'notified',
    fields: notifyFields,
    fieldNames: { recipients: 'holderName' },
    command(ctx, v, errors, t, request, body) {
      const say: Say = (vi, en) => (ctx.lang === 'vi' ? vi : en);
      const holder = required(v, 'holderName', errors, say('Nhập tên người được cấp (quy tắc 42).', 'Enter the holder’s name (rule 42).'));
      const holderReceivedOn = readDate(ctx.lang, v, 'holderReceivedOn', errors, { vi: 'Ngày nhận quyết định', en: 'Date received' });
      if (errors.length > 0) return undefined;
      const recipients = [
        { kind: 'holder', name: holder },
        ...(v['detectingBody']?.trim() ? [{ kind: 'detecting_body', name: v['detectingBody'].trim() }] : []),
        ...(v['employer']?.trim() ? [{ kind: 'employer', name: v['employer'].trim() }] : []),
      ];
      return new NotifyRevocation(
        { diplomaId: t.diplomaId, authorityCode: t.code, recipients, holderReceivedOn },
        consoleCommandContext(request, body),
      );
    },
  },
  returned: {
    title: { vi: 'Văn bằng bị thu hồi đã nộp lại', en: 'Revoked diploma returned' },
    submit: { vi: 'Ghi nhận đã nộp lại', en: 'Record the return' },
    done: 'returned',
    fields: returnFields,
    command(ctx, v, errors, t, request, body) {
      const returnedOn = readDate(ctx.lang, v, 'returnedOn', errors, { vi: 'Ngày nộp lại', en: 'Return date' });
      const receivedBy = required(v, 'receivedBy', errors, ctx.lang === 'vi' ? 'Nhập cán bộ nhận.' : 'Enter who received it.');
      if (errors.length > 0) return undefined;
      return new RecordRevokedDiplomaReturned(
        { diplomaId: t.diplomaId, authorityCode: t.code, returnedOn, receivedBy },
        consoleCommandContext(request, body),
      );
    },
  },
} satisfies Record<string, DiplomaAct>;

type ActName = keyof typeof DIPLOMA_ACTS;

const DONE_WORDS: Record<string, Words> = {
  'correction-requested': {
    vi: 'Đã ghi nhận hồ sơ đề nghị chỉnh sửa; hạn giải quyết ở bảng dưới (quy tắc 29).',
    en: 'The correction request is recorded; its due date is below (rule 29).',
  },
  corrected: { vi: 'Đã ghi nhận quyết định chỉnh sửa vào phụ lục sổ gốc.', en: 'The correction decision is in the register appendix.' },
  'correction-refused': { vi: 'Đã ghi nhận văn bản từ chối chỉnh sửa.', en: 'The written refusal is recorded.' },
  reissued: {
    vi: 'Đã cấp lại: văn bằng cũ bị thu hồi, văn bằng mới ghi ở phụ lục sổ gốc.',
    en: 'Reissued: the old diploma is revoked; the new one is in the appendix.',
  },
  published: { vi: 'Đã ghi nhận việc công bố quyết định thu hồi.', en: 'The publication is recorded.' },
  notified: {
    vi: 'Đã ghi nhận việc gửi quyết định; hạn nộp lại 30 ngày (quy tắc 43).',
    en: 'The notification is recorded; the paper is due back within 30 days (rule 43).',
  },
  returned: {
    vi: 'Đã ghi nhận văn bằng nộp lại; phôi chuyển chờ hội đồng huỷ (quy tắc 44).',
    en: 'The return is recorded; the blank awaits the destruction council (rule 44).',
  },
  'revocation-proposed': {
    vi: 'Đã ghi nhận đề xuất thu hồi. Người có thẩm quyền (không phải người đề xuất) ghi nhận quyết định thu hồi (quy tắc 41, 42).',
    en: 'The proposal is recorded. The competent officer — not the proposer — records the revocation decision (rules 41, 42).',
  },
  'issued-digitally': { vi: 'Đã ghi nhận cấp văn bằng điện tử.', en: 'The digital issue is recorded.' },
  revoked: {
    vi: 'Đã ghi nhận quyết định thu hồi. Tiếp theo: công bố quyết định và thông báo cho người được cấp.',
    en: 'The revocation is recorded. Next: publish the decision and notify the holder.',
  },
};

/**
 * After issuance (docs/domain.md §2.5–2.7): a diploma's page, correction requests and decisions, reissue,
 * the revocation's publication, notification and return, and the register appendix — through the same
 * commands and queries as the API's after-issuance routes.
 */
@ApiExcludeController()
@PublicRoute()
@UseGuards(ConsoleGuard)
@UseFilters(ConsoleErrorFilter)
@Controller('console/:code')
export class ConsoleDiplomaActsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly settled: ReadYourWrites,
    @Inject(READ_MODELS) private readonly db: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get('after-issuance')
  @ConsolePage(...READ_ROLES)
  index(
    @Param('code') code: string,
    @Query('cpage') cpage: string | undefined,
    @Query('rpage') rpage: string | undefined,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): void {
    const c = pageNumber(cpage);
    const r = pageNumber(rpage);
    sendPage(
      response,
      afterIssuanceIndexPage(pageContext(request, response), {
        corrections: { ...openCorrectionRequestsPage(this.db, code, (c - 1) * PAGE_SIZE, PAGE_SIZE), page: c },
        revocations: { ...revocationCasesPage(this.db, code, (r - 1) * PAGE_SIZE, PAGE_SIZE), page: r },
        appendixBooks: appendixBooksOf(this.db, code),
        today: vietnamDateOf(new Date()),
      }),
    );
  }

  @Get('register-appendix/:kind/:year')
  @ConsolePage(...READ_ROLES)
  appendix(
    @Param('code') code: string,
    @Param('kind') kind: string,
    @Param('year', ParseIntPipe) year: number,
    @Query('page') pageParam: string | undefined,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): void {
    const all = registerAppendix(this.db, { authorityCode: code, kind: diplomaKind(kind), year });
    const p = pageNumber(pageParam);
    sendPage(
      response,
      appendixPage(pageContext(request, response), {
        kind: diplomaKind(kind),
        year,
        rows: all.slice((p - 1) * PAGE_SIZE, p * PAGE_SIZE),
        page: p,
        total: all.length,
      }),
    );
  }

  @Get('register-appendix/:kind/:year/export.:format')
  @ConsolePage(...READ_ROLES)
  exportAppendix(
    @Param('code') code: string,
    @Param('kind') kind: string,
    @Param('year', ParseIntPipe) year: number,
    @Param('format') format: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<unknown> {
    // The same file as GET /api/v1/authorities/{code}/register-appendix/{kind}/{year}/export.{format}.
    return registerAppendixExport(this.queries, response, { code, kind: diplomaKind(kind), year, format });
  }

  @Get('diplomas/:diplomaId')
  @ConsolePage(...READ_ROLES)
  async diploma(
    @Param('code') code: string,
    @Param('diplomaId') diplomaId: string,
    @Query('done') done: string | undefined,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const ctx = pageContext(request, response);
    const doneWords = done ? DONE_WORDS[done] : undefined;
    const entry = this.entry(code, diplomaId);
    // The proposal and the digital medium have no read model: the diploma's own stream says them.
    const state = await loadState(this.store, diplomaDecider, diplomaStream(diplomaId));
    sendPage(
      response,
      diplomaPage(ctx, {
        entry,
        proposal: state.revocationProposal,
        digital: state.digital,
        corrections: correctionRequestsOf(this.db, diplomaId),
        revocation: revocationCaseOf(this.db, diplomaId),
        reissue: reissueOf(this.db, diplomaId),
        ...(doneWords ? { done: doneWords[ctx.lang] } : {}),
      }),
    );
  }

  // ── Correction requests (rules 27–35) ────────────────────────────────────────────────────────────

  @Get('diplomas/:diplomaId/corrections/new')
  @ConsolePage('registrar')
  requestCorrectionForm(@Param() p: Target, @Req() request: ConsoleRequest, @Res() response: Response): void {
    this.showForm('requestCorrection', p, request, response, 'corrections/new');
  }

  @Post('diplomas/:diplomaId/corrections/new')
  @ConsolePage('registrar')
  requestCorrection(@Param() p: Target, @Body() body: unknown, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    return this.act('requestCorrection', p, body, request, response, 'corrections/new', true);
  }

  @Get('diplomas/:diplomaId/corrections/:requestId/decision')
  @ConsolePage('registrar', 'signer')
  decideForm(@Param() p: Target, @Req() request: ConsoleRequest, @Res() response: Response): void {
    this.showForm('decideCorrection', p, request, response, `corrections/${p.requestId}/decision`);
  }

  @Post('diplomas/:diplomaId/corrections/:requestId/decision')
  @ConsolePage('registrar', 'signer')
  decideCheck(@Param() p: Target, @Body() body: unknown, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    return this.act('decideCorrection', p, body, request, response, `corrections/${p.requestId}/decision`, false);
  }

  @Post('diplomas/:diplomaId/corrections/:requestId/decision/confirmed')
  @ConsolePage('registrar', 'signer')
  decide(@Param() p: Target, @Body() body: unknown, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    return this.act('decideCorrection', p, body, request, response, `corrections/${p.requestId}/decision`, true);
  }

  @Get('diplomas/:diplomaId/corrections/:requestId/refusal')
  @ConsolePage('registrar', 'signer')
  refuseForm(@Param() p: Target, @Req() request: ConsoleRequest, @Res() response: Response): void {
    this.showForm('refuseCorrection', p, request, response, `corrections/${p.requestId}/refusal`);
  }

  @Post('diplomas/:diplomaId/corrections/:requestId/refusal')
  @ConsolePage('registrar', 'signer')
  refuseCheck(@Param() p: Target, @Body() body: unknown, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    return this.act('refuseCorrection', p, body, request, response, `corrections/${p.requestId}/refusal`, false);
  }

  @Post('diplomas/:diplomaId/corrections/:requestId/refusal/confirmed')
  @ConsolePage('registrar', 'signer')
  refuse(@Param() p: Target, @Body() body: unknown, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    return this.act('refuseCorrection', p, body, request, response, `corrections/${p.requestId}/refusal`, true);
  }

  // ── Reissue (rules 36–39) ────────────────────────────────────────────────────────────────────────

  @Get('diplomas/:diplomaId/reissue')
  @ConsolePage('registrar')
  reissueForm(@Param() p: Target, @Req() request: ConsoleRequest, @Res() response: Response): void {
    this.showForm('reissue', p, request, response, 'reissue');
  }

  @Post('diplomas/:diplomaId/reissue')
  @ConsolePage('registrar')
  reissueCheck(@Param() p: Target, @Body() body: unknown, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    return this.act('reissue', p, body, request, response, 'reissue', false);
  }

  @Post('diplomas/:diplomaId/reissue/confirmed')
  @ConsolePage('registrar')
  reissue(@Param() p: Target, @Body() body: unknown, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    return this.act('reissue', p, body, request, response, 'reissue', true);
  }

  // ── Revocation proposal (§2.7, rules 41–42) and the digital medium (§0.5) ──────────────────────────

  @Get('diplomas/:diplomaId/revocation-proposal')
  @ConsolePage('registrar', 'signer')
  proposeForm(@Param() p: Target, @Req() request: ConsoleRequest, @Res() response: Response): void {
    this.showForm('proposeRevocation', p, request, response, 'revocation-proposal');
  }

  @Post('diplomas/:diplomaId/revocation-proposal')
  @ConsolePage('registrar', 'signer')
  propose(@Param() p: Target, @Body() body: unknown, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    return this.act('proposeRevocation', p, body, request, response, 'revocation-proposal', true);
  }

  @Get('diplomas/:diplomaId/digital-issue')
  @ConsolePage('registrar', 'signer')
  digitalForm(@Param() p: Target, @Req() request: ConsoleRequest, @Res() response: Response): void {
    this.showForm('digitalIssue', p, request, response, 'digital-issue');
  }

  @Post('diplomas/:diplomaId/digital-issue')
  @ConsolePage('registrar', 'signer')
  digitalCheck(@Param() p: Target, @Body() body: unknown, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    return this.act('digitalIssue', p, body, request, response, 'digital-issue', false);
  }

  @Post('diplomas/:diplomaId/digital-issue/confirmed')
  @ConsolePage('registrar', 'signer')
  digitalIssue(@Param() p: Target, @Body() body: unknown, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    return this.act('digitalIssue', p, body, request, response, 'digital-issue', true);
  }

  // ── After a revocation (rules 42–44) ─────────────────────────────────────────────────────────────

  @Get('diplomas/:diplomaId/revocation/publication')
  @ConsolePage('registrar')
  publishForm(@Param() p: Target, @Req() request: ConsoleRequest, @Res() response: Response): void {
    this.showForm('publish', p, request, response, 'revocation/publication');
  }

  @Post('diplomas/:diplomaId/revocation/publication')
  @ConsolePage('registrar')
  publish(@Param() p: Target, @Body() body: unknown, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    return this.act('publish', p, body, request, response, 'revocation/publication', true);
  }

  @Get('diplomas/:diplomaId/revocation/notification')
  @ConsolePage('registrar')
  notifyForm(@Param() p: Target, @Req() request: ConsoleRequest, @Res() response: Response): void {
    this.showForm('notify', p, request, response, 'revocation/notification');
  }

  @Post('diplomas/:diplomaId/revocation/notification')
  @ConsolePage('registrar')
  notify(@Param() p: Target, @Body() body: unknown, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    return this.act('notify', p, body, request, response, 'revocation/notification', true);
  }

  @Get('diplomas/:diplomaId/revocation/return')
  @ConsolePage('registrar')
  returnForm(@Param() p: Target, @Req() request: ConsoleRequest, @Res() response: Response): void {
    this.showForm('returned', p, request, response, 'revocation/return');
  }

  @Post('diplomas/:diplomaId/revocation/return')
  @ConsolePage('registrar')
  returned(@Param() p: Target, @Body() body: unknown, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    return this.act('returned', p, body, request, response, 'revocation/return', true);
  }

  // ── The one form-and-confirm flow every act above goes through ───────────────────────────────────

  private showForm(name: ActName, p: Target, request: ConsoleRequest, response: Response, path: string): void {
    const ctx = pageContext(request, response);
    const entry = this.entry(p.code, p.diplomaId);
    const initial: FormValues = name === 'notify' ? { holderName: entry.fullName } : {};
    sendPage(response, this.formPage(name, ctx, entry, path, initial, [], p.requestId));
  }

  private act(
    name: ActName,
    p: Target,
    body: unknown,
    request: ConsoleRequest,
    response: Response,
    path: string,
    record: boolean,
  ): Promise<void> {
    const act: DiplomaAct = DIPLOMA_ACTS[name];
    const entry = this.entry(p.code, p.diplomaId);
    const d = `${consoleBase(p.code)}/diplomas/${p.diplomaId}`;
    const target = { code: p.code, diplomaId: p.diplomaId, ...(p.requestId ? { requestId: p.requestId } : {}) };
    const confirm = act.confirm;
    return submitFormAct(request, response, body, {
      read: (ctx, v, errors) => {
        const command = act.command(ctx, v, errors, target, request, body);
        return command && (() => this.commands.execute<OfficerCommand<unknown>, CommandOutcome>(command));
      },
      ...(confirm && !record
        ? {
            confirm: async (ctx: PageContext, v: FormValues) => {
              // What the dossier asks to change, as recorded on the diploma's stream: the confirmation restates it.
              const changes = p.requestId
                ? (await loadState(this.store, diplomaDecider, diplomaStream(p.diplomaId))).requests.get(p.requestId)?.changes
                : undefined;
              return confirmNamedAct(ctx, {
                title: act.title,
                nav: 'after-issuance',
                said: confirm(ctx, entry, v, p.requestId, changes),
                path: `${d}/${path}`,
                values: v,
              });
            },
          }
        : {}),
      next: () => `${d}?done=${act.done}`,
      again: (ctx, v, errors, commandId) => this.formPage(name, ctx, entry, path, v, errors, p.requestId, commandId),
      settle: () => this.settled.settle(),
      ...(act.fieldNames ? { fieldNames: act.fieldNames } : {}),
      words: (ctx, errors) => inWords(ctx, errors, { ...CORRECTION_GROUND_WORDS, ...HOLDER_FIELD_WORDS }),
    });
  }

  private formPage(
    name: ActName,
    ctx: PageContext,
    entry: RegisterEntryView,
    path: string,
    v: FormValues,
    errors: readonly FieldError[],
    requestId?: string,
    commandId?: string,
  ): string {
    const act: DiplomaAct = DIPLOMA_ACTS[name];
    const code = ctx.authorityCode ?? '';
    const d = `${consoleBase(code)}/diplomas/${entry.diplomaId}`;
    const fields =
      name === 'reissue'
        ? reissueFields(ctx, v, errors, {
            lots: blankLotsHeld(this.db, code)
              .filter((l) => !l.kind.endsWith('_COPY') && l.inStock > 0)
              .map((l) => ({
                value: l.lotId,
                label: `${l.lotId} — ${l.kind}, ${l.inStock} ${ctx.lang === 'vi' ? 'phôi trong kho' : 'in stock'}`,
              })),
            signers: listSigners(this.db, code),
          })
        : act.fields(ctx, v, errors);
    const request = requestId ? correctionRequestsOf(this.db, entry.diplomaId).find((c) => c.requestId === requestId) : undefined;
    if (requestId && !request) throw notFound();
    return actFormPage(ctx, {
      title: act.title,
      caption: act.title[ctx.lang],
      heading: entry.fullName,
      nav: 'after-issuance',
      summary: entrySummary(ctx, entry),
      ...(request
        ? {
            intro: `${ctx.lang === 'vi' ? 'Hồ sơ' : 'Request'} ${request.requestId} — ${CORRECTION_GROUND_WORDS[request.ground as CorrectionGround]?.[ctx.lang] ?? request.ground}; ${ctx.lang === 'vi' ? 'hạn giải quyết' : 'due by'} ${dmy(request.dueBy)}.`,
          }
        : act.intro
          ? { intro: act.intro[ctx.lang] }
          : {}),
      action: `${d}/${path}`,
      fields,
      submitLabel: act.submit,
      back: { href: d, label: { vi: 'Quay lại văn bằng', en: 'Back to the diploma' } },
      errors,
      ...(commandId ? { commandId } : {}),
    });
  }

  private entry(code: string, diplomaId: string): RegisterEntryView {
    const entry = registerEntryOf(this.db, code, diplomaId);
    if (!entry) throw notFound();
    return entry;
  }
}

interface Target {
  code: string;
  diplomaId: string;
  requestId?: string;
}

function notFound(): DomainError {
  return new DomainError({
    code: 'DIPLOMA_NOT_FOUND',
    kind: 'not_found',
    messageVi: 'Không có văn bằng hoặc hồ sơ này trong sổ của đơn vị.',
    messageEn: 'No such diploma or request in this office’s register.',
  });
}
