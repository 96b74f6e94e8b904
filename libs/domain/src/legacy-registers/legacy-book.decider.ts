import type { Decider } from '../shared/decider';
import type { CommandContext } from '../shared/command-context';
import { vietnamDateOf } from '../shared/dates';
import { DomainError, type FieldProblem } from '../shared/errors';
import { DIPLOMA_KINDS } from '../regimes/legal-regimes';
import type { AuthorityDirectory } from '../authorities/authority';
import { isActiveOn, registerHolderOn } from '../authorities/authority-directory';
import {
  legacyBookId,
  legacyDiplomaId,
  type LegacyBookCommand,
  type LegacyBookEvent,
  type LegacyBookHeader,
  type LegacyBookState,
  type LegacyEntry,
  type LegacyEntryInput,
} from './legacy-book';
import { bornAfterIssue, LEGACY_ENTRY_FIELDS, readLegacyFields, registerNumberKey } from './legacy-entry';
import { MAX_SCAN_BYTES, SCAN_MEDIA_TYPES, SHA256_HEX } from './page-scan';

export const INITIAL_LEGACY_BOOK: LegacyBookState = {
  header: null,
  custodianCode: null,
  scans: new Map(),
  entries: new Map(),
  registerNumbers: new Map(),
};

/** Registers were kept on paper from the 1970s (§0.5: digitising from the 1970 births onward). */
const EARLIEST_BOOK_YEAR = 1945;
const MAX_PAGES = 2000;
const MAX_LINE = 200;
const MAX_ENTRIES_PER_COMMAND = 5000;

export const legacyBookDecider: Decider<LegacyBookCommand, LegacyBookState, LegacyBookEvent> = {
  initialState: INITIAL_LEGACY_BOOK,
  evolve: evolveLegacyBook,
  decide(command, state, context) {
    switch (command.type) {
      case 'RegisterLegacyBook':
        return registerBook(command, state, context);
      case 'AttachLegacyPageScan':
        return attachScan(command, requireBook(state), state, context);
      case 'TranscribeLegacyEntries':
        return transcribe(command, requireBook(state), state, context);
      case 'AmendLegacyEntry':
        return amend(command, requireBook(state), state, context);
      case 'CheckLegacyEntries':
        return check(command, requireBook(state), state, context);
    }
  },
};

export function evolveLegacyBook(state: LegacyBookState, event: LegacyBookEvent): LegacyBookState {
  switch (event.type) {
    case 'LegacyBookRegistered': {
      const { registeredBy: _by, custodianCode, ...header } = event.data;
      return { ...state, header, custodianCode };
    }
    case 'LegacyPageScanAttached': {
      const { bookId: _book, attachedBy: _by, ...scan } = event.data;
      return { ...state, scans: new Map(state.scans).set(scan.page, [...(state.scans.get(scan.page) ?? []), scan]) };
    }
    case 'LegacyEntriesTranscribed': {
      const entries = new Map(state.entries);
      const registerNumbers = new Map(state.registerNumbers);
      for (const entry of event.data.entries) {
        entries.set(entry.entryId, { entry, typedBy: event.data.transcribedBy, status: 'unchecked' });
        if (entry.fields.registerNumber !== null) registerNumbers.set(registerNumberKey(entry.fields.registerNumber), entry.entryId);
      }
      return { ...state, entries, registerNumbers };
    }
    case 'LegacyEntryAmended': {
      const { entry } = event.data;
      const registerNumbers = new Map([...state.registerNumbers].filter(([, id]) => id !== entry.entryId));
      if (entry.fields.registerNumber !== null) registerNumbers.set(registerNumberKey(entry.fields.registerNumber), entry.entryId);
      return {
        ...state,
        entries: new Map(state.entries).set(entry.entryId, { entry, typedBy: event.data.amendedBy, status: 'unchecked' }),
        registerNumbers,
      };
    }
    case 'LegacyEntryDisputed': {
      const current = state.entries.get(event.data.entryId)!;
      return { ...state, entries: new Map(state.entries).set(event.data.entryId, { ...current, status: 'disputed' }) };
    }
    case 'LegacyEntryChecked': {
      const current = state.entries.get(event.data.entry.entryId)!;
      return { ...state, entries: new Map(state.entries).set(event.data.entry.entryId, { ...current, status: 'checked' }) };
    }
  }
}

