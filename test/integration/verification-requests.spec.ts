import { BASELINE_CALENDAR_STATE, calendarFromState } from '@so-goc/domain';
import {
  answerVerificationRequest,
  authorityDirectoryCache,
  decideCorrection,
  receiveVerificationRequest,
  requestCorrection,
  revokeDiploma,
} from '@so-goc/platform';
import { hashTables, printRunView, verificationRequestById, verificationRequestsProjection } from '@so-goc/projections';
import { context, issuanceWorld, signerContext } from '../support/issuance-world';

jest.setTimeout(120_000);

describe('Verification requests from agencies (docs/domain.md §2.9, scenario 5)', () => {
  it('answers a police letter about five people: matches, mismatch (name), not found, revoked, corrected', async () => {
    const world = await issuanceWorld();
    const { store } = world;
    const directory = () => authorityDirectoryCache(store).current();
    await world.issueThpt2024();
    let db = await world.readModels();
    const [a, b, c, d] = printRunView(db, 'thpt-2024')!.entries;
    await revokeDiploma(
      store,
      await directory(),
      {
        diplomaId: c!.diplomaId,
        decisionNumber: '99/QĐ-SGDĐT',
        decisionDate: '2026-02-01',
        ground: 'fraud',
        reasons: 'Học bạ giả',
        source: 'police',
        authorityCode: 'SGD-HP',
      },
      context(),
    );
    await requestCorrection(
      store,
      calendarFromState(BASELINE_CALENDAR_STATE),
      {
        authorityCode: 'SGD-HP',
        diplomaId: d!.diplomaId,
        requestId: 'cs-1',
        ground: 'civil_status_changed',
        changes: [{ field: 'fullName', after: `${d!.fullName} Linh` }],
        document: { kind: 'Trích lục', number: '1/2026', date: '2026-01-02', issuedBy: 'UBND' },
        requestedBy: d!.fullName,
        receivedOn: '2026-01-05',
        dossierCompleteOn: '2026-01-05',
      },
      context(),
    );
    await decideCorrection(
      store,
      await directory(),
      { diplomaId: d!.diplomaId, requestId: 'cs-1', decisionNumber: '3/QĐ-SGDĐT', decisionDate: '2026-01-08', authorityCode: 'SGD-HP' },
      // Issue 17: the head records the decision, not the officer who took the dossier.
      signerContext(),
    );

    await receiveVerificationRequest(
      store,
      {
        requestId: 'cv-ca-2026-17',
        authorityCode: 'SGD-HP',
        organisation: 'Phòng Cảnh sát hình sự, Công an thành phố Hải Phòng',
        letterNumber: '217/PC02',
        letterDate: '2026-03-01',
        receivedOn: '2026-03-03',
        legalBasis: 'Điều tra vụ án làm giả văn bằng',
        subjects: [
          { fullName: a!.fullName.toUpperCase(), birthDate: a!.birthDate, serial: a!.serial, registerNumber: null },
          { fullName: 'Trần Văn Giả', birthDate: b!.birthDate, serial: b!.serial, registerNumber: null },
          { fullName: 'Lê Văn Không', birthDate: '2006-01-01', serial: 'HP 0209999', registerNumber: null },
          { fullName: c!.fullName, birthDate: c!.birthDate, serial: null, registerNumber: c!.registerLabel },
          { fullName: `${d!.fullName} Linh`, birthDate: d!.birthDate, serial: d!.serial, registerNumber: null },
        ],
      },
      context(),
    );
    db = await world.readModels();
    await answerVerificationRequest(
      store,
      db,
      await directory(),
      { requestId: 'cv-ca-2026-17', responseLetterNumber: '388/SGDĐT-QLCL', respondedOn: '2026-03-05', signerId: 'gd-sgd-hp' },
      context(),
    );
    await expect(
      answerVerificationRequest(
        store,
        db,
        await directory(),
        { requestId: 'cv-ca-2026-17', responseLetterNumber: '389/SGDĐT-QLCL', respondedOn: '2026-03-06', signerId: 'gd-sgd-hp' },
        context(),
      ),
    ).rejects.toMatchObject({ code: 'VERIFICATION_REQUEST_ANSWERED' });

    db = await world.readModels();
    const answered = verificationRequestById(db, 'cv-ca-2026-17')!;
    expect(answered.answers!.map((x) => [x.result, x.mismatchedFields, x.decisions.map((dd) => dd.decisionNumber)])).toEqual([
      ['MATCH', [], []],
      ['MISMATCH', ['fullName'], []],
      ['NOT_FOUND', [], []],
      ['REVOKED', [], ['99/QĐ-SGDĐT']],
      ['CORRECTED', [], ['3/QĐ-SGDĐT']],
    ]);
    expect(answered).toMatchObject({
      responseLetterNumber: '388/SGDĐT-QLCL',
      signerName: 'Nguyễn Văn An',
      organisation: 'Phòng Cảnh sát hình sự, Công an thành phố Hải Phòng',
    });

    const live = hashTables(db, verificationRequestsProjection.tables);
    await world.rebuild('verification-requests');
    expect(hashTables(db, verificationRequestsProjection.tables)).toBe(live);
    await world.close();
  });
});
