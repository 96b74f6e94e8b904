import { issuanceDeadline } from '../issuance/issuance-deadline';
import { DEADLINE_ACTS, DEADLINE_TABLE, deadlineFor } from './deadline-table';
import { DIPLOMA_KINDS, REGIMES } from './legal-regimes';

// Issue 17 item 9, domain §0.5: every deadline comes from the regime in force on the date that starts it.
describe('deadline table by regime, kind and medium', () => {
  it.each([
    // act, kind, started on, medium, length, unit, regime, confirmed
    ['issue', 'THPT', '2024-07-20', 'paper', 75, 'calendar_days', 'TT21/2019', true],
    ['issue', 'THPT', '2025-07-25', 'paper', 75, 'calendar_days', 'TT13/2025', false],
    ['issue', 'THPT', '2026-07-10', 'paper', 30, 'calendar_days', 'TT10/2026', true],
    ['issue', 'THPT', '2026-07-10', 'digital', 5, 'calendar_days', 'TT10/2026', false],
    ['issue', 'THCS', '2024-06-01', 'paper', 30, 'calendar_days', 'TT21/2019', false],
    ['correct', 'THPT', '2024-10-01', 'paper', 5, 'working_days', 'TT21/2019', true],
    ['correct', 'THCS', '2025-09-15', 'paper', 2, 'working_days', 'TT13/2025', false],
    ['correct', 'THPT', '2026-05-04', 'paper', 3, 'working_days', 'TT10/2026', false],
    ['reissue', 'THPT', '2024-10-01', 'paper', 5, 'working_days', 'TT21/2019', true],
    ['reissue', 'THPT', '2026-05-04', 'paper', 3, 'working_days', 'TT10/2026', false],
    ['copy', 'THCS', '2026-11-23', 'paper', 0, 'working_days', 'TT10/2026', true],
    ['copy_extension', 'THPT', '2025-09-01', 'paper', 1, 'working_days', 'TT13/2025', false],
  ] as const)('%s %s started %s (%s): %i %s under %s, confirmed %s', (act, kind, startedOn, medium, length, unit, regime, confirmed) => {
    expect(deadlineFor(act, kind, startedOn, medium)).toMatchObject({ length, unit, regime, confirmed });
  });

  it('has no THCS issuance under TT10/2026 (no THCS diploma any more) and says so for the years before TT21', () => {
    expect(deadlineFor('issue', 'THCS', '2026-06-01')).toBeUndefined();
    expect(deadlineFor('issue', 'THPT', '2018-07-01')).toMatchObject({ length: null, confirmed: false });
    expect(issuanceDeadline('THPT', '2018-07-01')).toBeNull();
  });

  it('names a source and a confidence on every row, and has at most one row per act, regime, kind and medium', () => {
    const keys = DEADLINE_TABLE.map((r) => `${r.act}|${r.regime}|${r.kind ?? '*'}|${r.medium ?? '*'}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of DEADLINE_TABLE)
      expect({ key: `${r.act}|${r.regime}`, source: r.source.length > 0, confidence: ['H', 'M', 'L'].includes(r.confidence) }).toEqual({
        key: `${r.act}|${r.regime}`,
        source: true,
        confidence: true,
      });
  });

  it('answers every act after issuance for both kinds under every regime (legacy THCS diplomas live on)', () => {
    for (const act of DEADLINE_ACTS.filter((a) => a !== 'issue')) {
      for (const kind of DIPLOMA_KINDS) {
        for (const regime of REGIMES) {
          const day = regime.from ?? '2015-01-01';
          expect({ act, kind, regime: regime.code, found: deadlineFor(act, kind, day)?.regime }).toEqual({
            act,
            kind,
            regime: regime.code,
            found: regime.code,
          });
        }
      }
    }
  });

  it('gives the overdue list the value and whether it is confirmed (rule 7)', () => {
    expect(issuanceDeadline('THPT', '2026-07-10', 'digital')).toMatchObject({
      days: 5,
      dueBy: '2026-07-15',
      confirmed: false,
      confidence: 'M',
    });
    expect(issuanceDeadline('THPT', '2024-07-20')).toMatchObject({
      days: 75,
      dueBy: '2024-10-03',
      confirmed: true,
      source: 'TT21 Art. 17 (§0.5)',
    });
  });
});