function refuse(
  code: string,
  kind: DomainError['problem']['kind'],
  field: string | undefined,
  messageVi: string,
  messageEn: string,
  rule?: number,
): DomainError {
  return new DomainError({
    code,
    kind,
    messageVi,
    messageEn,
    ...(field !== undefined ? { field } : {}),
    ...(rule !== undefined ? { rule } : {}),
  });
}

/** All problems at once, the first one's code on top so a client can branch on it. */
function refuseProblems(problems: readonly FieldProblem[]): never {
  const first = problems[0]!;
  throw new DomainError({
    code: first.code,
    kind: 'invalid_input',
    messageVi: first.messageVi,
    messageEn: first.messageEn,
    field: first.field,
    fieldProblems: problems,
  });
}

function requireBook(state: LegacyBookState): LegacyBookHeader {
  if (!state.header)
    throw refuse(
      'LEGACY_BOOK_NOT_FOUND',
      'not_found',
      'bookId',
      'Chưa có sổ gốc này trong hệ thống.',
      'No such register book has been recorded.',
    );
  return state.header;
}

/**
 * Rule 46: whoever holds the book's authority's registers today types and checks it: the authority
 * itself while it exists, its successor after a merger or abolition, or the body it was handed to.
 */
function requireCustodian(
  header: Pick<LegacyBookHeader, 'authorityCode' | 'kind'>,
  custodianCode: string | null,
  directory: AuthorityDirectory,
  context: CommandContext,
): void {
  const today = vietnamDateOf(context.occurredAt);
  // The custodian recorded on the book may itself have merged or been abolished since: follow the chain.
  const holder = registerHolderOn(directory, custodianCode ?? header.authorityCode, today, header.kind)?.code;
  if (holder !== context.actor.authorityCode) {
    throw refuse(
      'NOT_BOOK_CUSTODIAN',
      'forbidden',
      undefined,
      `Sổ gốc của ${header.authorityCode} do ${holder ?? 'đơn vị khác'} quản lý; ${context.actor.authorityCode} không được ghi vào sổ này.`,
      `${header.authorityCode}'s registers are held by ${holder ?? 'another authority'}; ${context.actor.authorityCode} may not record into them.`,
      46,
    );
  }
}

