import type { CopyRegisterEvent, RegisterEvent } from '@so-goc/domain';
import { givenEvents, recordedEvent } from '../testing/projection-spec';
import { allDetections } from './detections';
import { REGISTER_SEQUENCE_TABLE, registerSequenceProjection } from './register-sequence.projection';

/** Rule 21, rule 52 and §6 (F5, F6, F10): what was actually recorded in the registers' number streams, from literal events. */
const BOOK = 'register-SGD-HP-THPT-2026';
const numbers = (printRunId: string, first: number, last: number, occurredAt = '2026-06-20T03:00:00.000Z') =>
  recordedEvent(
    BOOK,
    {
      type: 'RegisterNumbersAssigned',
      data: {
        printRunId,
        first,
        last,
        count: last - first + 1,
        diplomaIds: Array.from({ length: last - first + 1 }, (_, i) => `${printRunId}-${first + i}`),
      },
    } satisfies RegisterEvent,
    { occurredAt },
  );
const detections = (events: Parameters<typeof givenEvents>[1]) =>
  allDetections(givenEvents(registerSequenceProjection, events).db, REGISTER_SEQUENCE_TABLE).map((d) => [
    d.pattern,
    d.severity,
    d.summaryVi,
  ]);

describe('register sequence projection (rules 21, 52; F5, F6, F10)', () => {
  it('rule 21: numbers recorded 1, 2, 3… in their own year raise nothing', () => {
    expect(detections([numbers('run-1', 1, 40), numbers('run-2', 41, 60)])).toEqual([]);
  });

  it('F5: when the next run starts past the head, the gap is a high finding naming the missing numbers', () => {
    expect(detections([numbers('run-1', 1, 40), numbers('run-2', 43, 60)])).toEqual([
      ['F5', 'high', 'Sổ gốc THPT năm 2026: bỏ trống số 41–42; số tiếp theo được ghi là 43.'],
    ]);
  });

  it('F5: when numbers are recorded a second time, that is critical', () => {
    expect(detections([numbers('run-1', 1, 40), numbers('run-2', 39, 60)])).toEqual([
      ['F5', 'critical', 'Sổ gốc THPT năm 2026: số 39–40 được ghi lần thứ hai.'],
    ]);
  });

  it('F6: when numbers enter a book in use in 2026 after 31/12/2026 (Hà Nội time), that is back-dating', () => {
    expect(detections([numbers('run-1', 1, 40), numbers('run-2', 41, 41, '2027-01-01T00:30:00.000Z')])).toEqual([
      ['F6', 'high', 'Sổ gốc THPT năm 2026: số 41 được vào sổ năm 2027, sau khi năm 2026 đã kết thúc.'],
    ]);
    // 23:30 on 31/12 in Hà Nội still belongs to the year.
    expect(detections([numbers('run-1', 1, 40), numbers('run-2', 41, 41, '2026-12-31T16:30:00.000Z')])).toEqual([]);
  });

  it('F6 is not raised for a past year back-filled into a new registry: that book was never in use in its year', () => {
    expect(detections([numbers('run-1', 1, 40, '2027-03-01T03:00:00.000Z'), numbers('run-2', 41, 50, '2027-03-02T03:00:00.000Z')])).toEqual(
      [],
    );
  });

  it('F10: a copy register that skips numbers is a finding about the sổ cấp bản sao', () => {
    const copies = (requestId: string, first: number, last: number) =>
      recordedEvent('copy-register-SGD-HP-THPT-2026', {
        type: 'CopyNumbersAssigned',
        data: { requestId, first, last, copyIds: [`${requestId}-1`] },
      } satisfies CopyRegisterEvent);
    expect(detections([copies('bs-1', 1, 1), copies('bs-2', 3, 3)])).toEqual([
      ['F10', 'high', 'Sổ cấp bản sao THPT năm 2026: bỏ trống số 2; số tiếp theo được ghi là 3.'],
    ]);
  });

  it('when the same batch is delivered again after its checkpoint, nothing changes (no second sighting)', () => {
    expect(givenEvents(registerSequenceProjection, [numbers('run-1', 1, 40), numbers('run-2', 43, 60)]).replayChangesNothing()).toBe(true);
  });
});
