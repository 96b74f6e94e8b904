import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  AUTHORITY_DIRECTORY_STREAM,
  authorityDirectoryDecider,
  blankLotDecider,
  blankLotStream,
  verificationRequestDecider,
  verificationRequestStream,
} from '@so-goc/domain';
import { handleCommand } from '@so-goc/event-store';
import {
  AUDIT_PROJECTIONS,
  everyDetection,
  hashTables,
  publicListingExemptions,
  ScheduledAudits,
  type DetectionRow,
} from '@so-goc/projections';
import { LookupLog } from '../../apps/verify-portal/src/lookup-log/lookup-log';
import { context, issuanceWorld } from '../support/issuance-world';

/**
 * docs/domain.md §6: each detection is planted once in a clean province (the issuing helpers' Sở THPT
 * and Phòng THCS runs of 2024) and must be seen as exactly that finding, nothing more; the clean
 * province itself raises nothing.
 */
describe('fraud audits over a real store, read models and lookup log', () => {
  let world: Awaited<ReturnType<typeof issuanceWorld>>;
  const hashKey = Buffer.alloc(32, 5);
  let logFile: string;
  let seen = new Set<string>();

  beforeAll(async () => {
    world = await issuanceWorld();
    await world.issueThpt2024();
    await world.issueThcsAtPhong2024();
    logFile = join(world.dir.path, 'lookup-log.sqlite');
  }, 120_000);
  afterAll(() => world.close());

  /** What appeared since the last call. */
  async function newDetections(options: { now?: string; lookups?: (log: LookupLog) => void } = {}): Promise<DetectionRow[]> {
    const db = await world.readModels();
    if (options.lookups) {
      const log = new LookupLog(logFile, { hashKey, flushIntervalMs: 60_000 });
      options.lookups(log);
      log.close();
    }
    new ScheduledAudits(db).run(new Date(options.now ?? '2024-09-01T00:00:00Z'), { file: logFile, hashKey });
    const all = everyDetection(db);
    const fresh = all.filter((d) => !seen.has(d.key));
    seen = new Set(all.map((d) => d.key));
    return fresh;
  }

  const plant = (stream: string, type: string, data: unknown, occurredAt = '2024-09-02T03:00:00.000Z') =>
    world.store.appendToStream(
      stream,
      [
        {
          id: randomUUID(),
          type,
          data: data as never,
          metadata: { schemaVersion: 1, actor: { officerId: 'insider', role: 'registrar', authorityCode: 'SGD-HP' }, occurredAt },
        },
      ],
      'any',
    );

  it('a clean province with honest lookups raises nothing', async () => {
    const fresh = await newDetections({
      lookups: (log) => {
        for (let i = 0; i < 50; i++)
          log.record({ channel: 'page', queryKind: 'serial_holder', result: 'VALID', client: '198.51.100.1', serial: `HP 0${200001 + i}` });
      },
    });
    expect(fresh).toEqual([]);
  }, 60_000);

  it('F4: a lost blank named in a verification letter is flagged for the police', async () => {
    await handleCommand(world.store, blankLotDecider, {
      stream: blankLotStream('HP-THPT-2024'),
      context: context('SGD-HP', '2024-09-01T09:00:00.000Z'), // recorded on the day it is dated (issue 16)
      command: {
        type: 'ReportBlanksLost',
        authorityCode: 'SGD-HP',
        ranges: [{ from: 211990, to: 211999 }],
        minutesRef: 'BB-MAT-01',
        policeUnit: 'Công an quận Hồng Bàng',
        policeNotifiedAt: '2024-09-01T08:00:00+07:00',
        circumstances: 'Mất khi vận chuyển',
        lostOn: '2024-09-01',
      },
    });
    await handleCommand(world.store, verificationRequestDecider, {
      stream: verificationRequestStream('cv-77'),
      context: context('SGD-HP', '2024-09-04T09:00:00.000Z'), // recorded on the day it is dated (issue 16)
      command: {
        type: 'ReceiveVerificationRequest',
        requestId: 'cv-77',
        authorityCode: 'SGD-HP',
        organisation: 'Công ty TNHH Minh Long',
        letterNumber: '77/CV-ML',
        letterDate: '2024-09-03',
        receivedOn: '2024-09-04',
        subjects: [{ fullName: 'Trần Văn Giả', birthDate: '2006-01-01', serial: 'HP 0211995', registerNumber: null }],
      },
    });
    const fresh = await newDetections();
    expect(fresh).toHaveLength(1);
    expect(fresh[0]).toMatchObject({
      pattern: 'F4',
      severity: 'critical',
      policeReferral: true,
      authorityCode: 'SGD-HP',
      subject: 'HP 0211995',
      facts: expect.objectContaining({ statusWhenSeen: 'lost', letterNumber: '77/CV-ML' }),
    });
    expect(fresh[0]!.summaryVi).toContain('đã mất');
  }, 60_000);

  it('F14: a diploma lost before hand-over, looked up on the portal, is flagged for the police', async () => {
    const db = await world.readModels();
    const entry = db
      .prepare(
        "SELECT diploma_id, serial_label FROM register_entries WHERE print_run_id = 'thpt-2024' ORDER BY register_number LIMIT 1 OFFSET 10",
      )
      .get() as { diploma_id: string; serial_label: string };
    await plant(`diploma-${entry.diploma_id}`, 'DiplomaLostBeforeDelivery', {
      diplomaId: entry.diploma_id,
      printRunId: 'thpt-2024',
      serialLabel: entry.serial_label,
      minutesRef: 'BB-MVB-02',
      policeUnit: 'Công an quận Lê Chân',
      policeNotifiedAt: '2024-09-05T09:00:00+07:00',
      circumstances: 'Thất lạc ở trường',
      reportedTo: ['Bộ GDĐT'],
      lostOn: '2024-09-05',
    });
    expect(await newDetections()).toEqual([]);
    const fresh = await newDetections({
      lookups: (log) =>
        log.record({ channel: 'page', queryKind: 'qr', result: 'NO_LONGER_VALID', client: '203.0.113.50', serial: entry.serial_label }),
    });
    expect(fresh).toHaveLength(1);
    expect(fresh[0]).toMatchObject({
      pattern: 'F14',
      severity: 'critical',
      policeReferral: true,
      subject: entry.serial_label,
      facts: expect.objectContaining({ queryKind: 'qr', minutesRef: 'BB-MVB-02' }),
    });
  }, 60_000);

  it('F1, scenario 6: 10,000 serial guesses by one client are one finding, not 10,000', async () => {
    const fresh = await newDetections({
      lookups: (log) => {
        for (let i = 0; i < 10_000; i++)
          log.record({
            channel: 'api',
            queryKind: 'serial_register',
            result: 'NOT_FOUND',
            client: '192.0.2.66',
            serial: `HP 0${500000 + i}`,
          });
      },
    });
    expect(fresh).toHaveLength(1);
    expect(fresh[0]).toMatchObject({
      pattern: 'F1',
      authorityCode: 'SGD-HP',
      facts: expect.objectContaining({ unknownSerials: 10_000, lookups: 10_000 }),
    });
  }, 60_000);

  it('F5: a bound blank presented again, and a gap in the sổ gốc numbers', async () => {
    await plant(blankLotStream('HP-THPT-2024'), 'BlankReuseAttempted', {
      serials: [{ serial: 200005, status: 'bound' }],
      authorityCode: 'SGD-HP',
      printRunId: 'thpt-2024-b',
      attemptedOn: '2024-09-06',
    });
    const reuse = await newDetections();
    expect(reuse.map((d) => [d.pattern, d.subject])).toEqual([['F5', 'HP 0200005']]);
    const db = await world.readModels();
    const last = db
      .prepare(
        "SELECT MAX(register_number) AS n FROM register_entries WHERE authority_code = 'SGD-HP' AND kind = 'THPT' AND register_year = 2024",
      )
      .pluck()
      .get() as number;
    await plant('register-SGD-HP-THPT-2024', 'RegisterNumbersAssigned', {
      printRunId: 'thpt-2024-x',
      first: last + 4,
      last: last + 5,
      count: 2,
      diplomaIds: ['x1', 'x2'],
    });
    const gap = await newDetections();
    expect(gap).toHaveLength(1);
    expect(gap[0]).toMatchObject({ pattern: 'F5', facts: expect.objectContaining({ missingFrom: last + 1, missingTo: last + 3 }) });
  }, 60_000);

  it('F6: register numbers entered into the 2024 book in 2025, and an issue date before the decision', async () => {
    await plant(
      'register-SGD-HP-THPT-2024',
      'RegisterNumbersAssigned',
      { printRunId: 'thpt-2024-late', first: 0, last: 0, count: 1, diplomaIds: ['late'] },
      '2025-01-15T03:00:00.000Z',
    );
    const late = (await newDetections()).filter((d) => d.pattern === 'F6');
    expect(late).toHaveLength(1);
    expect(late[0]!.summaryEn).toContain('after the year 2024 had ended');
    await plant('print-run-backdated', 'PrintRunOpened', {
      printRunId: 'backdated',
      authorityCode: 'SGD-HP',
      decisionId: 'd',
      decisionNumber: '99/QĐ-SGDĐT',
      decisionDate: '2024-10-01',
      kind: 'THPT',
      registerYear: 2024,
      lotId: 'HP-THPT-2024',
      prefix: 'HP',
      width: 7,
      templateVersion: 'TT21-2019',
      openedOn: '2024-09-20',
      reserved: [],
      count: 1,
      exemptionBasis: null,
    });
    await plant('print-run-backdated', 'PrintRunSigned', {
      printRunId: 'backdated',
      signerId: 'gd-sgd-hp',
      signerName: 'x',
      signerTitle: 'Giám đốc',
      signerRole: 'head',
      delegationRef: null,
      issueDate: '2024-09-25',
      issuePlace: 'Hải Phòng',
      regime: 'TT21',
      legalBasis: 'TT21',
    });
    const before = await newDetections();
    expect(before.map((d) => [d.pattern, d.key])).toEqual([['F6', 'F6:issued-before-decision:backdated']]);
  }, 60_000);

  it('F9: a mandate end recorded after the fact uncovers a run signed outside it', async () => {
    await handleCommand(world.store, authorityDirectoryDecider, {
      stream: AUTHORITY_DIRECTORY_STREAM,
      context: context(),
      command: {
        type: 'EndSignerMandate',
        authorityCode: 'SGD-HP',
        signerId: 'gd-sgd-hp',
        validTo: '2024-08-10',
        reason: 'Nghỉ hưu từ 10/08/2024 (ghi nhận muộn)',
      },
    });
    const fresh = await newDetections();
    expect(fresh.map((d) => [d.pattern, d.key])).toEqual(expect.arrayContaining([['F9', 'F9:signer:thpt-2024']]));
    expect(fresh.every((d) => d.pattern === 'F9')).toBe(true);
  }, 60_000);

  it('F10: copies issued of a revoked diploma', async () => {
    const db = await world.readModels();
    const id = db
      .prepare("SELECT diploma_id FROM register_entries WHERE print_run_id = 'thpt-2024' LIMIT 1 OFFSET 20")
      .pluck()
      .get() as string;
    await plant(`diploma-${id}`, 'DiplomaRevoked', {
      diplomaId: id,
      serialLabel: 's',
      registerLabel: 'r',
      issuerCode: 'SGD-HP',
      decisionNumber: '12/QĐ-SGDĐT',
      decisionDate: '2024-09-10',
      ground: 'fraud',
      reasons: 'Gian lận hồ sơ',
      source: 'police',
      authorityCode: 'SGD-HP',
      regime: 'TT21',
    });
    await plant('copy-request-c1', 'CopyRequestReceived', {
      requestId: 'c1',
      diplomaId: id,
      authorityCode: 'SGD-HP',
      requester: {
        kind: 'holder',
        fullName: 'A',
        idDocument: { kind: 'CCCD', number: '0' },
        entitlementDocument: null,
        deathCertificate: null,
      },
      channel: 'counter',
      receivedAt: '2024-09-12T02:00:00Z',
      dossierCompleteAt: null,
      copies: 1,
      feePerCopy: 0,
      dueBy: '2024-09-12T10:00:00Z',
      dueDate: '2024-09-12',
    });
    await plant('copy-request-c1', 'CopiesIssued', {
      requestId: 'c1',
      diplomaId: id,
      authorityCode: 'SGD-HP',
      content: {
        kind: 'THPT',
        issuerCode: 'SGD-HP',
        holder: { fullName: 'A', birthDate: '2006-01-01', birthPlace: 'Hải Phòng', sex: 'female', ethnicity: 'Kinh' },
        originalSerial: 's',
        originalRegisterNumber: 'r',
        originalIssueDate: '2024-08-14',
        correctionDecisions: [],
      },
      copies: [{ copyId: 'c1-1', copyNumber: '1/2024', copyNumberValue: 1, serial: 'HP-BS 0000001' }],
      issuedOn: '2024-09-12',
      issuePlace: 'Hải Phòng',
      signerName: 'x',
      signerTitle: 'y',
      lotId: 'l',
      regime: 'TT21',
    });
    const fresh = (await newDetections()).filter((d) => d.pattern !== 'F13');
    expect(fresh.map((d) => d.key)).toEqual(['F10:dead-diploma:c1']);
    // Rule 43: the holder had 30 days to hand the paper back.
    await plant(`diploma-${id}`, 'DiplomaRevocationNotified', {
      diplomaId: id,
      recipients: [{ kind: 'holder', name: 'A' }],
      holderReceivedOn: '2024-09-12',
      returnDueBy: '2024-10-12',
    });
    expect(await newDetections({ now: '2024-10-10T00:00:00Z' })).toEqual([]);
    expect((await newDetections({ now: '2024-10-20T00:00:00Z' })).map((d) => d.key)).toEqual([`OVERDUE:revoked-not-returned:${id}`]);
  }, 60_000);

  it('F11: more printed than approved, and spoiled blanks not destroyed after N days', async () => {
    // A run opened for 3 approved graduates that comes back from the printer with 43 diplomas.
    await plant('print-run-extra', 'PrintRunOpened', {
      printRunId: 'extra',
      authorityCode: 'PGD-TN',
      decisionId: 'd2',
      decisionNumber: '88/QĐ-PGDĐT',
      decisionDate: '2024-06-10',
      kind: 'THCS',
      registerYear: 2024,
      lotId: 'HP-THCS-2024',
      prefix: 'HP',
      width: 7,
      templateVersion: 'TT21-2019',
      openedOn: '2024-06-15',
      reserved: [],
      count: 3,
      exemptionBasis: null,
    });
    await plant('print-run-extra', 'PrintRunEntriesPlanned', {
      printRunId: 'extra',
      entries: [1, 2, 3].map((n) => ({
        diplomaId: `extra-${n}`,
        graduateId: `extra-${n}`,
        registerNumber: 900 + n,
        registerLabel: `${900 + n}`,
        serial: 302400 + n,
        serialLabel: `HP 0${302400 + n}`,
        exemptFromPublicListing: false,
      })),
    });
    await plant('print-run-extra', 'PrintRunPrinted', { printRunId: 'extra', printedOn: '2024-06-16', count: 43 });
    expect((await newDetections()).map((d) => d.key)).toEqual(['F11:over-printed:extra']);
    await handleCommand(world.store, blankLotDecider, {
      stream: blankLotStream('HP-THPT-2024'),
      context: context('SGD-HP', '2024-09-01T09:00:00.000Z'), // recorded on the day it is dated (issue 16)
      command: {
        type: 'SpoilBlanks',
        authorityCode: 'SGD-HP',
        ranges: [{ from: 211980, to: 211982 }],
        reason: 'damaged',
        note: 'Ẩm mốc',
        spoiledOn: '2024-09-01',
      },
    });
    expect(await newDetections({ now: '2024-10-01T00:00:00Z' })).toEqual([]);
    const overdue = await newDetections({ now: '2024-12-15T00:00:00Z' });
    expect(overdue).toHaveLength(1);
    expect(overdue[0]).toMatchObject({
      pattern: 'F11',
      facts: expect.objectContaining({ count: 3, serials: ['HP 0211980', 'HP 0211981', 'HP 0211982'] }),
    });
  }, 60_000);

  it('F13: the public lookup table tampered with directly: every difference listed', async () => {
    const db = await world.readModels();
    const rows = db
      .prepare("SELECT diploma_id, serial_label FROM public_lookup WHERE authority_code = 'PGD-TN' ORDER BY diploma_id LIMIT 3")
      .all() as { diploma_id: string; serial_label: string }[];
    db.prepare('DELETE FROM public_lookup WHERE diploma_id = ?').run(rows[0]!.diploma_id);
    db.prepare("UPDATE public_lookup SET serial_label = 'HP 0999999' WHERE diploma_id = ?").run(rows[1]!.diploma_id);
    db.prepare("UPDATE public_lookup SET status = 'revoked' WHERE diploma_id = ?").run(rows[2]!.diploma_id);
    const fresh = await newDetections();
    expect(fresh.map((d) => d.key).sort()).toEqual(
      [`F13:${rows[0]!.diploma_id}:missing`, `F13:${rows[1]!.diploma_id}:serial`, `F13:${rows[2]!.diploma_id}:status`].sort(),
    );
    expect(fresh.every((d) => d.pattern === 'F13')).toBe(true);
  }, 60_000);

  it('§5.1: holders kept out of the public lookup are listed with who, when and on what basis; with no basis it is a finding', async () => {
    const open = (id: string, basis: string | null) =>
      plant(`print-run-${id}`, 'PrintRunOpened', {
        printRunId: id,
        authorityCode: 'SGD-HP',
        decisionId: 'd3',
        decisionNumber: '7/QĐ-SGDĐT',
        decisionDate: '2024-07-20',
        kind: 'THPT',
        registerYear: 2024,
        lotId: 'HP-THPT-2024',
        prefix: 'HP',
        width: 7,
        templateVersion: 'TT21-2019',
        openedOn: '2024-09-20',
        reserved: [],
        count: 1,
        exemptionBasis: basis,
      });
    const plan = (id: string, n: number) =>
      plant(`print-run-${id}`, 'PrintRunEntriesPlanned', {
        printRunId: id,
        entries: [
          {
            diplomaId: `${id}-1`,
            graduateId: `${id}-1`,
            registerNumber: 5000 + n,
            registerLabel: `${5000 + n}`,
            serial: 211900 + n,
            serialLabel: `HP 0${211900 + n}`,
            exemptFromPublicListing: true,
          },
        ],
      });
    await open('army', 'Công văn 12/BCH-QS của Bộ Chỉ huy quân sự thành phố');
    await plan('army', 1);
    await open('nobasis', null);
    await plan('nobasis', 2);
    expect((await newDetections()).map((d) => d.key)).toEqual(['F13:exempt-without-basis:nobasis']);
    expect(publicListingExemptions(await world.readModels(), ['SGD-HP'])).toEqual([
      expect.objectContaining({
        serial: 'HP 0211901',
        basis: 'Công văn 12/BCH-QS của Bộ Chỉ huy quân sự thành phố',
        setBy: 'insider',
        setAt: '2024-09-02T03:00:00.000Z',
      }),
      expect.objectContaining({ serial: 'HP 0211902', basis: null, setBy: 'insider' }),
    ]);
  }, 60_000);

  it('every detection projection rebuilt from zero equals the live one (architecture §5)', async () => {
    for (const projection of AUDIT_PROJECTIONS) {
      const live = hashTables(await world.readModels(), projection.tables);
      await world.rebuild(projection.name);
      expect({ projection: projection.name, hash: hashTables(await world.readModels(), projection.tables) }).toEqual({
        projection: projection.name,
        hash: live,
      });
    }
  }, 120_000);
});
