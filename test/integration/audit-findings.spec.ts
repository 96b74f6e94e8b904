import { randomUUID } from 'node:crypto';
import { Test } from '@nestjs/testing';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { blankLotDecider, blankLotStream, DomainError, verificationRequestDecider, verificationRequestStream } from '@so-goc/domain';
import { handleCommand } from '@so-goc/event-store';
import { AcknowledgeFinding, AuditSweep, CloseFinding, EVENT_STORE, FINDING_COMMAND_HANDLERS } from '@so-goc/platform';
import { findingHistory, findings } from '@so-goc/projections';
import { contextAfterTheFacts as context, issuanceWorld } from '../support/issuance-world';

/** Issue 15 §2: findings are records whose handling is itself recorded; a recurrence after closing reopens. */
describe('audit findings through the CommandBus', () => {
  it('a detection becomes a finding once, is acknowledged and closed with a note, reopens when it recurs, and only its own or a superior authority may handle it', async () => {
    const world = await issuanceWorld();
    const moduleRef = await Test.createTestingModule({
      imports: [CqrsModule.forRoot()],
      providers: [{ provide: EVENT_STORE, useValue: world.store }, ...FINDING_COMMAND_HANDLERS],
    }).compile();
    await moduleRef.init();
    const bus = moduleRef.get(CommandBus);
    try {
      await handleCommand(world.store, blankLotDecider, {
        stream: blankLotStream('HP-THPT-2024'),
        context: context(),
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
      const letter = (id: string) =>
        handleCommand(world.store, verificationRequestDecider, {
          stream: verificationRequestStream(id),
          context: context(),
          command: {
            type: 'ReceiveVerificationRequest',
            requestId: id,
            authorityCode: 'SGD-HP',
            organisation: 'Công ty TNHH Minh Long',
            letterNumber: `${id}/CV`,
            letterDate: '2024-09-03',
            receivedOn: '2024-09-04',
            subjects: [{ fullName: 'Trần Văn Giả', birthDate: null, serial: 'HP 0211995', registerNumber: null }],
          },
        });
      await letter('cv-1');
      let db = await world.readModels();
      const sweep = new AuditSweep(db, bus);
      expect(await sweep.sweep(new Date('2024-09-05T00:00:00Z'))).toBe(1);
      expect(await sweep.sweep(new Date('2024-09-05T00:01:00Z'))).toBe(0);
      db = await world.readModels();
      const [finding] = findings(db, { authorityCodes: ['SGD-HP'], state: 'open' });
      expect(finding).toMatchObject({ pattern: 'F4', severity: 'critical', policeReferral: true, subject: 'HP 0211995', occurrences: 1 });

      const auditor = (authorityCode: string) => ({
        ...context(authorityCode, '2024-09-06T02:00:00.000Z', randomUUID()),
        actor: { officerId: 'kiem.tra', role: 'auditor', authorityCode },
      });
      await expect(bus.execute(new CloseFinding(finding!.findingId, 'Không phải việc của phòng', auditor('PGD-TN')))).rejects.toMatchObject(
        { code: 'FINDING_OUTSIDE_AUTHORITY' },
      );
      await expect(
        bus.execute(
          new CloseFinding(finding!.findingId, 'x', {
            ...auditor('SGD-HP'),
            actor: { officerId: 'lan', role: 'registrar', authorityCode: 'SGD-HP' },
          }),
        ),
      ).rejects.toBeInstanceOf(DomainError);
      await bus.execute(new AcknowledgeFinding(finding!.findingId, null, auditor('SGD-HP')));
      await bus.execute(new CloseFinding(finding!.findingId, 'Đã chuyển Công an quận Hồng Bàng, CV 15/CA', auditor('SGD-HP')));
      db = await world.readModels();
      expect(findings(db, { authorityCodes: ['SGD-HP'], state: 'open' })).toEqual([]);

      await letter('cv-2');
      db = await world.readModels();
      expect(await sweep.sweep(new Date('2024-09-10T00:00:00Z'))).toBe(1);
      db = await world.readModels();
      expect(findings(db, { authorityCodes: ['SGD-HP'] })).toEqual([
        expect.objectContaining({ findingId: finding!.findingId, state: 'open', occurrences: 2 }),
      ]);
      expect(findingHistory(db, finding!.findingId).map((h) => [h.action, h.by])).toEqual([
        ['raised', null],
        ['acknowledged', 'kiem.tra'],
        ['closed', 'kiem.tra'],
        ['reopened', null],
      ]);
    } finally {
      await moduleRef.close();
      await world.close();
    }
  }, 120_000);
});
