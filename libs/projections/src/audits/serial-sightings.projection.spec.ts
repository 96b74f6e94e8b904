import type { BlankLotEvent, HandOverEvent, VerificationRequestEvent } from '@so-goc/domain';
import type { RecordedEvent } from '@so-goc/event-store';
import { diplomaIdOf, issuance2024, LOT_STREAM, onStream, RUN_ID } from '../testing/literal-province';
import { givenEvents, recordedEvent } from '../testing/projection-spec';
import { allDetections } from './detections';
import { classify, SERIAL_SIGHTINGS_TABLE, serialSightingsProjection } from './serial-sightings.projection';

/** Rules 13, 14, 18 and §6 (F1, F4, F5, F14): serials presented where they must not be, from literal events. */
const lost: BlankLotEvent = {
  type: 'BlanksLost',
  data: {
    ranges: [{ from: 203410, to: 203411 }],
    authorityCode: 'SGD-HP',
    minutesRef: 'BB-MAT-01',
    policeUnit: 'Công an phường Lạch Tray',
    policeNotifiedAt: '2024-09-02T03:00:00Z',
    circumstances: 'Mất khi chuyển kho',
    lostOn: '2024-09-01',
    quantity: 2,
  },
};
// Later events are made after the issuance's, so that their positions follow it (givenEvents wants store order).
const world = (...more: (() => RecordedEvent)[]) => [...issuance2024(), ...onStream(LOT_STREAM, [lost], 3), ...more.map((make) => make())];
const policeLetter =
  (...serials: string[]) =>
  (): RecordedEvent =>
    recordedEvent('verification-request-xm-1', {
      type: 'VerificationRequestReceived',
      data: {
        requestId: 'xm-1',
        authorityCode: 'SGD-HP',
        organisation: 'Công an quận Lê Chân',
        letterNumber: '215/CAQ-ĐTTH',
        letterDate: '2026-11-17',
        receivedOn: '2026-11-18',
        legalBasis: null,
        subjects: serials.map((serial) => ({ fullName: 'Trần Văn Nam', birthDate: null, serial, registerNumber: null })),
      },
    } satisfies VerificationRequestEvent);
const detections = (events: RecordedEvent[]) =>
  allDetections(givenEvents(serialSightingsProjection, events).db, SERIAL_SIGHTINGS_TABLE).map((d) => [
    d.pattern,
    d.severity,
    d.policeReferral,
    d.subject,
  ]);

describe('serial sightings projection (rules 13, 14, 18; F1, F4, F5, F14)', () => {
  it('a police letter naming a serial of a diploma issued and held raises nothing', () => {
    expect(detections(world(policeLetter('HP 0203416')))).toEqual([]);
  });

  it('F1: when a letter names a serial no lot ever held, that is a high finding', () => {
    expect(detections(world(policeLetter('HP 0999999')))).toEqual([['F1', 'high', false, 'HP 0999999']]);
  });

  it('rules 13, 18 (F4): when a letter names a blank reported lost, that is critical and for the police', () => {
    expect(detections(world(policeLetter('hp 0203411')))).toEqual([['F4', 'critical', true, 'HP 0203411']]);
  });

  it('F4: when a letter names a blank still in stock, it left custody unprinted', () => {
    expect(detections(world(policeLetter('HP 0203401')))[0]?.slice(0, 1)).toEqual(['F4']);
  });

  it('rule 14 (F14): when a letter names a signed diploma lost before hand-over, that is for the police', () => {
    const lostDiploma = (): RecordedEvent =>
      recordedEvent(`diploma-${diplomaIdOf(3)}`, {
        type: 'DiplomaLostBeforeDelivery',
        data: {
          diplomaId: diplomaIdOf(3),
          printRunId: RUN_ID,
          serialLabel: 'HP 0203418',
          minutesRef: 'BB-MAT-02',
          policeUnit: 'Công an phường Lạch Tray',
          policeNotifiedAt: '2024-08-20T03:00:00Z',
          circumstances: 'Mất trên đường chuyển về trường',
          reportedTo: ['Bộ GDĐT'],
          lostOn: '2024-08-19',
        },
      } satisfies HandOverEvent);
    expect(detections(world(lostDiploma, policeLetter('HP 0203418')))).toEqual([['F14', 'critical', true, 'HP 0203418']]);
  });

  it('rule 18 (F4): when a print run presents a lost blank for printing, that is critical; a bound one presented again is F5', () => {
    const attempt = (): RecordedEvent =>
      recordedEvent(
        LOT_STREAM,
        {
          type: 'BlankReuseAttempted',
          data: {
            serials: [
              { serial: 203410, status: 'lost' },
              { serial: 203416, status: 'bound' },
            ],
            authorityCode: 'SGD-HP',
            printRunId: 'run-khac',
            attemptedOn: '2024-10-01',
          },
        } satisfies BlankLotEvent,
        { revision: 4n },
      );
    expect(detections(world(attempt))).toEqual([
      ['F4', 'critical', true, 'HP 0203410'],
      ['F5', 'high', false, 'HP 0203416'],
    ]);
  });

  it('the lookup-log audit asks the same question of a serial and gets the same answer', () => {
    const { db } = givenEvents(serialSightingsProjection, world());
    expect(classify(db, 'HP 0203410')).toMatchObject({ pattern: 'F4', policeReferral: true });
    expect(classify(db, 'HP 0203417')).toBeUndefined();
  });

  it('when the same batch is delivered again after its checkpoint, nothing changes (no sighting counted twice)', () => {
    expect(givenEvents(serialSightingsProjection, world(policeLetter('HP 0203411'))).replayChangesNothing()).toBe(true);
  });
});
