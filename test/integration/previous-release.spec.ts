import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASELINE_CALENDAR_STATE, calendarFromState, diplomaStream } from '@so-goc/domain';
import { SqliteEventStore } from '@so-goc/event-store';
import { makeTempDir } from '@so-goc/event-store/testing/temp-dir';
import {
  authorityDirectoryCache,
  bringDiplomaStreamsForward,
  decideCorrection,
  issueCopies,
  loadDiploma,
  receiveCopyRequest,
  requestCorrection,
  revokeDiploma,
} from '@so-goc/platform';
import {
  ALL_PROJECTIONS,
  copyRegister,
  openReadModelDatabase,
  printRunView,
  ProjectionRunner,
  publicDiplomaById,
} from '@so-goc/projections';
import { previousReleaseSnapshot } from '../fixtures/previous-release/snapshot';
import { context, signerContext } from '../support/issuance-world';

jest.setTimeout(120_000);
const fixtureDir = join(__dirname, '..', 'fixtures', 'previous-release');
const calendar = calendarFromState(BASELINE_CALENDAR_STATE);

describe('The event store of the previous release (issue 12, item 3): brought forward, it answers the same and its diplomas live on', () => {
  it('gives every original its DiplomaIssued once, answers the same sổ gốc, lookups and ledgers, then corrects, revokes and copies its diplomas', async () => {
    const dir = makeTempDir('previous-release');
    const file = join(dir.path, 'events.sqlite');
    copyFileSync(join(fixtureDir, 'events.sqlite'), file);
    const store = new SqliteEventStore({ file });
    const snapshot: unknown = JSON.parse(readFileSync(join(fixtureDir, 'snapshot.json'), 'utf8'));

    // As recorded: a delivered original's stream holds its hand-over and nothing of its issuance.
    const delivered = 'sgd-hp-1234-2024-00012';
    expect((await store.readStream(diplomaStream(delivered))).events.map((e) => e.type)).toEqual(['DiplomaDelivered']);
    await expect(loadDiploma(store, delivered)).rejects.toMatchObject({ code: 'DIPLOMA_NOT_FOUND' });

    // Brought forward once: 12 THPT and 6 THCS originals; the reissue's replacement already had its first event.
    expect(await bringDiplomaStreamsForward(store)).toEqual({ ran: true, diplomas: 18 });
    expect(await bringDiplomaStreamsForward(store)).toEqual({ ran: false, diplomas: 0 });
    expect((await store.readStream(diplomaStream(delivered))).events.map((e) => e.type)).toEqual(['DiplomaDelivered', 'DiplomaIssued']);
    const record = await loadDiploma(store, delivered);
    expect(record.state.status).toBe('delivered');
    expect(record.issued).toMatchObject({ printRunId: 'thpt-hp-2024', authorityCode: 'SGD-HP', kind: 'THPT', issueDate: '2024-08-14' });
    expect(record.lotId).toBe('HP-THPT-2024');
    // The misprinted diploma is issued on the blank it was reprinted on (domain Q4).
    const misprinted = await loadDiploma(store, 'sgd-hp-1234-2024-00007');
    expect(misprinted.issued.serialLabel).not.toBe('HP 0200003');

    const db = openReadModelDatabase(join(dir.path, 'read-models.sqlite'));
    const runner = new ProjectionRunner(store, db, ALL_PROJECTIONS, {
      logger: { log: () => undefined, error: (m: string) => console.error(m) },
    });
    runner.start();
    const caughtUp = async () => runner.waitUntilCaughtUp((await store.headPosition())!, 60_000);
    await caughtUp();
    expect(JSON.parse(JSON.stringify(previousReleaseSnapshot(db)))).toEqual(snapshot);

    const thpt = printRunView(db, 'thpt-hp-2024')!.entries;
    const thcs = printRunView(db, 'thcs-tn-2024')!.entries;
    const directory = () => authorityDirectoryCache(store).current();
    const [toCorrect, toRevoke, toCopy] = [thpt[4]!, thpt[5]!, thpt[6]!];

    // Rule 30: a correction decision on a diploma of the previous release.
    await requestCorrection(
      store,
      calendar,
      {
        authorityCode: 'SGD-HP',
        diplomaId: toCorrect.diplomaId,
        requestId: 'cs-2026-09',
        ground: 'civil_status_changed',
        changes: [{ field: 'birthPlace', after: 'Phường Lê Chân, thành phố Hải Phòng' }],
        document: { kind: 'Trích lục', number: '19/2026', date: '2026-11-02', issuedBy: 'UBND phường' },
        requestedBy: toCorrect.fullName,
        receivedOn: '2026-11-03',
        dossierCompleteOn: '2026-11-03',
      },
      context('SGD-HP', '2026-11-03T02:00:00.000Z'),
    );
    await decideCorrection(
      store,
      await directory(),
      {
        diplomaId: toCorrect.diplomaId,
        requestId: 'cs-2026-09',
        decisionNumber: '88/QĐ-SGDĐT',
        decisionDate: '2026-11-05',
        authorityCode: 'SGD-HP',
      },
      // Separation of duties (merged from main): the head decides what the registrar received.
      signerContext('SGD-HP', '2026-11-05T02:00:00.000Z'),
    );
    // Rules 40–41: a revocation; the diploma revoked by the previous release stays beyond correction (rule 34).
    await revokeDiploma(
      store,
      await directory(),
      {
        diplomaId: toRevoke.diplomaId,
        decisionNumber: '101/QĐ-SGDĐT',
        decisionDate: '2026-11-06',
        ground: 'used_by_another',
        reasons: 'Cho người khác sử dụng văn bằng',
        source: 'inspection',
        authorityCode: 'SGD-HP',
      },
      context('SGD-HP', '2026-11-06T02:00:00.000Z'),
    );
    await expect(
      requestCorrection(
        store,
        calendar,
        {
          authorityCode: 'SGD-HP',
          diplomaId: thpt.find((e) => e.diplomaId === 'sgd-hp-1234-2024-00001')!.diplomaId,
          requestId: 'cs-2026-10',
          ground: 'civil_status_changed',
          changes: [{ field: 'birthPlace', after: 'Hà Nội' }],
          document: { kind: 'Trích lục', number: '20/2026', date: '2026-11-02', issuedBy: 'UBND phường' },
          requestedBy: 'x',
          receivedOn: '2026-11-03',
          dossierCompleteOn: '2026-11-03',
        },
        context('SGD-HP', '2026-11-03T02:00:00.000Z'),
      ),
    ).rejects.toMatchObject({ code: 'DIPLOMA_REVOKED' });
    // Rules 46, 52, 53: a copy from the register, on a copy blank.
    await receiveCopyRequest(
      store,
      calendar,
      0,
      {
        requestId: 'bs-2026-009',
        diplomaId: toCopy.diplomaId,
        authorityCode: 'SGD-HP',
        requester: {
          kind: 'holder',
          fullName: toCopy.fullName,
          idDocument: { kind: 'CCCD', number: toCopy.nationalId },
          entitlementDocument: null,
          deathCertificate: null,
        },
        channel: 'counter',
        receivedAt: '2026-11-24T02:00:00Z',
        copies: 1,
      },
      context('SGD-HP', '2026-11-24T02:00:00.000Z'),
    );
    await issueCopies(
      store,
      await directory(),
      {
        requestId: 'bs-2026-009',
        authorityCode: 'SGD-HP',
        lotId: 'HP-BS-THPT-2026',
        issuedOn: '2026-11-24',
        issuePlace: 'Hải Phòng',
        signerId: 'gd-sgd-hp',
      },
      context('SGD-HP', '2026-11-24T03:00:00.000Z'),
    );

    await caughtUp();
    expect(publicDiplomaById(db, toCorrect.diplomaId)).toMatchObject({ status: 'corrected' });
    expect(publicDiplomaById(db, toRevoke.diplomaId)).toMatchObject({ status: 'revoked' });
    expect(copyRegister(db, { authorityCode: 'SGD-HP', kind: 'THPT', year: 2026 }).map((row) => row.diplomaId)).toEqual([
      ...(snapshot as { copies: { diplomaId: string }[] }).copies.map((row) => row.diplomaId),
      toCopy.diplomaId,
    ]);
    expect(thcs).toHaveLength(6);

    await runner.stop();
    db.close();
    await store.close();
    dir.remove();
  });
});
