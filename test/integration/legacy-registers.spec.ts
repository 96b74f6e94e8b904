import { randomUUID } from 'node:crypto';
import { BASELINE_CALENDAR_STATE, calendarFromState, type CommandContext, type LegacyEntryInput } from '@so-goc/domain';
import {
  answerVerificationRequest,
  authorityDirectoryCache,
  AttachLegacyPageScan,
  AmendLegacyEntry,
  AmendLegacyEntryHandler,
  AttachLegacyPageScanHandler,
  CheckLegacyEntries,
  CheckLegacyEntriesHandler,
  decideCorrection,
  HandOverRegisters,
  HandOverRegistersHandler,
  issueCopies,
  loadDiploma,
  OfficerAccess,
  receiveBlankLot,
  receiveCopyRequest,
  receiveVerificationRequest,
  RegisterLegacyBook,
  RegisterLegacyBookHandler,
  requestCorrection,
  ScanStore,
  TranscribeLegacyEntries,
  TranscribeLegacyEntriesHandler,
} from '@so-goc/platform';
import {
  copyRegister,
  coverageRows,
  coverageStatement,
  digitisedRegisterRows,
  digitisedSerialsInReceivedLots,
  hashTables,
  legacyBookProgress,
  legacyDisputes,
  legacyRegisterProjection,
  publicDiplomaBySerialAndHolder,
  registerAppendix,
  verificationRequestById,
} from '@so-goc/projections';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { context, issuanceWorld } from '../support/issuance-world';
import { LookupService } from '../../apps/verify-portal/src/lookup/lookup.service';
import type { KeySetCache } from '../../apps/verify-portal/src/keys/key-set-cache';

jest.setTimeout(120_000);

const officer = (officerId: string, occurredAt = '2026-11-20T02:00:00.000Z'): CommandContext => ({
  ...context('SGD-HP', occurredAt, randomUUID()),
  actor: { officerId, role: 'registrar', authorityCode: 'SGD-HP' },
});
const typist = () => officer('typist.mai');
const checker = () => officer('checker.hung');

/** Twenty lines of page 3 of the Sở's 1998 THPT book, as typed: years of birth only, a month/year, one illegible place. */
function page3(): LegacyEntryInput[] {
  return Array.from({ length: 20 }, (_, i) => {
    const line = i + 1;
    const illegiblePlace = line === 7;
    return {
      page: 3,
      line,
      fields: {
        registerNumber: `${200 + line}/THPT`,
        serial: `A ${String(45000 + line).padStart(6, '0')}`,
        fullName: line === 5 ? 'Nguyễn Thị Hoà' : `Trần Văn Số ${line}`,
        birthDate: line % 4 === 0 ? `0${(line % 9) + 1}/1980` : '1980',
        birthPlace: illegiblePlace ? null : 'Thuỷ Nguyên, Hải Phòng',
        sex: line % 2 === 0 ? 'Nam' : 'Nữ',
        ethnicity: 'Kinh',
        school: 'Trường PTTH Thuỷ Sơn',
        classification: 'Khá',
        issueDate: '20/08/1998',
        signerName: 'Trần Văn Bình',
        signerTitle: 'KT. Giám đốc, Phó Giám đốc',
        remarks: null,
      },
      marks: illegiblePlace ? { birthPlace: 'illegible' } : {},
    };
  });
}

const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
  Buffer.from('scan of page 3, sổ gốc THPT 1998 tập 1'),
  Buffer.from([0xff, 0xd9]),
]);

