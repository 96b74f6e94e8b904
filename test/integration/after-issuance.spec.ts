import { BASELINE_CALENDAR_STATE, calendarFromState } from '@so-goc/domain';
import {
  authorityDirectoryCache,
  decideCorrection,
  deliverDiploma,
  loadDiploma,
  notifyRevocation,
  publishRevocation,
  recordRevokedDiplomaReturned,
  reissueDiploma,
  requestCorrection,
  revokeDiploma,
} from '@so-goc/platform';
import {
  blankSerialStatus,
  correctionRequestsPastDue,
  hashTables,
  overdueReturns,
  printRunView,
  publicDiplomaById,
  publicDiplomaBySerialAndHolder,
  publicLookupProjection,
  publicRevocationOf,
  publicRevocationsProjection,
  registerAppendix,
  registerBook,
  registerBookProjection,
  revocationsPublishedBy,
} from '@so-goc/projections';
import { context, issuanceWorld, signerContext } from '../support/issuance-world';

jest.setTimeout(120_000);
const calendar = calendarFromState(BASELINE_CALENDAR_STATE);

describe('After issuance: corrections, reissue, revocation and the register appendix (rules 22, 27–45)', () => {
  it('shows a revocation, a correction of a Phòng-era diploma by the successor Sở, and a reissue in the sổ gốc notes, the appendix and the public list', async () => {
    const world = await issuanceWorld();
    const { store } = world;
    const directory = () => authorityDirectoryCache(store).current();

    // THPT 2024 at the Sở, THCS 2024 at the Phòng (abolished 01/07/2025, succeeded by the Sở).
    await world.issueThpt2024();
    await world.issueThcsAtPhong2024();

    let db = await world.readModels();
    const thpt = printRunView(db, 'thpt-2024')!.entries;
    const thcs = printRunView(db, 'thcs-tn-2024')!.entries;
    const fraud = thpt[10]!;
    const misnamed = thpt[20]!;
    const renamed = thcs[5]!;

    // Scenario 3: police report a forged transcript; the Sở revokes, publishes, notifies; the paper does not come back.
    await revokeDiploma(
      store,
      await directory(),
      {
        diplomaId: fraud.diplomaId,
        decisionNumber: '99/QĐ-SGDĐT',
        decisionDate: '2026-02-01',
        ground: 'fraud',
        reasons: 'Học bạ giả trong hồ sơ dự thi',
        source: 'police',
        authorityCode: 'SGD-HP',
      },
      context(),
    );
    await publishRevocation(
      store,
      { diplomaId: fraud.diplomaId, publishedOn: '2026-02-03', where: 'https://haiphong.edu.vn/thu-hoi' },
      context(),
    );
    await notifyRevocation(
      store,
      {
        diplomaId: fraud.diplomaId,
        recipients: [
          { kind: 'holder', name: fraud.fullName },
          { kind: 'detecting_body', name: 'Công an thành phố Hải Phòng' },
        ],
        holderReceivedOn: '2026-02-05',
      },
      context(),
    );
    await expect(
      revokeDiploma(
        store,
        await directory(),
        {
          diplomaId: fraud.diplomaId,
          decisionNumber: '100/QĐ-SGDĐT',
          decisionDate: '2026-02-02',
          ground: 'altered',
          reasons: 'x',
          source: 'issuer',
          authorityCode: 'SGD-HP',
        },
        context(),
      ),
    ).rejects.toMatchObject({ code: 'DIPLOMA_ALREADY_REVOKED' });

    // Rule 32: the Phòng-era THCS diploma is corrected in 2026 by the Sở that holds the Phòng's register.
    const newBirthDate = renamed.birthDate === '2009-01-01' ? '2009-01-02' : '2009-01-01';
    await requestCorrection(
      store,
      calendar,
      {
        authorityCode: 'SGD-HP',
        diplomaId: renamed.diplomaId,
        requestId: 'cs-2026-05',
        ground: 'birth_registered_late_or_again',
        changes: [{ field: 'birthDate', after: newBirthDate }],
        document: { kind: 'Giấy khai sinh (đăng ký lại)', number: '77/2026', date: '2026-04-20', issuedBy: 'UBND xã Thuỷ Nguyên' },
        requestedBy: renamed.fullName,
        receivedOn: '2026-05-04',
        dossierCompleteOn: '2026-05-04',
      },
      context(),
    );
    await expect(
      decideCorrection(
        store,
        await directory(),
        {
          diplomaId: renamed.diplomaId,
          requestId: 'cs-2026-05',
          decisionNumber: '12/QĐ-UBX',
          decisionDate: '2026-05-06',
          authorityCode: 'UBX-TN',
        },
        context('UBX-TN'),
      ),
    ).rejects.toMatchObject({ code: 'NOT_REGISTER_HOLDER' });
    await decideCorrection(
      store,
      await directory(),
      {
        diplomaId: renamed.diplomaId,
        requestId: 'cs-2026-05',
        decisionNumber: '45/QĐ-SGDĐT',
        decisionDate: '2026-05-08',
        authorityCode: 'SGD-HP',
      },
      // Issue 17: the head records the decision, not the officer who took the dossier.
      signerContext(),
    );

    // A second dossier, complete on Monday 04/05/2026, is left unanswered: due Monday 11/05 (5 working days).
    const waiting = thcs[6]!;
    await requestCorrection(
      store,
      calendar,
      {
        authorityCode: 'SGD-HP',
        diplomaId: waiting.diplomaId,
        requestId: 'cs-2026-06',
        ground: 'civil_status_changed',
        changes: [{ field: 'birthPlace', after: 'Thành phố Hải Phòng' }],
        document: { kind: 'Trích lục', number: '78/2026', date: '2026-04-28', issuedBy: 'UBND xã Thuỷ Nguyên' },
        requestedBy: waiting.fullName,
        receivedOn: '2026-05-04',
        dossierCompleteOn: '2026-05-04',
      },
      context(),
    );

    // Rule 36: the issuer misspelled a name; the old paper is superseded and a new one goes on a new blank.
    await reissueDiploma(
      store,
      await directory(),
      {
        diplomaId: misnamed.diplomaId,
        authorityCode: 'SGD-HP',
        decisionNumber: '7/QĐ-SGDĐT',
        decisionDate: '2026-03-02',
        issuerError: 'Ghi sai họ tên so với quyết định công nhận tốt nghiệp',
        changes: [{ field: 'fullName', after: `${misnamed.fullName} Anh` }],
        lotId: 'HP-THPT-2024',
        issueDate: '2026-03-03',
        issuePlace: 'Hải Phòng',
        signerId: 'gd-sgd-hp',
      },
      context(),
    );
    const replacement = await loadDiploma(store, `${misnamed.diplomaId}-r1`);
    expect(replacement.issued).toMatchObject({
      serialLabel: 'HP 0202001',
      registerLabel: `${misnamed.registerLabel}/1`,
      holder: { fullName: `${misnamed.fullName} Anh` },
    });
    await deliverDiploma(
      store,
      {
        diplomaId: replacement.issued.diplomaId,
        authorityCode: 'SGD-HP',
        recipient: { kind: 'holder', fullName: `${misnamed.fullName} Anh`, authorisationRef: null, idDocument: null },
        deliveredOn: '2026-03-05',
        deliveredBy: 'Lan',
      },
      context(),
    );
    // The old paper comes back and waits for the destruction council (rule 44).
    await recordRevokedDiplomaReturned(
      store,
      { diplomaId: misnamed.diplomaId, returnedOn: '2026-03-05', receivedBy: 'Nguyễn Thị Lan', authorityCode: 'SGD-HP' },
      context(),
    );

    db = await world.readModels();
    const thptBook = registerBook(db, { authorityCode: 'SGD-HP', kind: 'THPT', year: 2024 })[0]!.entries;
    // The sổ gốc rows are untouched; only their notes grow (rules 22, 30).
    expect(thptBook.find((r) => r.diplomaId === fraud.diplomaId)).toMatchObject({
      serial: fraud.serial,
      fullName: fraud.fullName,
      state: 'revoked',
      notes: [{ type: 'revoked', decisionNumber: '99/QĐ-SGDĐT', decisionDate: '2026-02-01', ground: 'fraud' }],
    });
    expect(thptBook.find((r) => r.diplomaId === misnamed.diplomaId)).toMatchObject({
      fullName: misnamed.fullName,
      state: 'superseded',
      notes: [{ type: 'reissued', newSerial: 'HP 0202001', newRegisterNumber: `${misnamed.registerLabel}/1` }],
    });
    const thcsBook = registerBook(db, { authorityCode: 'PGD-TN', kind: 'THCS', year: 2024 })[0]!.entries;
    expect(thcsBook.find((r) => r.diplomaId === renamed.diplomaId)).toMatchObject({
      birthDate: renamed.birthDate,
      notes: [{ type: 'corrected', decisionNumber: '45/QĐ-SGDĐT', appendixRow: 1 }],
    });

    expect(registerAppendix(db, { authorityCode: 'PGD-TN', kind: 'THCS', year: 2024 })).toEqual([
      expect.objectContaining({
        rowNumber: 1,
        action: 'correction',
        serial: renamed.serial,
        changes: [{ field: 'birthDate', before: renamed.birthDate, after: newBirthDate }],
        decisionNumber: '45/QĐ-SGDĐT',
        decisionDate: '2026-05-08',
      }),
    ]);
    expect(registerAppendix(db, { authorityCode: 'SGD-HP', kind: 'THPT', year: 2024 })).toEqual([
      expect.objectContaining({
        rowNumber: 1,
        action: 'reissue',
        serial: misnamed.serial,
        newSerial: 'HP 0202001',
        newRegisterNumber: `${misnamed.registerLabel}/1`,
        decisionNumber: '7/QĐ-SGDĐT',
      }),
    ]);

    // The public list: serial, number, issuer, decision and date, and nothing about the holder.
    expect(publicRevocationOf(db, fraud.serial)).toEqual({
      serial: fraud.serial,
      registerNumber: fraud.registerLabel,
      issuerCode: 'SGD-HP',
      decisionNumber: '99/QĐ-SGDĐT',
      decisionDate: '2026-02-01',
      publishedOn: '2026-02-03',
    });
    expect(JSON.stringify(revocationsPublishedBy(db, 'SGD-HP'))).not.toContain(fraud.fullName);

    // Rule 29: the decided request is never late; the unanswered one is listed once its three working days
    // under TT10/2026 (the deadline table, issue 17) have passed.
    expect(correctionRequestsPastDue(db, 'SGD-HP', '2026-05-07')).toEqual([]);
    expect(correctionRequestsPastDue(db, 'SGD-HP', '2026-05-08')).toEqual([
      { requestId: 'cs-2026-06', diplomaId: waiting.diplomaId, dossierCompleteOn: '2026-05-04', dueBy: '2026-05-07' },
    ]);

    // Rule 43: 30 days after the holder received the decision the paper is overdue; the returned one is not.
    expect(overdueReturns(db, 'SGD-HP', '2026-03-07')).toEqual([]);
    expect(overdueReturns(db, 'SGD-HP', '2026-03-08').map((r) => r.diplomaId)).toEqual([fraud.diplomaId]);
    expect(blankSerialStatus(db, 'HP', Number(misnamed.serial.slice(3)))).toMatchObject({ status: 'spoiled' });

    // What the public portal answers from: revoked, replaced (with the new serial), the replacement valid, corrected by decision.
    expect(publicDiplomaById(db, fraud.diplomaId)).toMatchObject({
      status: 'revoked',
      revocation: { decisionNumber: '99/QĐ-SGDĐT', decisionDate: '2026-02-01' },
    });
    expect(publicDiplomaById(db, misnamed.diplomaId)).toMatchObject({
      status: 'replaced',
      replacement: { serial: 'HP 0202001', decisionNumber: '7/QĐ-SGDĐT' },
    });
    expect(publicDiplomaById(db, `${misnamed.diplomaId}-r1`)).toMatchObject({
      status: 'valid',
      serial: 'HP 0202001',
      fullName: `${misnamed.fullName} Anh`,
    });
    expect(publicDiplomaById(db, renamed.diplomaId)).toMatchObject({
      status: 'corrected',
      birthDate: newBirthDate,
      corrections: [{ decisionNumber: '45/QĐ-SGDĐT', decisionDate: '2026-05-08' }],
    });
    // Rule 30: the paper keeps the old date; a verifier typing it from the paper still finds the diploma, as does one typing the corrected date.
    for (const birthDate of [renamed.birthDate, newBirthDate]) {
      expect(publicDiplomaBySerialAndHolder(db, { serial: renamed.serial, fullName: renamed.fullName, birthDate })).toMatchObject({
        diplomaId: renamed.diplomaId,
        status: 'corrected',
      });
    }

    const tables = [...registerBookProjection.tables, ...publicRevocationsProjection.tables, ...publicLookupProjection.tables];
    const live = hashTables(db, tables);
    await world.rebuild('register-book');
    await world.rebuild('public-revocations');
    await world.rebuild('public-lookup');
    expect(hashTables(db, tables)).toBe(live);
    await world.close();
  });
});
