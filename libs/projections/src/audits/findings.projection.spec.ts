import type { FindingEvent } from '@so-goc/domain';
import { givenEvents, recordedEvent } from '../testing/projection-spec';
import { findingHistory, findings, findingsProjection } from './findings.projection';

/** Fraud-audit findings as officers work them (§6, issue 15), from literal events. */
const raised = (findingId: string, severity: 'critical' | 'high' | 'medium', lastSeen: string, authorityCode = 'SGD-HP'): FindingEvent => ({
  type: 'FindingRaised',
  data: {
    findingId,
    detectionKey: `F5:gap:${findingId}`,
    pattern: 'F5',
    severity,
    authorityCode,
    subject: 'sổ gốc THPT năm 2026',
    summaryVi: 'Sổ gốc THPT năm 2026: bỏ trống số 7.',
    summaryEn: 'Original register THPT 2026: number 7 skipped.',
    policeReferral: false,
    facts: { missingFrom: 7, missingTo: 7 },
    links: ['/api/v1/authorities/SGD-HP/register-books/THPT/2026'],
    firstSeen: lastSeen,
    lastSeen,
    occurrences: 1,
  },
});
const stream = (id: string) => `audit-finding-${id}`;
const history = [
  recordedEvent(stream('f-1'), raised('f-1', 'high', '2026-11-02T03:00:00Z')),
  recordedEvent(stream('f-2'), raised('f-2', 'critical', '2026-11-01T03:00:00Z')),
  recordedEvent(stream('f-3'), raised('f-3', 'medium', '2026-11-03T03:00:00Z')),
  recordedEvent(stream('f-4'), raised('f-4', 'critical', '2026-11-03T03:00:00Z', 'SGD-QN')),
];

describe('findings projection (§6, issue 15)', () => {
  it('given findings of two Sở, an auditor sees only their own, the most serious first, then the latest', () => {
    const { db } = givenEvents(findingsProjection, history);
    expect(findings(db, { authorityCodes: ['SGD-HP'] }).map((f) => [f.findingId, f.severity, f.state])).toEqual([
      ['f-2', 'critical', 'open'],
      ['f-1', 'high', 'open'],
      ['f-3', 'medium', 'open'],
    ]);
  });

  it('when a finding is acknowledged, assigned and closed, its state, assignee and note show, and its history says who did what', () => {
    const at = (event: FindingEvent) => recordedEvent(stream('f-1'), event);
    const { db } = givenEvents(findingsProjection, [
      ...history,
      at({ type: 'FindingAcknowledged', data: { findingId: 'f-1', by: 'kiem.tra', at: '2026-11-04T02:00:00Z', note: null } }),
      at({
        type: 'FindingAssigned',
        data: { findingId: 'f-1', assignee: 'lan.nguyen', by: 'kiem.tra', at: '2026-11-04T02:05:00Z', note: 'Đối chiếu sổ giấy' },
      }),
      at({
        type: 'FindingClosed',
        data: { findingId: 'f-1', by: 'kiem.tra', at: '2026-11-06T08:00:00Z', note: 'Số 7 bị hủy theo biên bản 12/BB.' },
      }),
    ]);
    expect(findings(db, { authorityCodes: ['SGD-HP'], state: 'closed' })).toMatchObject([
      { findingId: 'f-1', assignee: 'lan.nguyen', closedNote: 'Số 7 bị hủy theo biên bản 12/BB.' },
    ]);
    expect(findingHistory(db, 'f-1').map((h) => [h.action, h.by, h.note])).toEqual([
      ['raised', null, null],
      ['acknowledged', 'kiem.tra', null],
      ['assigned', 'kiem.tra', 'lan.nguyen: Đối chiếu sổ giấy'],
      ['closed', 'kiem.tra', 'Số 7 bị hủy theo biên bản 12/BB.'],
    ]);
  });

  it('when a closed finding is seen again, it reopens with the new count and the latest facts', () => {
    const at = (event: FindingEvent) => recordedEvent(stream('f-3'), event);
    const { db } = givenEvents(findingsProjection, [
      ...history,
      at({ type: 'FindingClosed', data: { findingId: 'f-3', by: 'kiem.tra', at: '2026-11-04T02:00:00Z', note: 'Đã rõ' } }),
      at({
        type: 'FindingReopened',
        data: {
          findingId: 'f-3',
          lastSeen: '2026-11-09T02:00:00Z',
          occurrences: 2,
          facts: { missingFrom: 7, missingTo: 8 },
          reopenedAt: '2026-11-09T02:00:00Z',
        },
      }),
    ]);
    expect(findings(db, { authorityCodes: ['SGD-HP'], pattern: 'F5', severity: 'medium' })).toMatchObject([
      { findingId: 'f-3', state: 'open', occurrences: 2, lastSeen: '2026-11-09T02:00:00Z', facts: { missingTo: 8 } },
    ]);
  });

  it('when the same batch is delivered again after its checkpoint, nothing changes', () => {
    expect(givenEvents(findingsProjection, history).replayChangesNothing()).toBe(true);
  });
});
