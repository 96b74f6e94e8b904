import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import {
  ACCESS_CONTROL_STREAM,
  accessControlDecider,
  blankLotDecider,
  blankLotStream,
  verificationRequestDecider,
  verificationRequestStream,
} from '@so-goc/domain';
import { handleCommand, SqliteEventStore } from '@so-goc/event-store';
import { AuditSweep, EVENT_STORE, FINDING_COMMAND_HANDLERS, generateOfficerToken, receiveBlankLot } from '@so-goc/platform';
import { openReadModelDatabase } from '@so-goc/projections';
import { cliContext } from '../../apps/cli/src/commands/create-admin';
import { startTestSystem, type TestSystem } from '../support/embedded-system';

async function until(check: () => Promise<void> | void, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** Issue 15 over HTTP: findings listed with filters, handled by an auditor, exported; the yearly report as XLSX/PDF. */
describe('Audit findings and the yearly report over HTTP', () => {
  let t: TestSystem;
  let store: SqliteEventStore;
  let auditor: string;

  beforeAll(async () => {
    t = await startTestSystem();
    await t.given({
      type: 'RegisterAuthority',
      code: 'PGD-TN',
      name: 'Phòng GDĐT huyện Thuỷ Nguyên',
      kind: 'district_office',
      parentCode: 'SGD-HP',
      registeredOn: '2000-01-01',
    });
    store = new SqliteEventStore({ file: t.eventsFile });
    const given = (command: Parameters<typeof accessControlDecider.decide>[0]) =>
      handleCommand(store, accessControlDecider, { stream: ACCESS_CONTROL_STREAM, context: cliContext('test-given'), command });
    await given({
      type: 'CreateOfficer',
      authorityCode: 'SGD-HP',
      officerId: 'kiem-tra',
      username: 'kiem.tra',
      fullName: 'Kiểm tra viên',
      roles: ['auditor'],
      includeSubordinates: true,
    });
    const token = generateOfficerToken();
    await given({
      type: 'IssueToken',
      authorityCode: 'SGD-HP',
      officerId: 'kiem-tra',
      tokenId: token.tokenId,
      secretHash: token.secretHash,
      lifetimeDays: 1,
    });
    auditor = token.bearer;
    await receiveBlankLot(
      store,
      {
        type: 'ReceiveBlankLot',
        lotId: 'HP-THCS-1',
        authorityCode: 'SGD-HP',
        kind: 'THCS',
        templateVersion: 'TT21/2019',
        prefix: 'HP',
        width: 7,
        from: 300001,
        to: 300100,
        supplier: 'Nhà in Bộ GDĐT',
        deliveryNote: { number: 'PGH-1', date: '2024-05-20' },
        receivedBy: 'Nguyễn Thị Lan',
        receivedOn: '2024-05-20',
      },
      cliContext('test-given'),
    );
  });
  afterAll(async () => {
    await store.close();
    await t.stop();
  });

  it('a lost blank named in a police letter becomes a finding the auditor lists, filters, acknowledges and exports', async () => {
    const context = cliContext('test-given');
    await handleCommand(store, blankLotDecider, {
      stream: blankLotStream('HP-THCS-1'),
      context,
      command: {
        type: 'ReportBlanksLost',
        authorityCode: 'SGD-HP',
        ranges: [{ from: 300090, to: 300100 }],
        minutesRef: 'BB-MAT-1',
        policeUnit: 'Công an quận Lê Chân',
        policeNotifiedAt: '2024-07-01T08:00:00+07:00',
        circumstances: 'Mất',
        lostOn: '2024-07-01',
      },
    });
    await handleCommand(store, verificationRequestDecider, {
      stream: verificationRequestStream('cv-1'),
      context,
      command: {
        type: 'ReceiveVerificationRequest',
        requestId: 'cv-1',
        authorityCode: 'SGD-HP',
        organisation: 'Công an TP Hải Phòng',
        letterNumber: '1/CV-CA',
        letterDate: '2024-09-03',
        receivedOn: '2024-09-04',
        subjects: [{ fullName: 'Giả', birthDate: null, serial: 'HP 0300095', registerNumber: null }],
      },
    });
    // The projector's round runs every 5 minutes; here one round is run by hand on the same files.
    const readModels = openReadModelDatabase(join(t.eventsFile, '..', 'read-models.sqlite'));
    const moduleRef = await Test.createTestingModule({
      imports: [CqrsModule.forRoot()],
      providers: [{ provide: EVENT_STORE, useValue: store }, ...FINDING_COMMAND_HANDLERS],
    }).compile();
    await moduleRef.init();
    await until(async () => expect(readModels.prepare('SELECT COUNT(*) FROM audit_serial_detections').pluck().get()).toBe(1));
    await new AuditSweep(readModels, moduleRef.get(CommandBus)).sweep(new Date());
    await moduleRef.close();
    readModels.close();

    type Listing = { findings: { findingId: string; pattern: string; state: string }[]; newSerious: number };
    const list = async (query = ''): Promise<Listing> =>
      (await (await t.request('GET', `/api/v1/authorities/SGD-HP/audit-findings${query}`, { token: auditor })).json()) as Listing;
    await until(async () => expect((await list()).findings).toHaveLength(1));
    expect(await list()).toMatchObject({ newSerious: 1, findings: [{ pattern: 'F4', state: 'open' }] });
    expect((await list('?pattern=F1')).findings).toEqual([]);
    expect((await t.request('GET', '/api/v1/authorities/SGD-HP/audit-findings?severity=urgent', { token: auditor })).status).toBe(400);
    expect((await t.request('GET', '/api/v1/authorities/PGD-TN/audit-findings', { token: auditor })).status).toBe(200);
    const id = (await list()).findings[0]!.findingId;

    expect((await t.request('POST', `/api/v1/authorities/SGD-HP/audit-findings/${id}/closing`, { token: auditor, body: {} })).status).toBe(
      400,
    );
    // Issue 12, item 8: If-Match means what it says on a finding too: a stale ETag gets 412 and changes nothing.
    const stale = await t.request('POST', `/api/v1/authorities/SGD-HP/audit-findings/${id}/assignment`, {
      token: auditor,
      body: { assignee: 'Trần Văn Bình' },
      headers: { 'if-match': '"99"' },
    });
    expect(stale.status).toBe(412);
    const acknowledged = await t.request('POST', `/api/v1/authorities/SGD-HP/audit-findings/${id}/acknowledgement`, {
      token: auditor,
      body: { note: 'Đã chuyển công an' },
      headers: { 'if-match': '"0"' },
    });
    expect(acknowledged.status).toBe(201);
    expect(acknowledged.headers.get('etag')).toBe('"1"');
    await until(async () => expect((await list('?state=acknowledged')).findings).toHaveLength(1));

    const pdf = await t.request('GET', '/api/v1/authorities/SGD-HP/audit-findings.pdf', { token: auditor });
    expect(pdf.status).toBe(200);
    const dir = mkdtempSync(join(tmpdir(), 'audits-e2e-'));
    writeFileSync(join(dir, 'f.pdf'), Buffer.from(await pdf.arrayBuffer()));
    expect(execFileSync('pdftotext', ['-layout', join(dir, 'f.pdf'), '-']).toString()).toContain('HP 0300095');
  }, 60_000);

  it('serves the yearly report as JSON, XLSX and PDF, refusing a period without dates', async () => {
    expect((await t.request('GET', '/api/v1/authorities/SGD-HP/yearly-report', { token: auditor })).status).toBe(400);
    const report = (await (
      await t.request('GET', '/api/v1/authorities/SGD-HP/yearly-report?from=2024-01-01&to=2024-12-31', { token: auditor })
    ).json()) as { authorities: { kinds: { kind: string; blanks: { received: number; lost: number; onHand: number } }[] }[] };
    expect(report.authorities[0]!.kinds.find((k) => k.kind === 'THCS')!.blanks).toMatchObject({ received: 100, lost: 11, onHand: 89 });
    for (const format of ['xlsx', 'pdf'])
      expect(
        (await t.request('GET', `/api/v1/authorities/SGD-HP/yearly-report.${format}?from=2024-01-01&to=2024-12-31`, { token: auditor }))
          .status,
      ).toBe(200);
  }, 60_000);
});