function registerBook(
  command: Extract<LegacyBookCommand, { type: 'RegisterLegacyBook' }>,
  state: LegacyBookState,
  context: CommandContext,
): LegacyBookEvent[] {
  const problems: FieldProblem[] = [];
  const authority = command.directory.authorities.get(command.authorityCode);
  if (!authority)
    problems.push({
      field: 'authorityCode',
      code: 'AUTHORITY_UNKNOWN',
      messageVi: `Không có đơn vị ${command.authorityCode} trong danh mục.`,
      messageEn: `No authority ${command.authorityCode} in the directory.`,
    });
  if (!(DIPLOMA_KINDS as readonly string[]).includes(command.kind))
    problems.push({
      field: 'kind',
      code: 'NOT_ALLOWED_VALUE',
      messageVi: 'Loại văn bằng phải là THCS hoặc THPT.',
      messageEn: 'Kind must be THCS or THPT.',
    });
  const thisYear = Number(vietnamDateOf(context.occurredAt).slice(0, 4));
  if (!Number.isInteger(command.year) || command.year < EARLIEST_BOOK_YEAR || command.year > thisYear) {
    problems.push({
      field: 'year',
      code: 'BAD_YEAR',
      messageVi: `Năm của sổ phải từ ${EARLIEST_BOOK_YEAR} đến ${thisYear}.`,
      messageEn: `The book's year must be ${EARLIEST_BOOK_YEAR}–${thisYear}.`,
    });
  }
  if (!Number.isInteger(command.volume) || command.volume < 1 || command.volume > 999)
    problems.push({
      field: 'volume',
      code: 'BAD_VOLUME',
      messageVi: 'Số tập phải là số nguyên từ 1 đến 999.',
      messageEn: 'Volume must be an integer 1–999.',
    });
  if (!Number.isInteger(command.pageCount) || command.pageCount < 1 || command.pageCount > MAX_PAGES)
    problems.push({
      field: 'pageCount',
      code: 'BAD_PAGE_COUNT',
      messageVi: `Số trang phải từ 1 đến ${MAX_PAGES}.`,
      messageEn: `Page count must be 1–${MAX_PAGES}.`,
    });
  const title = typeof command.titleAsWritten === 'string' ? command.titleAsWritten.normalize('NFC').trim() : '';
  if (title.length === 0 || title.length > 200 || /[<>]/.test(title))
    problems.push({
      field: 'titleAsWritten',
      code: 'BAD_TITLE',
      messageVi: 'Tên sổ ghi trên bìa là bắt buộc (tối đa 200 ký tự).',
      messageEn: 'The title on the cover is required (at most 200 characters).',
    });
  if (problems.length > 0) refuseProblems(problems);
  if (authority && authority.registeredOn.slice(0, 4) > String(command.year)) {
    throw refuse(
      'BOOK_YEAR_BEFORE_AUTHORITY',
      'rule_violation',
      'year',
      `${authority.name} chưa tồn tại vào năm ${command.year}.`,
      `${authority.name} did not exist in ${command.year}.`,
    );
  }
  requireCustodian(command, null, command.directory, context);
  const bookId = legacyBookId(command.authorityCode, command.kind, command.year, command.volume);
  if (state.header) {
    const same = state.header.pageCount === command.pageCount && state.header.titleAsWritten === title;
    if (same) return [];
    throw refuse(
      'LEGACY_BOOK_EXISTS',
      'conflict',
      'volume',
      `Sổ ${command.kind} năm ${command.year} tập ${command.volume} của ${command.authorityCode} đã được ghi nhận.`,
      `Book ${bookId} is already recorded.`,
    );
  }
  return [
    {
      type: 'LegacyBookRegistered',
      data: {
        bookId,
        authorityCode: command.authorityCode,
        kind: command.kind,
        titleAsWritten: title,
        year: command.year,
        volume: command.volume,
        pageCount: command.pageCount,
        registeredBy: context.actor.officerId,
        custodianCode: context.actor.authorityCode,
      },
    },
  ];
}

function requirePage(header: LegacyBookHeader, page: unknown, field: string): FieldProblem | undefined {
  if (typeof page === 'number' && Number.isInteger(page) && page >= 1 && page <= header.pageCount) return undefined;
  return {
    field,
    code: 'PAGE_NOT_IN_BOOK',
    messageVi: `Sổ chỉ có ${header.pageCount} trang; không có trang ${String(page)}.`,
    messageEn: `The book has ${header.pageCount} pages; there is no page ${String(page)}.`,
  };
}

