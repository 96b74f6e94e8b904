import { BASELINE_CALENDAR_STATE, calendarFromState, type Requester } from '@so-goc/domain';
import {
  authorityDirectoryCache,
  decideCorrection,
  issueCopies,
  receiveBlankLot,
  receiveCopyRequest,
  refuseCopyRequest,
  requestCorrection,
  revokeDiploma,
} from '@so-goc/platform';
import { copyRegister, copyRegisterProjection, copyRequestsPastDue, hashTables, printRunView } from '@so-goc/projections';
import { context, issuanceWorld, signerContext } from '../support/issuance-world';

jest.setTimeout(120_000);
const calendar = calendarFromState(BASELINE_CALENDAR_STATE);

describe('Copies from the original register (rules 46, 48–50, 52, 53, 55, 57)', () => {
  it('issues numbered copies of a Phòng-era THCS diploma in 2026 at the successor Sở, with the correction in force, and refuses what must be refused', async () => {
    const world = await issuanceWorld();
    const { store } = world;
    const directory = () => authorityDirectoryCache(store).current();
    await world.issueThcsAtPhong2024();
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
        to: 500,
        supplier: 'Nhà in',
        deliveryNote: { number: 'PGH-BS', date: '2026-01-05' },
        receivedBy: 'Lan',
        receivedOn: '2026-01-05',
      },
      context('SGD-HP', '2026-01-05T02:00:00.000Z'),
    );
    let db = await world.readModels();
    const [holder, revoked, other] = printRunView(db, 'thcs-tn-2024')!.entries.slice(0, 3);

    // A 2026 correction by the Sở is in force when the copy is made (rule 57).
    await requestCorrection(
      store,
      calendar,
      {
        authorityCode: 'SGD-HP',
        diplomaId: holder!.diplomaId,
        requestId: 'cs-2026-01',
        ground: 'civil_status_changed',
        changes: [{ field: 'birthPlace', after: 'Xã Thuỷ Nguyên, thành phố Hải Phòng' }],
        document: { kind: 'Trích lục', number: '9/2026', date: '2026-03-01', issuedBy: 'UBND xã' },
        requestedBy: holder!.fullName,
        receivedOn: '2026-03-02',
        dossierCompleteOn: '2026-03-02',
      },
      context(),
    );
    await decideCorrection(
      store,
      await directory(),
      {
        diplomaId: holder!.diplomaId,
        requestId: 'cs-2026-01',
        decisionNumber: '30/QĐ-SGDĐT',
        decisionDate: '2026-03-04',
        authorityCode: 'SGD-HP',
      },
      // Issue 17: the head records the decision, not the officer who took the dossier.
      signerContext(),
    );

    const asHolder: Requester = {
      kind: 'holder',
      fullName: holder!.fullName,
      idDocument: { kind: 'CCCD', number: holder!.nationalId },
      entitlementDocument: null,
      deathCertificate: null,
    };
    // Friday 20/11/2026 at 15:20: due on Monday 23/11 (rule 49).
    await receiveCopyRequest(
      store,
      calendar,
      0,
      {
        requestId: 'bs-2026-001',
        diplomaId: holder!.diplomaId,
        authorityCode: 'SGD-HP',
        requester: asHolder,
        channel: 'counter',
        receivedAt: '2026-11-20T08:20:00Z',
        copies: 3,
      },
      context(),
    );
    // Rule 53: copies go on copy blanks, never on the diploma blanks of the original.
    await expect(
      issueCopies(
        store,
        await directory(),
        {
          requestId: 'bs-2026-001',
          authorityCode: 'SGD-HP',
          lotId: 'HP-THCS-2024',
          issuedOn: '2026-11-23',
          issuePlace: 'Hải Phòng',
          signerId: 'gd-sgd-hp',
        },
        context(),
      ),
    ).rejects.toMatchObject({ code: 'BLANK_TEMPLATE_MISMATCH', problem: { rule: 53 } });
    await issueCopies(
      store,
      await directory(),
      {
        requestId: 'bs-2026-001',
        authorityCode: 'SGD-HP',
        lotId: 'HP-BS-THCS-2026',
        issuedOn: '2026-11-23',
        issuePlace: 'Hải Phòng',
        signerId: 'gd-sgd-hp',
      },
      context(),
    );
    await receiveCopyRequest(
      store,
      calendar,
      0,
      {
        requestId: 'bs-2026-002',
        diplomaId: other!.diplomaId,
        authorityCode: 'SGD-HP',
        requester: { ...asHolder, fullName: other!.fullName },
        channel: 'post',
        receivedAt: '2026-11-16T02:00:00Z',
        dossierCompleteAt: '2026-11-17T02:00:00Z',
        copies: 1,
      },
      context(),
    );
    await issueCopies(
      store,
      await directory(),
      {
        requestId: 'bs-2026-002',
        authorityCode: 'SGD-HP',
        lotId: 'HP-BS-THCS-2026',
        issuedOn: '2026-11-17',
        issuePlace: 'Hải Phòng',
        signerId: 'gd-sgd-hp',
      },
      context(),
    );

    // Scenario 4: her brother, without an authorisation, is refused in writing.
    await receiveCopyRequest(
      store,
      calendar,
      0,
      {
        requestId: 'bs-2026-003',
        diplomaId: holder!.diplomaId,
        authorityCode: 'SGD-HP',
        requester: {
          ...asHolder,
          kind: 'authorised_representative',
          fullName: 'Nguyễn Văn Hải',
          idDocument: { kind: 'CCCD', number: '031200000001' },
        },
        channel: 'counter',
        receivedAt: '2026-11-20T08:25:00Z',
        copies: 1,
      },
      context(),
    );
    await expect(
      issueCopies(
        store,
        await directory(),
        {
          requestId: 'bs-2026-003',
          authorityCode: 'SGD-HP',
          lotId: 'HP-BS-THCS-2026',
          issuedOn: '2026-11-23',
          issuePlace: 'Hải Phòng',
          signerId: 'gd-sgd-hp',
        },
        context(),
      ),
    ).rejects.toMatchObject({ code: 'COPY_MUST_BE_REFUSED', problem: { rule: 48 } });
    await refuseCopyRequest(
      store,
      {
        requestId: 'bs-2026-003',
        grounds: ['requester_not_entitled'],
        reasons: 'Không có giấy ủy quyền của người được cấp văn bằng',
        refusedOn: '2026-11-20',
        letterRef: '1201/SGDĐT-QLCL',
      },
      context(),
    );

    // A revoked diploma gets no copy (rule 55).
    await revokeDiploma(
      store,
      await directory(),
      {
        diplomaId: revoked!.diplomaId,
        decisionNumber: '99/QĐ-SGDĐT',
        decisionDate: '2026-02-01',
        ground: 'fraud',
        reasons: 'Gian lận hồ sơ',
        source: 'inspection',
        authorityCode: 'SGD-HP',
      },
      context(),
    );
    // Issue 17: the request is answered at reception with the written refusal citing the decision.
    const atCounter = await receiveCopyRequest(
      store,
      calendar,
      0,
      {
        requestId: 'bs-2026-004',
        diplomaId: revoked!.diplomaId,
        authorityCode: 'SGD-HP',
        requester: { ...asHolder, fullName: revoked!.fullName },
        channel: 'counter',
        receivedAt: '2026-11-19T02:00:00Z',
        copies: 1,
      },
      context(),
    );
    expect(atCounter.events.map((e) => e.type)).toEqual(['CopyRequestReceived', 'CopyRequestRefused']);
    expect(atCounter.events[1]?.data).toMatchObject({
      grounds: ['diploma_revoked'],
      reasons: expect.stringContaining('99/QĐ-SGDĐT ngày 01/02/2026'),
    });
    await expect(
      issueCopies(
        store,
        await directory(),
        {
          requestId: 'bs-2026-004',
          authorityCode: 'SGD-HP',
          lotId: 'HP-BS-THCS-2026',
          issuedOn: '2026-11-19',
          issuePlace: 'Hải Phòng',
          signerId: 'gd-sgd-hp',
        },
        context(),
      ),
    ).rejects.toMatchObject({ code: 'COPY_REQUEST_CLOSED' });

    db = await world.readModels();
    const book = copyRegister(db, { authorityCode: 'SGD-HP', kind: 'THCS', year: 2026 });
    // Rule 52: consecutive numbers, each on one copy, on distinct copy blanks.
    expect(book.map((c) => c.copyNumber)).toEqual([
      '000001/BS-THCS-2026',
      '000002/BS-THCS-2026',
      '000003/BS-THCS-2026',
      '000004/BS-THCS-2026',
    ]);
    expect(new Set(book.map((c) => c.serial)).size).toBe(4);
    expect(book[0]).toMatchObject({
      requestId: 'bs-2026-001',
      signerName: 'Nguyễn Văn An',
      content: {
        issuerCode: 'PGD-TN',
        originalSerial: holder!.serial,
        holder: { birthPlace: 'Xã Thuỷ Nguyên, thành phố Hải Phòng' },
        correctionDecisions: [{ decisionNumber: '30/QĐ-SGDĐT' }],
      },
    });
    // Refused at the counter, the revoked diploma's request is never listed as late.
    expect(copyRequestsPastDue(db, 'SGD-HP', '2026-11-22T00:00:00Z').map((r) => r.requestId)).toEqual([]);

    const live = hashTables(db, copyRegisterProjection.tables);
    await world.rebuild('copy-register');
    expect(hashTables(db, copyRegisterProjection.tables)).toBe(live);
    await world.close();
  });
});
