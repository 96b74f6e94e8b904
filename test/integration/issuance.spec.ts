import { readGraduateList } from '@so-goc/documents';
import { fixture } from '@so-goc/documents/graduate-lists/testing/fixture-files';
import { blankLotStream, DomainError } from '@so-goc/domain';
import {
  closePrintRun,
  deliverDiploma,
  openPrintRun,
  recordMisprint,
  recordPrinting,
  reportDiplomaLostBeforeDelivery,
  signPrintRun,
  authorityDirectoryCache,
} from '@so-goc/platform';
import {
  blankReconciliation,
  decisionDiplomas,
  findDiplomas,
  hashTables,
  overdueIssuance,
  printRunView,
  registerBook,
  registerBookProjection,
} from '@so-goc/projections';
import { contextAfterTheFacts as context, issuanceWorld, signerContextAfterTheFacts as signerContext } from '../support/issuance-world';

jest.setTimeout(120_000);

describe('Issuance from the office’s lists to the sổ gốc (rules 1, 5, 14, 16, 21, 23–25, Q4)', () => {
  it('takes the 2,000-row LibreOffice XLSX through print, misprint, signing, hand-over and loss into the sổ gốc', async () => {
    const world = await issuanceWorld();
    const { store } = world;
    await world.importDecision('sgd-hp-1234-2024', 'graduates-thpt-2024.xlsx');
    const directory = await authorityDirectoryCache(store).current();

    await openPrintRun(
      store,
      {
        printRunId: 'thpt-2024-dot-1',
        authorityCode: 'SGD-HP',
        decisionId: 'sgd-hp-1234-2024',
        lotId: 'HP-THPT-2024',
        templateVersion: 'TT21-2019',
        openedOn: '2024-08-05',
        spareBlanks: 5,
      },
      context(),
    );
    await recordPrinting(store, { printRunId: 'thpt-2024-dot-1', authorityCode: 'SGD-HP', printedOn: '2024-08-06' }, context());

    let db = await world.readModels();
    const planned = printRunView(db, 'thpt-2024-dot-1')!;
    expect(planned.entries).toHaveLength(2000);
    // Rule 21: numbers 1..2000 in register order, every serial distinct.
    expect(planned.entries.map((e) => e.registerNumber)).toEqual(Array.from({ length: 2000 }, (_, i) => i + 1));
    expect(new Set(planned.entries.map((e) => e.serial)).size).toBe(2000);

    // Scenario 1: the printer jams; the blank is spoiled, the next blank takes the diploma, the number stays.
    const misprinted = planned.entries[1416]!;
    await recordMisprint(
      store,
      {
        printRunId: 'thpt-2024-dot-1',
        authorityCode: 'SGD-HP',
        diplomaId: misprinted.diplomaId,
        note: 'Kẹt giấy',
        reprintedOn: '2024-08-06',
      },
      context(),
    );

    // Rule 25: the director, entitled on the issue date, signs; a date before the decision is refused.
    await expect(
      signPrintRun(
        store,
        directory,
        { printRunId: 'thpt-2024-dot-1', authorityCode: 'SGD-HP', signerId: 'gd-sgd-hp', issueDate: '2024-07-19', issuePlace: 'Hải Phòng' },
        signerContext(),
      ),
    ).rejects.toMatchObject({ code: 'DATE_TOO_EARLY' });
    await signPrintRun(
      store,
      directory,
      { printRunId: 'thpt-2024-dot-1', authorityCode: 'SGD-HP', signerId: 'gd-sgd-hp', issueDate: '2024-08-14', issuePlace: 'Hải Phòng' },
      signerContext(),
    );

    const [first, second, third] = planned.entries;
    await deliverDiploma(
      store,
      {
        diplomaId: first!.diplomaId,
        authorityCode: 'SGD-HP',
        recipient: { kind: 'holder', fullName: first!.fullName, authorisationRef: null, idDocument: null },
        deliveredOn: '2024-08-20',
        deliveredBy: 'Nguyễn Thị Lan',
      },
      context(),
    );
    await deliverDiploma(
      store,
      {
        diplomaId: second!.diplomaId,
        authorityCode: 'SGD-HP',
        recipient: { kind: 'proxy', fullName: 'Nguyễn Văn Hải', authorisationRef: 'Giấy ủy quyền số 15/2024', idDocument: null },
        deliveredOn: '2024-08-21',
        deliveredBy: 'Nguyễn Thị Lan',
      },
      context(),
    );
    await reportDiplomaLostBeforeDelivery(
      store,
      {
        diplomaId: third!.diplomaId,
        authorityCode: 'SGD-HP',
        minutesRef: 'BB-MAT-VB-01',
        policeUnit: 'Công an phường Lạch Tray',
        policeNotifiedAt: '2024-08-19T09:00:00+07:00',
        circumstances: 'Thất lạc khi chuyển về trường',
        reportedTo: ['UBND thành phố Hải Phòng', 'Bộ GDĐT'],
        lostOn: '2024-08-18',
      },
      context(),
    );
    await expect(
      deliverDiploma(
        store,
        {
          diplomaId: third!.diplomaId,
          authorityCode: 'SGD-HP',
          recipient: { kind: 'holder', fullName: third!.fullName, authorisationRef: null, idDocument: null },
          deliveredOn: '2024-08-22',
          deliveredBy: 'Lan',
        },
        context(),
      ),
    ).rejects.toMatchObject({ code: 'DIPLOMA_LOST_BEFORE_DELIVERY', problem: { rule: 14 } });

    await closePrintRun(store, { printRunId: 'thpt-2024-dot-1', authorityCode: 'SGD-HP', closedOn: '2024-08-25' }, context());

    db = await world.readModels();
    const [section, ...others] = registerBook(db, { authorityCode: 'SGD-HP', kind: 'THPT', year: 2024 });
    expect(others).toHaveLength(0);
    expect(section).toMatchObject({
      decisionNumber: '1234/QĐ-SGDĐT',
      signerName: 'Nguyễn Văn An',
      issueDate: '2024-08-14',
      issuePlace: 'Hải Phòng',
    });
    const rows = section!.entries;
    expect(rows).toHaveLength(2000);
    expect(rows.map((r) => r.registerLabel).slice(0, 2)).toEqual(['000001/THPT-2024', '000002/THPT-2024']);

    // The register records each holder exactly as the office's file has them (rule 19), in NFC.
    const list = await readGraduateList(fixture('graduates-thpt-2024.xlsx'), 'graduates-thpt-2024.xlsx', {
      kind: 'THPT',
      decisionDate: '2024-07-20',
    });
    expect(new Set(rows.map((r) => `${r.fullName}|${r.birthDate}|${r.nationalId}`))).toEqual(
      new Set(list.records.map((r) => `${r.fullName}|${r.birthDate}|${r.nationalId}`)),
    );
    expect(rows.every((r) => r.fullName === r.fullName.normalize('NFC'))).toBe(true);

    // Q4: the misprinted diploma keeps its number, moves to the first spare blank, and the note says so.
    const moved = rows.find((r) => r.diplomaId === misprinted.diplomaId)!;
    expect(moved.registerNumber).toBe(misprinted.registerNumber);
    expect(moved.serial).toBe('HP 0202001');
    expect(moved.notes).toEqual([
      { type: 'serial_replaced', oldSerial: misprinted.serial, newSerial: 'HP 0202001', reason: 'misprint', on: '2024-08-06' },
    ]);
    expect(rows.find((r) => r.diplomaId === second!.diplomaId)).toMatchObject({
      state: 'delivered',
      recipientName: 'Nguyễn Văn Hải',
      recipientKind: 'proxy',
      receivedOn: '2024-08-21',
      notes: [{ type: 'received_by_proxy' }],
    });
    expect(rows.find((r) => r.diplomaId === third!.diplomaId)).toMatchObject({
      state: 'lost_before_delivery',
      notes: [{ type: 'lost_before_delivery', minutesRef: 'BB-MAT-VB-01' }],
    });
    expect(rows.filter((r) => r.state === 'issued')).toHaveLength(1997);

    // The run balanced on close: 2,005 reserved = 2,000 bound + 1 spoiled + 4 released (docs/domain.md §2.3).
    expect(printRunView(db, 'thpt-2024-dot-1')).toMatchObject({
      status: 'closed',
      counts: { diplomas: 2000, reserved: 2005, spoiled: 1, released: 4 },
    });
    // The ledger saw 2,001 printings; the misprinted blank came back into custody to await the council.
    expect(blankReconciliation(db, 'SGD-HP', 'THPT', '2024-01-01', '2024-12-31', '2024-12-31')).toMatchObject({
      received: 12000,
      issued: 2000,
      spoiledInPrinting: 1,
      closing: 12000 - 2000,
      balanced: true,
    });

    // Officers' queries: by serial, by register number, by holder without diacritics.
    expect(findDiplomas(db, ['SGD-HP'], { serial: 'hp 0202001' }).map((r) => r.diplomaId)).toEqual([misprinted.diplomaId]);
    expect(findDiplomas(db, ['SGD-HP'], { registerNumber: '000002/THPT-2024' }).map((r) => r.diplomaId)).toEqual([second!.diplomaId]);
    const plain = first!.fullName
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .toLowerCase();
    expect(findDiplomas(db, ['SGD-HP'], { fullName: plain, birthDate: first!.birthDate }).map((r) => r.diplomaId)).toContain(
      first!.diplomaId,
    );
    expect(findDiplomas(db, ['SGD-HD'], { serial: 'HP 0202001' })).toEqual([]);
    expect(decisionDiplomas(db, 'sgd-hp-1234-2024').filter((d) => d.state === 'waiting')).toHaveLength(0);

    // Rule 1: nobody can be printed a second time, by this run or another.
    await expect(
      openPrintRun(
        store,
        {
          printRunId: 'thpt-2024-dot-2',
          authorityCode: 'SGD-HP',
          decisionId: 'sgd-hp-1234-2024',
          lotId: 'HP-THPT-2024',
          templateVersion: 'TT21-2019',
          openedOn: '2024-08-26',
        },
        context(),
      ),
    ).rejects.toMatchObject({ code: 'NOTHING_TO_PRINT' });
    // Rule 7: nothing is overdue, since everything was issued.
    expect(overdueIssuance(db, 'SGD-HP', '2024-12-01')).toEqual([]);

    const live = hashTables(db, registerBookProjection.tables);
    await world.rebuild('register-book');
    expect(hashTables(db, registerBookProjection.tables)).toBe(live);
    await world.close();
  });

  it('prints the THCS list with NFD names at the Phòng, in NFC, and refuses blanks of the wrong kind (rule 17)', async () => {
    const world = await issuanceWorld();
    const { store } = world;
    await world.importDecision('pgd-tn-88-2024', 'graduates-thcs-2024-nfd.csv', {
      authorityCode: 'PGD-TN',
      kind: 'THCS',
      number: '88/QĐ-PGDĐT',
      date: '2024-06-10',
    });
    const open = {
      printRunId: 'thcs-tn-2024',
      authorityCode: 'PGD-TN',
      decisionId: 'pgd-tn-88-2024',
      lotId: 'HP-THCS-2024',
      templateVersion: 'TT21-2019',
      openedOn: '2024-06-15',
    };
    const wrongLot = await openPrintRun(store, { ...open, lotId: 'HP-THPT-2024' }, context('PGD-TN')).catch((e: unknown) => e);
    expect(wrongLot).toBeInstanceOf(DomainError);
    // The refused opening gave its graduates back and reserved nothing.
    expect((await store.readStream(blankLotStream('HP-THPT-2024'))).events.map((e) => e.type)).toEqual(['BlankLotReceived']);

    await openPrintRun(store, open, context('PGD-TN'));
    await recordPrinting(store, { printRunId: 'thcs-tn-2024', authorityCode: 'PGD-TN', printedOn: '2024-06-16' }, context('PGD-TN'));
    const directory = await authorityDirectoryCache(store).current();
    await signPrintRun(
      store,
      directory,
      { printRunId: 'thcs-tn-2024', authorityCode: 'PGD-TN', signerId: 'tp-pgd-tn', issueDate: '2024-06-20', issuePlace: 'Thuỷ Nguyên' },
      signerContext('PGD-TN'),
    );

    const db = await world.readModels();
    const [section] = registerBook(db, { authorityCode: 'PGD-TN', kind: 'THCS', year: 2024 });
    expect(section!.entries).toHaveLength(500);
    expect(section!.entries.every((r) => r.fullName === r.fullName.normalize('NFC') && r.state === 'issued')).toBe(true);
    expect(section!.entries.filter((r) => r.classification !== null).length).toBeGreaterThan(0);
    expect(section).toMatchObject({ signerName: 'Đặng Văn Hải', issuePlace: 'Thuỷ Nguyên' });
    await world.close();
  });
});
