import { given, TEST_CONTEXT } from '../testing/given-when-then';
import { findingDecider, type FindingEvent, type FindingSighting } from './finding';

const sighting = (occurrences: number, lastSeen = '2024-09-04T01:00:00.000Z'): FindingSighting => ({
  pattern: 'F4',
  severity: 'critical',
  authorityCode: 'SGD-HP',
  subject: 'HP 0211995',
  summaryVi: 'Phôi HP 0211995 (đã mất) được nêu trong công văn.',
  summaryEn: 'Blank HP 0211995 (lost) was named in a letter.',
  policeReferral: true,
  facts: { serial: 'HP 0211995' },
  links: ['/api/v1/authorities/SGD-HP/blank-serials/HP%200211995'],
  firstSeen: '2024-09-04T01:00:00.000Z',
  lastSeen,
  occurrences,
});
const raised: FindingEvent = { type: 'FindingRaised', data: { findingId: 'f1', detectionKey: 'F4:letter:HP 0211995', ...sighting(1) } };
const closed: FindingEvent = {
  type: 'FindingClosed',
  data: { findingId: 'f1', by: 'officer-1', at: TEST_CONTEXT.occurredAt, note: 'Đã chuyển công an' },
};

describe('an audit finding (issue 15, docs/domain.md §6)', () => {
  it('is raised by its first sighting', () => {
    given(findingDecider)
      .when({ type: 'RecordSighting', findingId: 'f1', detectionKey: 'F4:letter:HP 0211995', sighting: sighting(1) })
      .then([raised]);
  });

  it('ignores a resent sighting and records a new one', () => {
    given(findingDecider, [raised])
      .when({ type: 'RecordSighting', findingId: 'f1', detectionKey: 'k', sighting: sighting(1) })
      .then([]);
    given(findingDecider, [raised])
      .when({ type: 'RecordSighting', findingId: 'f1', detectionKey: 'k', sighting: sighting(2, '2024-09-09T00:00:00.000Z') })
      .then([
        {
          type: 'FindingSeenAgain',
          data: {
            findingId: 'f1',
            lastSeen: '2024-09-09T00:00:00.000Z',
            occurrences: 2,
            severity: 'critical',
            facts: { serial: 'HP 0211995' },
          },
        },
      ]);
  });

  it('reopens when it recurs after closing', () => {
    given(findingDecider, [raised, closed])
      .when({ type: 'RecordSighting', findingId: 'f1', detectionKey: 'k', sighting: sighting(2, '2024-10-01T00:00:00.000Z') })
      .then([
        {
          type: 'FindingReopened',
          data: {
            findingId: 'f1',
            lastSeen: '2024-10-01T00:00:00.000Z',
            occurrences: 2,
            facts: { serial: 'HP 0211995' },
            reopenedAt: TEST_CONTEXT.occurredAt,
          },
        },
      ]);
  });

  it('is acknowledged, assigned and closed by the acting officer, with the note', () => {
    given(findingDecider, [raised])
      .when({ type: 'AcknowledgeFinding', findingId: 'f1' })
      .then([{ type: 'FindingAcknowledged', data: { findingId: 'f1', by: 'officer-1', at: TEST_CONTEXT.occurredAt, note: null } }]);
    given(findingDecider, [raised])
      .when({ type: 'AssignFinding', findingId: 'f1', assignee: 'thanh.tra', note: ' Xác minh ' })
      .then([
        {
          type: 'FindingAssigned',
          data: { findingId: 'f1', assignee: 'thanh.tra', by: 'officer-1', at: TEST_CONTEXT.occurredAt, note: 'Xác minh' },
        },
      ]);
    given(findingDecider, [raised]).when({ type: 'CloseFinding', findingId: 'f1', note: 'Đã chuyển công an' }).then([closed]);
  });

  it('refuses to close without a note, to act on a closed or unknown finding, and a malformed assignee', () => {
    given(findingDecider, [raised])
      .when({ type: 'CloseFinding', findingId: 'f1', note: '  ' })
      .thenRefusedWith('INVALID_INPUT', { field: 'note' });
    given(findingDecider, [raised, closed]).when({ type: 'AcknowledgeFinding', findingId: 'f1' }).thenRefusedWith('FINDING_CLOSED');
    given(findingDecider).when({ type: 'CloseFinding', findingId: 'f1', note: 'x' }).thenRefusedWith('FINDING_NOT_FOUND');
    given(findingDecider, [raised])
      .when({ type: 'AssignFinding', findingId: 'f1', assignee: 'Bad Name!' })
      .thenRefusedWith('INVALID_INPUT', { field: 'assignee' });
  });
});