describe('Digitised paper registers (issue 14; rules 19–20, 46, 58–61)', () => {
  it('a 1998 THPT page typed and checked by a second officer becomes a diploma of the register; before the check it is invisible', async () => {
    const world = await issuanceWorld();
    const { store } = world;
    const access = new OfficerAccess(store);
    const scans = new ScanStore(join(world.dir.path, 'scans'));
    const directory = () => authorityDirectoryCache(store).current();

    const registered = await new RegisterLegacyBookHandler(store, access).execute(
      new RegisterLegacyBook(
        {
          authorityCode: 'SGD-HP',
          kind: 'THPT',
          titleAsWritten: 'Sổ gốc cấp bằng tốt nghiệp phổ thông trung học',
          year: 1998,
          volume: 1,
          pageCount: 40,
        },
        typist(),
      ),
    );
    const bookId = registered.stream.replace('legacy-book-', '');
    expect(bookId).toBe('SGD-HP-THPT-1998-v1');
    await expect(
      new RegisterLegacyBookHandler(store, access).execute(
        new RegisterLegacyBook(
          { authorityCode: 'SGD-HP', kind: 'THPT', titleAsWritten: 'Sổ khác', year: 1998, volume: 1, pageCount: 60 },
          typist(),
        ),
      ),
    ).rejects.toMatchObject({ code: 'LEGACY_BOOK_EXISTS', problem: { field: 'volume' } });

    // A scan that is not an image is refused and leaves no file; a JPEG is stored under its SHA-256.
    await expect(
      new AttachLegacyPageScanHandler(store, access, scans).execute(
        new AttachLegacyPageScan(bookId, 3, new Uint8Array(Buffer.from('PK\x03\x04 not a scan')), typist()),
      ),
    ).rejects.toMatchObject({ code: 'SCAN_NOT_IMAGE', problem: { field: 'file' } });
    const attached = await new AttachLegacyPageScanHandler(store, access, scans).execute(
      new AttachLegacyPageScan(bookId, 3, new Uint8Array(JPEG), typist()),
    );
    const sha256 = (attached.events[0]!.data as { sha256: string }).sha256;
    expect(existsSync(scans.pathOf(sha256))).toBe(true);
    expect(scans.read(sha256)!.equals(JPEG)).toBe(true);

    await new TranscribeLegacyEntriesHandler(store, access).execute(new TranscribeLegacyEntries(bookId, page3(), typist()));
    const hoa = 'legacy-sgd-hp-thpt-1998-v1-p3-l5';

    // Unchecked: nowhere to be found, not by the public, not for copies or letters.
    let db = await world.readModels();
    expect(publicDiplomaBySerialAndHolder(db, { serial: 'A 045005', fullName: 'Nguyễn Thị Hoà', birthDate: '1980' })).toBeUndefined();
    await expect(loadDiploma(store, hoa)).rejects.toMatchObject({ code: 'DIPLOMA_NOT_FOUND' });
    expect(digitisedRegisterRows(db, ['SGD-HP'], 'THPT', 1998)).toEqual([]);

    // Four eyes: the typist cannot confirm; the checker confirms 19 lines and disputes one.
    const all = page3().map((e) => `p${e.page}-l${e.line}`);
    await expect(
      new CheckLegacyEntriesHandler(store, access).execute(new CheckLegacyEntries(bookId, all, [], typist())),
    ).rejects.toMatchObject({ code: 'CHECKER_IS_TYPIST' });
    await new CheckLegacyEntriesHandler(store, access).execute(
      new CheckLegacyEntries(
        bookId,
        all.filter((id) => id !== 'p3-l12'),
        [{ entryId: 'p3-l12', disagreements: [{ field: 'fullName', readingOnScan: 'Trần Văn Sở 12' }] }],
        checker(),
      ),
    );
    db = await world.readModels();
    expect(legacyDisputes(db, bookId)).toEqual([
      { entryId: 'p3-l12', field: 'fullName', typed: 'Trần Văn Số 12', readingOnScan: 'Trần Văn Sở 12', disputedBy: 'checker.hung' },
    ]);
    expect(legacyBookProgress(db, bookId)).toMatchObject({
      pages: [{ page: 3, scans: 1, unchecked: 0, disputed: 1, checked: 19 }],
      typists: [{ officer: 'typist.mai', typed: 20 }],
      checkers: [{ officer: 'checker.hung', checked: 19 }],
    });
    expect(publicDiplomaBySerialAndHolder(db, { serial: 'A 045012', fullName: 'Trần Văn Số 12', birthDate: '1980' })).toBeUndefined();

    // Checked: the portal finds her by serial, name and year of birth as written (§5.1 fields).
    expect(publicDiplomaBySerialAndHolder(db, { serial: 'a045005', fullName: 'NGUYEN THI HOA', birthDate: '1980' })).toMatchObject({
      diplomaId: hoa,
      serial: 'A 045005',
      registerNumber: '205/THPT',
      kind: 'THPT',
      fullName: 'Nguyễn Thị Hoà',
      birthDate: '1980',
      birthPlace: 'Thuỷ Nguyên, Hải Phòng',
      issueDate: '1998-08-20',
      status: 'valid',
    });
    const rows = digitisedRegisterRows(db, ['SGD-HP'], 'THPT', 1998);
    expect(rows).toHaveLength(19);
    expect(rows.find((r) => r.diplomaId === 'legacy-sgd-hp-thpt-1998-v1-p3-l7')).toMatchObject({
      fields: { birthPlace: null },
      marks: { birthPlace: 'illegible' },
      source: 'Số hóa từ sổ gốc cấp bằng tốt nghiệp phổ thông trung học, tập 1, trang 3, dòng 7',
    });

    // A correction by decision goes into the 1998 appendix.
    const calendar = calendarFromState(BASELINE_CALENDAR_STATE);
    await requestCorrection(
      store,
      calendar,
      {
        authorityCode: 'SGD-HP',
        diplomaId: hoa,
        requestId: 'cs-legacy-1',
        ground: 'civil_status_changed',
        changes: [{ field: 'birthPlace', after: 'Xã Thuỷ Nguyên, thành phố Hải Phòng' }],
        document: { kind: 'Trích lục', number: '12/2026', date: '2026-10-01', issuedBy: 'UBND xã' },
        requestedBy: 'Nguyễn Thị Hoà',
        receivedOn: '2026-11-02',
        dossierCompleteOn: '2026-11-02',
      },
      officer('lan.nguyen', '2026-11-02T02:00:00.000Z'),
    );
    await decideCorrection(
      store,
      await directory(),
      { diplomaId: hoa, requestId: 'cs-legacy-1', decisionNumber: '41/QĐ-SGDĐT', decisionDate: '2026-11-04', authorityCode: 'SGD-HP' },
      // Issue 17: the head records the decision, not the officer who took the dossier.
      officer('ky-hp', '2026-11-04T02:00:00.000Z'),
    );

    // A copy from the register is issued for it (rule 46), on copy blanks.
    await receiveBlankLot(
      store,
      {
        type: 'ReceiveBlankLot',
        lotId: 'HP-BS-THPT-2026',
        authorityCode: 'SGD-HP',
        kind: 'THPT_COPY',
        templateVersion: 'TT21-2019',
        prefix: 'BS',
        width: 7,
        from: 1,
        to: 100,
        supplier: 'Nhà in',
        deliveryNote: { number: 'PGH-BS', date: '2026-01-05' },
        receivedBy: 'Lan',
        receivedOn: '2026-01-05',
      },
      context('SGD-HP', '2026-01-05T02:00:00.000Z'),
    );
    await receiveCopyRequest(
      store,
      calendar,
      0,
      {
        requestId: 'bs-legacy-1',
        diplomaId: hoa,
        authorityCode: 'SGD-HP',
        requester: {
          kind: 'holder',
          fullName: 'Nguyễn Thị Hoà',
          idDocument: { kind: 'CCCD', number: '031180000005' },
          entitlementDocument: null,
          deathCertificate: null,
        },
        channel: 'counter',
        receivedAt: '2026-11-20T02:00:00Z',
        copies: 1,
      },
      context(),
    );
    await issueCopies(
      store,
      await directory(),
      {
        requestId: 'bs-legacy-1',
        authorityCode: 'SGD-HP',
        lotId: 'HP-BS-THPT-2026',
        issuedOn: '2026-11-20',
        issuePlace: 'Hải Phòng',
        signerId: 'gd-sgd-hp',
      },
      context(),
    );

    // A police letter about her is answered MATCH (with the correction, CORRECTED by that decision).
    await receiveVerificationRequest(
      store,
      {
        requestId: 'cv-legacy-1',
        authorityCode: 'SGD-HP',
        organisation: 'Công an thành phố Hải Phòng',
        letterNumber: '90/PC02',
        letterDate: '2026-11-10',
        receivedOn: '2026-11-11',
        legalBasis: 'Xác minh lý lịch',
        subjects: [{ fullName: 'Trần Văn Số 3', birthDate: '1980', serial: 'A 045003', registerNumber: null }],
      },
      context(),
    );
    db = await world.readModels();
    await answerVerificationRequest(
      store,
      db,
      await directory(),
      { requestId: 'cv-legacy-1', responseLetterNumber: '500/SGDĐT-QLCL', respondedOn: '2026-11-12', signerId: 'gd-sgd-hp' },
      context(),
    );

    db = await world.readModels();
    expect(registerAppendix(db, { authorityCode: 'SGD-HP', kind: 'THPT', year: 1998 })).toMatchObject([
      {
        action: 'correction',
        diplomaId: hoa,
        serial: 'A 045005',
        fullName: 'Nguyễn Thị Hoà',
        birthDate: '1980',
        decisionNumber: '41/QĐ-SGDĐT',
      },
    ]);
    expect(copyRegister(db, { authorityCode: 'SGD-HP', kind: 'THPT', year: 2026 })[0]).toMatchObject({
      requestId: 'bs-legacy-1',
      content: { originalSerial: 'A 045005', holder: { fullName: 'Nguyễn Thị Hoà', birthPlace: 'Xã Thuỷ Nguyên, thành phố Hải Phòng' } },
    });
    expect(verificationRequestById(db, 'cv-legacy-1')!.answers!.map((a) => a.result)).toEqual(['MATCH']);

    // Coverage: 1998 is not held while a line waits for its third look; once amended and checked it is.
    expect(coverageRows(db, ['SGD-HP'])).toEqual([
      { authorityCode: 'SGD-HP', kind: 'THPT', year: 1998, issued: 0, digitisedChecked: 19, digitisedUnchecked: 1, books: 1 },
    ]);
    await new AmendLegacyEntryHandler(store, access).execute(
      new AmendLegacyEntry(bookId, { ...page3()[11]!, fields: { ...page3()[11]!.fields, fullName: 'Trần Văn Sở 12' } }, checker()),
    );
    await expect(
      new CheckLegacyEntriesHandler(store, access).execute(new CheckLegacyEntries(bookId, ['p3-l12'], [], checker())),
    ).rejects.toMatchObject({ code: 'CHECKER_IS_TYPIST' });
    await new CheckLegacyEntriesHandler(store, access).execute(new CheckLegacyEntries(bookId, ['p3-l12'], [], typist()));
    db = await world.readModels();
    const portal = new LookupService(db, {} as KeySetCache);
    const notFound = [
      portal.lookup({ kind: 'serial_holder', serial: 'A 099999', fullName: 'Lê Văn Không', birthDate: '1979' }),
      // A real serial with another person's name, and a real person with a wrong birth year: nothing tells them apart.
      portal.lookup({ kind: 'serial_holder', serial: 'A 045005', fullName: 'Trần Văn Số 3', birthDate: '1980' }),
      portal.lookup({ kind: 'serial_holder', serial: 'A 045005', fullName: 'Nguyễn Thị Hoà', birthDate: '1981' }),
      portal.lookup({ kind: 'serial_register', serial: 'A 045003', registerNumber: '999/THPT' }),
    ];
    expect(notFound[0]).toEqual({ status: 'NOT_FOUND', coverage: coverageStatement(db) });
    for (const answer of notFound) expect(answer).toEqual(notFound[0]);
    expect(notFound[0]!.coverage!.vi).toBe(
      'Hệ thống này giữ văn bằng THPT của Sở Giáo dục và Đào tạo Hải Phòng năm 1998. Văn bằng của các năm khác chưa được số hóa: hãy hỏi cơ quan đã cấp văn bằng.',
    );
    expect(portal.lookup({ kind: 'serial_holder', serial: 'A 045012', fullName: 'Trần Văn Sở 12', birthDate: '1980-04' }).status).toBe(
      'VALID',
    );

    const live = hashTables(db, legacyRegisterProjection.tables);
    await world.rebuild('legacy-register');
    expect(hashTables(db, legacyRegisterProjection.tables)).toBe(live);
    await world.close();
  });

  it('a commune’s THCS book handed to the Sở (TT10/2026): from the hand-over date the commune’s copy is refused and the Sở’s is issued', async () => {
    const world = await issuanceWorld();
    const { store } = world;
    const access = new OfficerAccess(store);
    const scans = new ScanStore(join(world.dir.path, 'scans'));
    const directory = () => authorityDirectoryCache(store).current();
    const communeOfficer = (officerId: string, occurredAt = '2026-05-04T02:00:00.000Z'): CommandContext => ({
      ...officer(officerId, occurredAt),
      actor: { officerId, role: 'registrar', authorityCode: 'UBX-TN' },
    });

    // The commune digitises its own 2025 THCS book while it still holds it.
    const outcome = await new RegisterLegacyBookHandler(store, access).execute(
      new RegisterLegacyBook(
        { authorityCode: 'UBX-TN', kind: 'THCS', titleAsWritten: 'Sổ gốc cấp bằng tốt nghiệp THCS', year: 2025, volume: 1, pageCount: 10 },
        communeOfficer('hung.le'),
      ),
    );
    const bookId = outcome.stream.replace('legacy-book-', '');
    await new AttachLegacyPageScanHandler(store, access, scans).execute(
      new AttachLegacyPageScan(bookId, 1, new Uint8Array(Buffer.from('%PDF-1.7 page 1')), communeOfficer('hung.le')),
    );
    const line = {
      ...page3()[0]!,
      page: 1,
      fields: {
        ...page3()[0]!.fields,
        serial: 'HP 0200555',
        registerNumber: '01/THCS-2025',
        birthDate: '2010',
        issueDate: '15/08/2025',
        signerName: 'Phạm Văn Dũng',
        signerTitle: 'Chủ tịch UBND',
      },
    };
    await new TranscribeLegacyEntriesHandler(store, access).execute(new TranscribeLegacyEntries(bookId, [line], communeOfficer('hung.le')));
    await new CheckLegacyEntriesHandler(store, access).execute(new CheckLegacyEntries(bookId, ['p1-l1'], [], communeOfficer('thu.pham')));
    const diplomaId = 'legacy-ubx-tn-thcs-2025-v1-p1-l1';

    // Only the receiver records the hand-over; the Sở does, effective 20/05/2026.
    const handOver = {
      fromCode: 'UBX-TN',
      toCode: 'SGD-HP',
      kind: 'THCS' as const,
      effectiveOn: '2026-05-20',
      minutesRef: 'BB-BG-17/2026',
      books: ['Sổ gốc cấp bằng tốt nghiệp THCS năm 2025, tập 1'],
    };
    await expect(
      new HandOverRegistersHandler(store).execute(new HandOverRegisters(handOver, communeOfficer('hung.le'))),
    ).rejects.toMatchObject({ code: 'NOT_RECEIVER' });
    await new HandOverRegistersHandler(store).execute(new HandOverRegisters(handOver, officer('lan.nguyen', '2026-05-20T02:00:00.000Z')));

    const calendar = calendarFromState(BASELINE_CALENDAR_STATE);
    const requester = {
      kind: 'holder' as const,
      fullName: line.fields.fullName!,
      idDocument: { kind: 'CCCD', number: '031210000001' },
      entitlementDocument: null,
      deathCertificate: null,
    };
    await receiveBlankLot(
      store,
      {
        type: 'ReceiveBlankLot',
        lotId: 'HP-BS-THCS-2026',
        authorityCode: 'SGD-HP',
        kind: 'THCS_COPY',
        templateVersion: 'TT21-2019',
        prefix: 'BS',
        width: 7,
        from: 1,
        to: 100,
        supplier: 'Nhà in',
        deliveryNote: { number: 'PGH-BS', date: '2026-01-05' },
        receivedBy: 'Lan',
        receivedOn: '2026-01-05',
      },
      context('SGD-HP', '2026-01-05T02:00:00.000Z'),
    );
    // The commune has copy blanks of its own, so what refuses its copy is custody, not paper.
    await receiveBlankLot(
      store,
      {
        type: 'ReceiveBlankLot',
        lotId: 'TN-BS-THCS-2026',
        authorityCode: 'UBX-TN',
        kind: 'THCS_COPY',
        templateVersion: 'TT21-2019',
        prefix: 'TNBS',
        width: 7,
        from: 1,
        to: 100,
        supplier: 'Nhà in',
        deliveryNote: { number: 'PGH-TN', date: '2026-01-05' },
        receivedBy: 'Hưng',
        receivedOn: '2026-01-05',
      },
      context('UBX-TN', '2026-01-05T02:00:00.000Z'),
    );
    await receiveCopyRequest(
      store,
      calendar,
      0,
      {
        requestId: 'bs-ubx-1',
        diplomaId,
        authorityCode: 'UBX-TN',
        requester,
        channel: 'counter',
        receivedAt: '2026-06-01T02:00:00Z',
        copies: 1,
      },
      context('UBX-TN'),
    );
    await expect(
      issueCopies(
        store,
        await directory(),
        {
          requestId: 'bs-ubx-1',
          authorityCode: 'UBX-TN',
          lotId: 'TN-BS-THCS-2026',
          issuedOn: '2026-06-01',
          issuePlace: 'Thuỷ Nguyên',
          signerId: 'ct-ubx-tn',
        },
        context('UBX-TN'),
      ),
    ).rejects.toMatchObject({ code: 'NOT_REGISTER_HOLDER' });
    await receiveCopyRequest(
      store,
      calendar,
      0,
      {
        requestId: 'bs-sgd-1',
        diplomaId,
        authorityCode: 'SGD-HP',
        requester,
        channel: 'counter',
        receivedAt: '2026-06-01T02:00:00Z',
        copies: 1,
      },
      context(),
    );
    await issueCopies(
      store,
      await directory(),
      {
        requestId: 'bs-sgd-1',
        authorityCode: 'SGD-HP',
        lotId: 'HP-BS-THCS-2026',
        issuedOn: '2026-06-01',
        issuePlace: 'Hải Phòng',
        signerId: 'gd-sgd-hp',
      },
      context(),
    );
    const db = await world.readModels();
    expect(copyRegister(db, { authorityCode: 'SGD-HP', kind: 'THCS', year: 2026 })).toMatchObject([
      { requestId: 'bs-sgd-1', content: { issuerCode: 'UBX-TN', originalSerial: 'HP 0200555' } },
    ]);
    // Its serial falls inside the THPT lot the Sở received in 2024: a fraud signal, listed (issue 14 §5).
    expect(digitisedSerialsInReceivedLots(db)).toEqual([
      { diplomaId, bookId, entryId: 'p1-l1', serial: 'HP 0200555', lotId: 'HP-THPT-2024', receivingAuthority: 'SGD-HP' },
    ]);
    await world.close();
  });
});
