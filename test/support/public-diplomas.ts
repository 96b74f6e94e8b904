import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { holderDigest, signVerificationToken, type VerificationPayload } from '@so-goc/documents';
import { graduationDecisionStream, printRunStream, type CommandContext, type ListedGraduate, type PrintRunEntry } from '@so-goc/domain';
import type { EventStore } from '@so-goc/event-store';
import {
  authorityDirectoryCache,
  FileKeyring,
  importGraduationDecision,
  openPrintRun,
  receiveBlankLot,
  recordPrinting,
  signPrintRun,
} from '@so-goc/platform';
import { loadDemoProvinceInto } from '../../apps/cli/src/commands/demo-province';

const FIXTURE = resolve(__dirname, '../fixtures/graduates/graduates-thpt-2024.csv');

export const ctx = (occurredAt = '2024-08-01T02:00:00.000Z'): CommandContext => {
  const id = randomUUID();
  return {
    commandId: id,
    correlationId: id,
    causationId: id,
    actor: { officerId: 'lan.nguyen', role: 'registrar', authorityCode: 'SGD-HP' },
    occurredAt,
  };
};

/** One issued diploma with everything a test needs to ask about it, including what must never be shown. */
export interface IssuedDiploma {
  readonly diplomaId: string;
  readonly graduateId: string;
  readonly fullName: string;
  readonly birthDate: string;
  readonly birthPlace: string;
  readonly ethnicity: string;
  readonly nationalId: string;
  readonly sex: string;
  readonly school: string;
  readonly serial: string;
  readonly registerNumber: string;
  readonly issueDate: string;
  readonly exempt: boolean;
}

/**
 * The first `count` graduates of the THPT fixture (row 18 is Nguyễn Đình Hưng, of Mường ethnicity),
 * issued by SGD-HP through the platform functions, as an office does it: decision, print run, printing,
 * signing. The rows listed in `exemptRows` (1-based, as in the file) are exempt from public listing.
 */
export async function issueFixtureDiplomas(
  store: EventStore,
  options: { count: number; exemptRows?: number[]; issueDate?: string; withProvince?: boolean; receiveLot?: boolean; sign?: boolean },
): Promise<IssuedDiploma[]> {
  const issueDate = options.issueDate ?? '2024-08-14';
  if (options.withProvince !== false) await loadDemoProvinceInto(store);
  if (options.receiveLot !== false)
    await receiveBlankLot(
      store,
      {
        type: 'ReceiveBlankLot',
        lotId: 'HP-THPT-2024',
        authorityCode: 'SGD-HP',
        kind: 'THPT',
        templateVersion: 'TT21-2019',
        prefix: 'HP',
        width: 7,
        from: 200001,
        to: 201000,
        supplier: 'Nhà in Bộ GDĐT',
        deliveryNote: { number: 'PGH-1', date: '2024-05-20' },
        receivedBy: 'Nguyễn Thị Lan',
        receivedOn: '2024-05-20',
      },
      ctx(),
    );
  const lines = readFileSync(FIXTURE, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line !== '');
  const bytes = new TextEncoder().encode(`${lines.slice(0, options.count + 1).join('\n')}\n`);
  const decisionId = 'sgd-hp-1234-2024';
  await importGraduationDecision(
    store,
    {
      decisionId,
      authorityCode: 'SGD-HP',
      number: '1234/QĐ-SGDĐT',
      date: '2024-07-20',
      kind: 'THPT',
      schoolYear: '2023-2024',
      examSession: 'Kỳ thi tốt nghiệp THPT năm 2024',
      fileName: 'graduates.csv',
      bytes,
    },
    ctx(),
  );
  const graduates = new Map<string, ListedGraduate>();
  for (const event of (await store.readStream(graduationDecisionStream(decisionId))).events) {
    if (event.type === 'GraduatesListed')
      for (const g of (event.data as { graduates: ListedGraduate[] }).graduates) graduates.set(g.graduateId, g);
  }
  const exemptIds = [...graduates.values()].filter((g) => options.exemptRows?.includes(g.sourceRow - 1)).map((g) => g.graduateId);
  await openPrintRun(
    store,
    {
      printRunId: 'thpt-2024-dot-1',
      authorityCode: 'SGD-HP',
      decisionId,
      lotId: 'HP-THPT-2024',
      templateVersion: 'TT21-2019',
      openedOn: '2024-08-05',
      spareBlanks: 2,
      ...(exemptIds.length > 0 ? { exemptFromPublicListing: { graduateIds: exemptIds, basis: 'Công văn số 12/CV-CA' } } : {}),
    },
    // Each act recorded on its day: one dated after the day it is recorded is refused (issue 16).
    ctx('2024-08-05T02:00:00.000Z'),
  );
  await recordPrinting(
    store,
    { printRunId: 'thpt-2024-dot-1', authorityCode: 'SGD-HP', printedOn: '2024-08-06' },
    ctx('2024-08-06T02:00:00.000Z'),
  );
  if (options.sign !== false) await signFixtureRun(store, issueDate);
  const entries = (await store.readStream(printRunStream('thpt-2024-dot-1'))).events
    .filter((e) => e.type === 'PrintRunEntriesPlanned')
    .flatMap((e) => (e.data as { entries: PrintRunEntry[] }).entries);
  return entries.map((entry) => {
    const g = graduates.get(entry.graduateId)!;
    return {
      diplomaId: entry.diplomaId,
      graduateId: g.graduateId,
      fullName: g.fullName,
      birthDate: g.birthDate,
      birthPlace: g.birthPlace,
      ethnicity: g.ethnicity,
      nationalId: g.nationalId,
      sex: g.sex,
      school: g.school,
      serial: entry.serialLabel,
      registerNumber: entry.registerLabel,
      issueDate,
      exempt: entry.exemptFromPublicListing,
    };
  });
}