function attachScan(
  command: Extract<LegacyBookCommand, { type: 'AttachLegacyPageScan' }>,
  header: LegacyBookHeader,
  state: LegacyBookState,
  context: CommandContext,
): LegacyBookEvent[] {
  const problems: FieldProblem[] = [];
  const pageProblem = requirePage(header, command.page, 'page');
  if (pageProblem) problems.push(pageProblem);
  if (!(SCAN_MEDIA_TYPES as readonly string[]).includes(command.mediaType))
    problems.push({
      field: 'file',
      code: 'SCAN_NOT_IMAGE',
      messageVi: 'Bản quét phải là ảnh JPEG, PNG hoặc tệp PDF.',
      messageEn: 'The scan must be a JPEG or PNG image or a PDF.',
    });
  if (!Number.isInteger(command.byteSize) || command.byteSize < 1 || command.byteSize > MAX_SCAN_BYTES) {
    problems.push({
      field: 'file',
      code: 'SCAN_TOO_LARGE',
      messageVi: `Bản quét phải có dung lượng từ 1 byte đến ${MAX_SCAN_BYTES / 1024 / 1024} MB.`,
      messageEn: `The scan must be 1 byte to ${MAX_SCAN_BYTES / 1024 / 1024} MB.`,
    });
  }
  if (!SHA256_HEX.test(command.sha256))
    problems.push({
      field: 'sha256',
      code: 'BAD_HASH',
      messageVi: 'Mã băm SHA-256 không hợp lệ.',
      messageEn: 'The SHA-256 hash is not valid.',
    });
  if (problems.length > 0) refuseProblems(problems);
  requireCustodian(header, state.custodianCode, command.directory, context);
  if (state.scans.get(command.page)?.some((scan) => scan.sha256 === command.sha256)) return [];
  return [
    {
      type: 'LegacyPageScanAttached',
      data: {
        bookId: header.bookId,
        page: command.page,
        sha256: command.sha256,
        mediaType: command.mediaType as (typeof SCAN_MEDIA_TYPES)[number],
        byteSize: command.byteSize,
        attachedBy: context.actor.officerId,
      },
    },
  ];
}

/** Reads and checks lines against the book; `taken` is updated as lines are read so a batch cannot collide with itself. */
function readEntries(
  inputs: readonly LegacyEntryInput[],
  header: LegacyBookHeader,
  state: LegacyBookState,
  directory: AuthorityDirectory,
  prefix: (index: number) => string,
  amending: boolean,
): LegacyEntry[] {
  const problems: FieldProblem[] = [];
  const entries: LegacyEntry[] = [];
  const takenNumbers = new Map(state.registerNumbers);
  const takenLines = new Set<string>();
  const authority = directory.authorities.get(header.authorityCode);
  inputs.forEach((input, index) => {
    const at = prefix(index);
    const before = problems.length;
    const pageProblem = requirePage(header, input.page, `${at}.page`);
    if (pageProblem) problems.push(pageProblem);
    if (!Number.isInteger(input.line) || input.line < 1 || input.line > MAX_LINE)
      problems.push({
        field: `${at}.line`,
        code: 'BAD_LINE',
        messageVi: `Dòng phải từ 1 đến ${MAX_LINE}.`,
        messageEn: `Line must be 1–${MAX_LINE}.`,
      });
    const { fields, problems: fieldProblems } = readLegacyFields(at, input.fields ?? {}, input.marks ?? {});
    problems.push(...fieldProblems);
    if (problems.length > before) return;
    const entryId = `p${input.page}-l${input.line}`;
    const existing = state.entries.get(entryId);
    const marks = Object.fromEntries(
      LEGACY_ENTRY_FIELDS.filter((name) => input.marks?.[name] !== undefined).map((name) => [name, input.marks![name]]),
    );
    const entry: LegacyEntry = { entryId, page: input.page, line: input.line, fields, marks };
    // A file sent again (a retry, or the same sheet uploaded twice) finds its lines already there as typed:
    // those are skipped, so a re-upload records nothing twice whatever its command id.
    if (!amending && existing && sameEntry(existing.entry, entry) && !takenLines.has(entryId)) {
      takenLines.add(entryId);
      return;
    }
    if (amending ? !existing : existing || takenLines.has(entryId)) {
      problems.push(
        amending
          ? {
              field: `${at}.line`,
              code: 'LEGACY_ENTRY_NOT_FOUND',
              messageVi: `Chưa nhập dòng ${input.line} trang ${input.page}.`,
              messageEn: `Line ${input.line} of page ${input.page} has not been entered.`,
            }
          : {
              field: `${at}.line`,
              code: 'LINE_ALREADY_ENTERED',
              messageVi: `Dòng ${input.line} trang ${input.page} đã được nhập; hãy sửa thay vì nhập lại.`,
              messageEn: `Line ${input.line} of page ${input.page} is already entered; amend it instead.`,
            },
      );
      return;
    }
    if (existing?.status === 'checked') {
      problems.push({
        field: `${at}.line`,
        code: 'LEGACY_ENTRY_CHECKED',
        messageVi: 'Dòng đã được kiểm tra và vào sổ; mọi thay đổi phải qua quyết định chỉnh sửa.',
        messageEn: 'The line is checked and part of the register; changes go through a correction decision.',
      });
      return;
    }
    takenLines.add(entryId);
    if (fields.registerNumber !== null) {
      const key = registerNumberKey(fields.registerNumber);
      const holder = takenNumbers.get(key);
      if (holder !== undefined && holder !== entryId) {
        problems.push({
          field: `${at}.fields.registerNumber`,
          code: 'REGISTER_NUMBER_USED',
          messageVi: `Số vào sổ "${fields.registerNumber}" đã có ở ${holder} của sổ này.`,
          messageEn: `Register number "${fields.registerNumber}" is already used at ${holder} of this book.`,
        });
      } else takenNumbers.set(key, entryId);
    }
    if (bornAfterIssue(fields.birthDate, fields.issueDate)) {
      problems.push({
        field: `${at}.fields.birthDate`,
        code: 'BIRTH_AFTER_ISSUE',
        messageVi: 'Ngày sinh sau ngày cấp văn bằng.',
        messageEn: 'The birth date is after the issue date.',
      });
    }
    if (fields.issueDate !== null && authority && !isActiveOn(authority, fields.issueDate)) {
      problems.push({
        field: `${at}.fields.issueDate`,
        code: 'ISSUE_DATE_OUTSIDE_AUTHORITY',
        messageVi: `Ngày cấp ${fields.issueDate} nằm ngoài thời gian tồn tại của ${authority.name} (từ ${authority.registeredOn}${authority.end ? ` đến trước ${authority.end.effectiveOn}` : ''}).`,
        messageEn: `Issue date ${fields.issueDate} is outside ${authority.name}'s existence.`,
      });
    }
    entries.push(entry);
  });
  if (problems.length > 0) refuseProblems(problems);
  return entries;
}

