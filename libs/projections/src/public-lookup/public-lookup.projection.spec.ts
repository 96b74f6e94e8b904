import type { AuthorityDirectoryEvent, CorrectionEvent, HandOverEvent, RevocationEvent } from '@so-goc/domain';
import { diplomaIdOf, issuance2024, onStream, RUN_ID, RUN_STREAM } from '../testing/literal-province';
import { givenEvents, recordedEvent } from '../testing/projection-spec';
import { publicLookupProjection } from './public-lookup.projection';
import { publicDiplomaById, publicDiplomaBySerialAndHolder, publicDiplomaBySerialAndRegisterNumber } from './public-lookup.queries';

/** The portal's lookup (§5, rules 58, 59), from a literal 2024 issuance of three THPT diplomas. */
const directory: AuthorityDirectoryEvent[] = [
  {
    type: 'AuthorityRegistered',
    data: {
      code: 'SGD-HP',
      name: 'Sở Giáo dục và Đào tạo Hải Phòng',
      kind: 'province_department',
      parentCode: 'BGDDT',
      registeredOn: '2000-01-01',
    },
  },
];
const world = () => [...onStream('authority-directory', directory), ...issuance2024()];
const revision = 10;
const onDiploma = (n: number, event: CorrectionEvent | RevocationEvent) =>
  recordedEvent(`diploma-${diplomaIdOf(n)}`, event, { revision: BigInt(revision) });

describe('public lookup projection (§5.1, rules 58, 59)', () => {
  it('rule 58: given a signed run, a visitor finds a diploma by serial and holder, however they type the serial, without diacritics', () => {
    const { db } = givenEvents(publicLookupProjection, world());
    expect(publicDiplomaBySerialAndHolder(db, { serial: 'hp0203416', fullName: 'nguyen thi thuy', birthDate: '2006-09-18' })).toMatchObject(
      {
        diplomaId: diplomaIdOf(1),
        serial: 'HP 0203416',
        registerNumber: '000417/THPT-2024',
        fullName: 'Nguyễn Thị Thuỷ',
        authorityName: 'Sở Giáo dục và Đào tạo Hải Phòng',
        issueDate: '2024-08-14',
        status: 'valid',
      },
    );
    expect(publicDiplomaBySerialAndRegisterNumber(db, { serial: 'HP 0203418', registerNumber: '000419/THPT-2024' })?.fullName).toBe(
      'Lê Quốc Hưng',
    );
  });

  it('§5: the wrong birth date, or another holder’s serial, finds nothing', () => {
    const { db } = givenEvents(publicLookupProjection, world());
    expect(
      publicDiplomaBySerialAndHolder(db, { serial: 'HP 0203416', fullName: 'Nguyễn Thị Thuỷ', birthDate: '2006-09-19' }),
    ).toBeUndefined();
    expect(
      publicDiplomaBySerialAndHolder(db, { serial: 'HP 0203417', fullName: 'Nguyễn Thị Thuỷ', birthDate: '2006-09-18' }),
    ).toBeUndefined();
  });

  it('rule 5: before the run is signed, no diploma of it can be found', () => {
    const unsigned = world().filter((e) => !(e.stream === RUN_STREAM && e.type === 'PrintRunSigned'));
    expect(publicDiplomaById(givenEvents(publicLookupProjection, unsigned).db, diplomaIdOf(1))).toBeUndefined();
  });

  it('rule 30, §5.1: when a diploma is corrected, the public sees "corrected" and the decision, and finds it by the old and the new name', () => {
    const { db } = givenEvents(publicLookupProjection, [
      ...world(),
      onDiploma(2, {
        type: 'DiplomaCorrected',
        data: {
          diplomaId: diplomaIdOf(2),
          requestId: 'dc-1',
          decisionNumber: '45/QĐ-SGDĐT',
          decisionDate: '2025-03-10',
          ground: 'civil_status_changed',
          changes: [{ field: 'fullName', before: 'Đặng Hoàng Yến', after: 'Đặng Hoàng Yên' }],
          document: { kind: 'Trích lục cải chính hộ tịch', number: '12/TLCC', date: '2025-02-20', issuedBy: 'UBND phường Lạch Tray' },
          authorityCode: 'SGD-HP',
          regime: 'TT21-2019',
          decidedWithinDeadline: true,
        },
      }),
    ]);
    const byNew = publicDiplomaBySerialAndHolder(db, { serial: 'HP 0203417', fullName: 'Đặng Hoàng Yên', birthDate: '2006-03-02' });
    expect(byNew).toMatchObject({
      status: 'corrected',
      fullName: 'Đặng Hoàng Yên',
      corrections: [{ decisionNumber: '45/QĐ-SGDĐT', decisionDate: '2025-03-10' }],
    });
    expect(
      publicDiplomaBySerialAndHolder(db, { serial: 'HP 0203417', fullName: 'Đặng Hoàng Yến', birthDate: '2006-03-02' })?.diplomaId,
    ).toBe(diplomaIdOf(2));
    expect(JSON.stringify(byNew)).not.toContain('Trích lục');
  });

  it('rule 42: when a diploma is revoked for fraud, the lookup answers revoked with the decision', () => {
    const { db } = givenEvents(publicLookupProjection, [
      ...world(),
      onDiploma(3, {
        type: 'DiplomaRevoked',
        data: {
          diplomaId: diplomaIdOf(3),
          serialLabel: 'HP 0203418',
          registerLabel: '000419/THPT-2024',
          issuerCode: 'SGD-HP',
          decisionNumber: '99/QĐ-SGDĐT',
          decisionDate: '2026-10-02',
          ground: 'fraud',
          reasons: 'Thi hộ.',
          source: 'police',
          authorityCode: 'SGD-HP',
          regime: 'TT21-2019',
        },
      }),
    ]);
    expect(publicDiplomaById(db, diplomaIdOf(3))).toMatchObject({
      status: 'revoked',
      revocation: { decisionNumber: '99/QĐ-SGDĐT', decisionDate: '2026-10-02' },
    });
    expect(publicDiplomaById(db, diplomaIdOf(1))?.status).toBe('valid');
  });

  it('F14: when a signed diploma is lost before delivery, it never verifies as valid again', () => {
    const { db } = givenEvents(publicLookupProjection, [
      ...world(),
      recordedEvent(`diploma-${diplomaIdOf(1)}`, {
        type: 'DiplomaLostBeforeDelivery',
        data: {
          diplomaId: diplomaIdOf(1),
          printRunId: RUN_ID,
          serialLabel: 'HP 0203416',
          minutesRef: 'BB-MAT-02',
          policeUnit: 'Công an phường Lạch Tray',
          policeNotifiedAt: '2024-08-20T03:00:00Z',
          circumstances: 'Mất trên đường chuyển về trường',
          reportedTo: ['Bộ GDĐT'],
          lostOn: '2024-08-19',
        },
      } satisfies HandOverEvent),
    ]);
    expect(publicDiplomaById(db, diplomaIdOf(1))?.status).toBe('lost');
  });

  it('when the same batch is delivered again after its checkpoint, nothing changes', () => {
    expect(givenEvents(publicLookupProjection, world()).replayChangesNothing()).toBe(true);
  });
});