/** The director signs the fixture's print run, which issues its diplomas. */
export async function signFixtureRun(store: EventStore, issueDate = '2024-08-14'): Promise<void> {
  const directory = await authorityDirectoryCache(store).current();
  await signPrintRun(
    store,
    directory,
    { printRunId: 'thpt-2024-dot-1', authorityCode: 'SGD-HP', signerId: 'gd-sgd-hp', issueDate, issuePlace: 'Hải Phòng' },
    {
      ...ctx(`${issueDate}T02:00:00.000Z` > '2024-08-01T02:00:00.000Z' ? `${issueDate}T02:00:00.000Z` : undefined),
      actor: { officerId: 'ky-hp', role: 'signer', authorityCode: 'SGD-HP' },
    },
  );
}

/** The token the diploma's QR would carry, signed with the authority's key from the data directory's keyring. */
export function tokenFor(keyring: FileKeyring, diploma: IssuedDiploma, overrides: Partial<VerificationPayload> = {}): string {
  const key = keyring.activeSigningKey('SGD-HP');
  const payload: VerificationPayload = {
    v: 1,
    kid: key.kid,
    kind: 'diploma',
    diplomaId: diploma.diplomaId,
    serial: diploma.serial,
    registerNumber: diploma.registerNumber,
    authorityCode: 'SGD-HP',
    issueDate: diploma.issueDate,
    holderDigest: holderDigest(diploma.fullName, diploma.birthDate),
    ...overrides,
  };
  return signVerificationToken(payload, key.privateKey);
}

/** A token whose signature no longer matches: one character of the payload changed, as a forger would. */
export function tamper(token: string): string {
  const index = 20;
  const replacement = token[index] === 'A' ? 'B' : 'A';
  return `${token.slice(0, index)}${replacement}${token.slice(index + 1)}`;
}

/** Without diacritics and in lower case, as a visitor on a foreign keyboard types a name. */
export function plain(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

export function dmy(isoDate: string): string {
  return isoDate.split('-').reverse().join('/');
}