function sameEntry(a: LegacyEntry, b: LegacyEntry): boolean {
  return JSON.stringify([a.fields, Object.entries(a.marks).sort()]) === JSON.stringify([b.fields, Object.entries(b.marks).sort()]);
}

function transcribe(
  command: Extract<LegacyBookCommand, { type: 'TranscribeLegacyEntries' }>,
  header: LegacyBookHeader,
  state: LegacyBookState,
  context: CommandContext,
): LegacyBookEvent[] {
  if (!Array.isArray(command.entries) || command.entries.length === 0 || command.entries.length > MAX_ENTRIES_PER_COMMAND) {
    throw refuse(
      'BAD_ENTRY_COUNT',
      'invalid_input',
      'entries',
      `Mỗi lần nhập từ 1 đến ${MAX_ENTRIES_PER_COMMAND} dòng.`,
      `Send 1–${MAX_ENTRIES_PER_COMMAND} lines at a time.`,
    );
  }
  requireCustodian(header, state.custodianCode, command.directory, context);
  const entries = readEntries(command.entries, header, state, command.directory, (index) => `entries[${index}]`, false);
  if (entries.length === 0) return [];
  return [
    {
      type: 'LegacyEntriesTranscribed',
      data: { bookId: header.bookId, entries, transcribedBy: context.actor.officerId, source: command.source },
    },
  ];
}

function amend(
  command: Extract<LegacyBookCommand, { type: 'AmendLegacyEntry' }>,
  header: LegacyBookHeader,
  state: LegacyBookState,
  context: CommandContext,
): LegacyBookEvent[] {
  requireCustodian(header, state.custodianCode, command.directory, context);
  const [entry] = readEntries([command.entry], header, state, command.directory, () => 'entry', true);
  const current = state.entries.get(entry!.entryId)!;
  if (sameEntry(current.entry, entry!) && current.status === 'unchecked') return [];
  return [{ type: 'LegacyEntryAmended', data: { bookId: header.bookId, entry: entry!, amendedBy: context.actor.officerId } }];
}

