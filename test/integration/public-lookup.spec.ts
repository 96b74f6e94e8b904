import { AUTHORITY_DIRECTORY_STREAM, authorityDirectoryDecider } from '@so-goc/domain';
import { handleCommand } from '@so-goc/event-store';
import { recordMisprint, reportDiplomaLostBeforeDelivery } from '@so-goc/platform';
import {
  findDiplomas,
  hashTables,
  publicDiplomaById,
  publicDiplomaBySerialAndHolder,
  publicDiplomaBySerialAndRegisterNumber,
  publicLookupProjection,
  registerBook,
} from '@so-goc/projections';
import { issuanceWorld } from '../support/issuance-world';
import { ctx, issueFixtureDiplomas, plain, signFixtureRun } from '../support/public-diplomas';

jest.setTimeout(120_000);

describe('public-lookup projection: what the portal may answer from (docs/domain.md §5.1, F13)', () => {
  it('publishes issued diplomas only, follows reprints, losses and renames, never holds what §5.1 excludes, and rebuilds to the same tables', async () => {
    const world = await issuanceWorld();
    const { store } = world;
    // issuanceWorld already loaded the province and received the THPT lot the fixture run prints on.
    const diplomas = await issueFixtureDiplomas(store, { count: 30, exemptRows: [3], withProvince: false, receiveLot: false });
    const db = await world.readModels();

    const hung = diplomas.find((d) => d.fullName === 'Nguyễn Đình Hưng')!;
    expect(hung).toMatchObject({ ethnicity: 'Mường', nationalId: '034206618529' });
    const record = publicDiplomaBySerialAndHolder(db, {
      serial: hung.serial.replace(' ', '').toLowerCase(),
      fullName: plain(hung.fullName),
      birthDate: hung.birthDate,
    })!;
    expect(record).toEqual({
      diplomaId: hung.diplomaId,
      serial: hung.serial,
      registerNumber: hung.registerNumber,
      kind: 'THPT',
      authorityCode: 'SGD-HP',
      authorityName: 'Sở Giáo dục và Đào tạo Hải Phòng',
      fullName: 'Nguyễn Đình Hưng',
      birthDate: '2006-12-03',
      birthPlace: 'Hải Dương',
      issueDate: '2024-08-14',
      holderDigest: expect.stringMatching(/^[\w-]{22}$/),
      status: 'valid',
      exemptFromPublicListing: false,
      corrections: [],
      replacement: null,
      revocation: null,
    });
    // Exact matches only: another birth date, a partial name or another register number find nothing.
    expect(publicDiplomaBySerialAndHolder(db, { serial: hung.serial, fullName: hung.fullName, birthDate: '2006-12-04' })).toBeUndefined();
    expect(publicDiplomaBySerialAndHolder(db, { serial: hung.serial, fullName: 'Nguyễn Đình', birthDate: hung.birthDate })).toBeUndefined();
    expect(publicDiplomaBySerialAndRegisterNumber(db, { serial: hung.serial, registerNumber: hung.registerNumber.toLowerCase() })).toEqual(
      record,
    );
    expect(publicDiplomaBySerialAndRegisterNumber(db, { serial: hung.serial, registerNumber: '000001/THPT-2023' })).toBeUndefined();
    expect(publicDiplomaById(db, hung.diplomaId)).toEqual(record);

    const exempt = diplomas.filter((d) => d.exempt);
    expect(exempt).toHaveLength(1);
    expect(publicDiplomaById(db, exempt[0]!.diplomaId)).toMatchObject({ exemptFromPublicListing: true });

    // Nothing outside §5.1, in any table of the projection, staging included.
    for (const table of publicLookupProjection.tables) {
      const columns = db
        .prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)')
        .all(table)
        .map((c) => c.name);
      expect(columns.filter((c) => /ethnic|national|sex|school|class/.test(c))).toEqual([]);
      const cells = JSON.stringify(db.prepare(`SELECT * FROM "${table}"`).raw().all());
      expect(cells).not.toContain('Mường');
      for (const d of diplomas) expect(cells).not.toContain(d.nationalId);
    }

    // A misprint after planning moves the diploma to a new blank; a loss after signing makes it 'lost'.
    const lost = diplomas[5]!;
    await reportDiplomaLostBeforeDelivery(
      store,
      {
        diplomaId: lost.diplomaId,
        authorityCode: 'SGD-HP',
        minutesRef: 'BB-MAT-01',
        policeUnit: 'Công an phường Lạch Tray',
        policeNotifiedAt: '2024-08-19T09:00:00+07:00',
        circumstances: 'Thất lạc',
        reportedTo: ['Bộ GDĐT'],
        lostOn: '2024-08-18',
      },
      ctx('2024-08-19T09:00:00.000Z'), // recorded after the loss it reports (issue 16)
    );
    // The rename is back-dated before the issue date, so the diplomas of 14/08/2024 carry the new name.
    await handleCommand(store, authorityDirectoryDecider, {
      stream: AUTHORITY_DIRECTORY_STREAM,
      context: ctx(),
      command: { type: 'RenameAuthority', code: 'SGD-HP', name: 'Sở GDĐT thành phố Hải Phòng', effectiveOn: '2024-08-01' },
    });
    await world.readModels();
    expect(publicDiplomaById(db, lost.diplomaId)).toMatchObject({ status: 'lost' });
    expect(publicDiplomaById(db, hung.diplomaId)).toMatchObject({ authorityName: 'Sở GDĐT thành phố Hải Phòng' });

    // F13: the public table and the sổ gốc say the same about every issued diploma.
    const book = registerBook(db, { authorityCode: 'SGD-HP', kind: 'THPT', year: 2024 }).flatMap((s) => s.entries);
    expect(book).toHaveLength(30);
    for (const entry of book) {
      expect(publicDiplomaById(db, entry.diplomaId)).toMatchObject({
        serial: entry.serial,
        registerNumber: entry.registerLabel,
        fullName: entry.fullName,
        birthDate: entry.birthDate,
        exemptFromPublicListing: entry.exemptFromPublicListing,
      });
    }
    expect(findDiplomas(db, ['SGD-HP'], { serial: hung.serial })).toHaveLength(1);

    const live = hashTables(db, publicLookupProjection.tables);
    await world.rebuild('public-lookup');
    expect(hashTables(db, publicLookupProjection.tables)).toBe(live);
    await world.close();
  });

  it('shows nothing before the print run is signed, and a misprinted serial only under its new blank', async () => {
    const world = await issuanceWorld();
    const { store } = world;
    const diplomas = await issueFixtureDiplomas(store, { count: 5, withProvince: false, receiveLot: false, sign: false });
    let db = await world.readModels();
    expect(db.prepare('SELECT COUNT(*) AS n FROM public_lookup').get()).toEqual({ n: 0 });
    const first = diplomas[0]!;
    expect(publicDiplomaById(db, first.diplomaId)).toBeUndefined();

    await recordMisprint(
      store,
      { printRunId: 'thpt-2024-dot-1', authorityCode: 'SGD-HP', diplomaId: first.diplomaId, note: 'Kẹt giấy', reprintedOn: '2024-08-06' },
      ctx('2024-08-06T09:00:00.000Z'),
    );
    await signFixtureRun(store);
    db = await world.readModels();
    const moved = publicDiplomaById(db, first.diplomaId)!;
    expect(moved.serial).not.toBe(first.serial);
    expect(publicDiplomaBySerialAndRegisterNumber(db, { serial: first.serial, registerNumber: first.registerNumber })).toBeUndefined();
    expect(publicDiplomaBySerialAndRegisterNumber(db, { serial: moved.serial, registerNumber: first.registerNumber })).toMatchObject({
      diplomaId: first.diplomaId,
    });
    const live = hashTables(db, publicLookupProjection.tables);
    await world.rebuild('public-lookup');
    expect(hashTables(db, publicLookupProjection.tables)).toBe(live);
    await world.close();
  });
});