/**
 * Four eyes (issue 14 §3): a second officer confirms each line against the page's scan, or lists the
 * fields where the scan reads otherwise; disputed lines wait for a third look (amend, or a confirmation
 * by someone other than the typist). The typist of a line can never confirm it.
 */
function check(
  command: Extract<LegacyBookCommand, { type: 'CheckLegacyEntries' }>,
  header: LegacyBookHeader,
  state: LegacyBookState,
  context: CommandContext,
): LegacyBookEvent[] {
  requireCustodian(header, state.custodianCode, command.directory, context);
  const events: LegacyBookEvent[] = [];
  const seen = new Set<string>();
  const lookUp = (entryId: string, field: string) => {
    const found = state.entries.get(entryId);
    if (!found)
      throw refuse('LEGACY_ENTRY_NOT_FOUND', 'not_found', field, `Không có dòng ${entryId} trong sổ.`, `No line ${entryId} in the book.`);
    if (seen.has(entryId))
      throw refuse('ENTRY_LISTED_TWICE', 'invalid_input', field, `Dòng ${entryId} được nêu hai lần.`, `Line ${entryId} is listed twice.`);
    seen.add(entryId);
    if (found.typedBy === context.actor.officerId) {
      throw refuse(
        'CHECKER_IS_TYPIST',
        'rule_violation',
        field,
        `Người nhập dòng ${entryId} không được tự kiểm tra dòng đó.`,
        `Whoever typed line ${entryId} may not check it.`,
      );
    }
    return found;
  };
  command.confirmed.forEach((entryId, index) => {
    const found = lookUp(entryId, `confirmed[${index}]`);
    if (found.status === 'checked') return;
    const scans = state.scans.get(found.entry.page);
    const scan = scans?.[scans.length - 1];
    if (!scan)
      throw refuse(
        'PAGE_HAS_NO_SCAN',
        'rule_violation',
        `confirmed[${index}]`,
        `Trang ${found.entry.page} chưa có bản quét để đối chiếu.`,
        `Page ${found.entry.page} has no scan to check against.`,
      );
    events.push({
      type: 'LegacyEntryChecked',
      data: {
        bookId: header.bookId,
        diplomaId: legacyDiplomaId(header.bookId, found.entry.page, found.entry.line),
        book: header,
        entry: found.entry,
        scanSha256: scan.sha256,
        transcribedBy: found.typedBy,
        checkedBy: context.actor.officerId,
      },
    });
  });
  command.disputed.forEach(({ entryId, disagreements }, index) => {
    const found = lookUp(entryId, `disputed[${index}]`);
    if (found.status === 'checked')
      throw refuse(
        'LEGACY_ENTRY_CHECKED',
        'rule_violation',
        `disputed[${index}]`,
        'Dòng đã được kiểm tra và vào sổ.',
        'The line is already checked.',
      );
    const fine =
      Array.isArray(disagreements) &&
      disagreements.length > 0 &&
      disagreements.every(
        (d) =>
          (LEGACY_ENTRY_FIELDS as readonly string[]).includes(d.field) &&
          typeof d.readingOnScan === 'string' &&
          d.readingOnScan.length <= 500,
      );
    if (!fine)
      throw refuse(
        'BAD_DISAGREEMENT',
        'invalid_input',
        `disputed[${index}].disagreements`,
        'Nêu từng trường khác với bản quét và nội dung đọc được trên bản quét.',
        'Name each field that differs from the scan and what the scan reads.',
      );
    events.push({
      type: 'LegacyEntryDisputed',
      data: {
        bookId: header.bookId,
        entryId,
        disagreements: disagreements.map((d) => ({ field: d.field, readingOnScan: d.readingOnScan.normalize('NFC').trim() })),
        disputedBy: context.actor.officerId,
      },
    });
  });
  return events;
}
