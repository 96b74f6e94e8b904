import type { BlankLotEvent } from '../blanks/blank';
import { blankLotDecider } from '../blanks/blank-lot.decider';
import { PROVINCE, THPT_2024 } from '../testing/after-issuance-fixtures';
import { TEST_CONTEXT } from '../testing/given-when-then';
import { givenRead, stateOf } from '../testing/workflow-spec';
import { decideReissue, type ReissueInput, type ReissueRead } from './after-issuance.workflows';
import type { DiplomaEvent } from './diploma';
import { diplomaDecider } from './diploma.decider';

/**
 * Reissue for the issuer's error (rules 36–39) spans the lot (a new blank), the old diploma (superseded)
 * and the replacement's own stream, from literal histories; a resend after a crash completes the act
 * without a second blank (issue 12 item 7). The test context acts on 22/11/2026.
 */
const NEW_ID = `${THPT_2024.diplomaId}-r1`;
const lot: BlankLotEvent[] = [
  {
    type: 'BlankLotReceived',
    data: {
      lotId: 'HP-2026-THPT-1',
      kind: 'THPT',
      templateVersion: 'TT21-2019',
      prefix: 'HP',
      width: 7,
      range: { from: 260001, to: 260020 },
      receivingAuthority: 'SGD-HP',
      supplier: 'Nhà in Bộ GDĐT',
      deliveryNote: { number: 'PGH-0126', date: '2026-01-10' },
      receivedBy: 'Nguyễn Thị Lan',
      receivedOn: '2026-01-10',
      missing: [],
      damaged: [],
    },
  },
];
const boundToReplacement: BlankLotEvent[] = [
  {
    type: 'BlanksReserved',
    data: {
      ranges: [{ from: 260001, to: 260001 }],
      authorityCode: 'SGD-HP',
      printRunId: `reissue-${NEW_ID}`,
      reservedOn: '2026-11-20',
      quantity: 1,
    },
  },
  {
    type: 'BlanksBound',
    data: {
      authorityCode: 'SGD-HP',
      printRunId: `reissue-${NEW_ID}`,
      boundOn: '2026-11-20',
      bindings: [{ serial: 260001, diplomaId: NEW_ID }],
    },
  },
];
const input: ReissueInput = {
  diplomaId: THPT_2024.diplomaId,
  authorityCode: 'SGD-HP',
  decisionNumber: '88/QĐ-SGDĐT',
  decisionDate: '2026-11-18',
  issuerError: 'Ghi sai nơi sinh so với hồ sơ',
  changes: [{ field: 'birthPlace', after: 'Thuỷ Nguyên, Hải Phòng' }],
  lotId: 'HP-2026-THPT-1',
  issueDate: '2026-11-20',
  issuePlace: 'Hải Phòng',
  signerId: 'gd-hp',
};
const read = (history: { old?: DiplomaEvent[]; lot?: BlankLotEvent[]; replacement?: DiplomaEvent[] } = {}): ReissueRead => ({
  old: { issued: THPT_2024, state: stateOf(diplomaDecider, history.old ?? []), events: history.old ?? [] },
  lot: stateOf(blankLotDecider, history.lot ?? lot),
  replacement: stateOf(diplomaDecider, history.replacement ?? []),
  directory: PROVINCE,
});
const reissue = (r: ReissueRead, context: typeof TEST_CONTEXT) => decideReissue(input, r, context);
const shape = (r: ReissueRead) =>
  decideReissue(input, r, TEST_CONTEXT)
    .appends.filter((a) => a.events.length > 0)
    .map((a) => [a.stream, a.events.map((e) => e.type)]);

describe('reissue for the issuer’s error (rules 36–39; issue 12 item 7)', () => {
  it('rules 36–39: the next blank is bound to the replacement, the old diploma is revoked for the issuer’s error and superseded, the replacement’s stream starts', () => {
    expect(shape(read())).toEqual([
      ['blank-lot-HP-2026-THPT-1', ['BlanksReserved', 'BlanksBound']],
      [`diploma-${THPT_2024.diplomaId}`, ['DiplomaRevoked', 'DiplomaReissued']],
      [`diploma-${NEW_ID}`, ['DiplomaIssuedAsReplacement']],
    ]);
  });

  it('rule 39: the replacement carries the new serial, the corrected field and the decision', () => {
    const replacement = decideReissue(input, read(), TEST_CONTEXT).appends[2]?.events[0];
    expect(replacement).toMatchObject({
      data: {
        diplomaId: NEW_ID,
        replaces: THPT_2024.diplomaId,
        serialLabel: 'HP 0260001',
        holder: { fullName: 'Nguyễn Thị Thuỷ', birthPlace: 'Thuỷ Nguyên, Hải Phòng' },
        decisionNumber: '88/QĐ-SGDĐT',
        signerName: 'Nguyễn Văn An',
      },
    });
  });

  it('issue 12 item 7: resent after the blank was bound, no second blank is taken and the same serial is used', () => {
    const decision = decideReissue(input, read({ lot: [...lot, ...boundToReplacement] }), TEST_CONTEXT);
    expect(decision.appends.filter((a) => a.events.length > 0).map((a) => a.stream)).toEqual([
      `diploma-${THPT_2024.diplomaId}`,
      `diploma-${NEW_ID}`,
    ]);
    expect(decision.appends[2]?.events[0]).toMatchObject({ data: { serialLabel: 'HP 0260001' } });
  });

  it('issue 12 item 7: resent after the replacement was issued, nothing is appended', () => {
    const issuedReplacement: DiplomaEvent = {
      type: 'DiplomaIssuedAsReplacement',
      data: {
        diplomaId: NEW_ID,
        replaces: THPT_2024.diplomaId,
        graduateId: THPT_2024.graduateId,
        authorityCode: 'SGD-HP',
        kind: 'THPT',
        holder: { ...THPT_2024.holder, birthPlace: 'Thuỷ Nguyên, Hải Phòng' },
        lotId: 'HP-2026-THPT-1',
        serial: 260001,
        serialLabel: 'HP 0260001',
        registerLabel: '000417/THPT-2024/1',
        issueDate: '2026-11-20',
        issuePlace: 'Hải Phòng',
        signerName: 'Nguyễn Văn An',
        signerTitle: 'Giám đốc',
        decisionNumber: '88/QĐ-SGDĐT',
        decisionDate: '2026-11-18',
        templateVersion: 'TT21-2019',
      },
    };
    givenRead(read({ lot: [...lot, ...boundToReplacement], replacement: [issuedReplacement] }))
      .when(reissue)
      .then([]);
  });

  it('rule 45: a diploma revoked for fraud is not reissued, and no blank is taken', () => {
    const revoked: DiplomaEvent = {
      type: 'DiplomaRevoked',
      data: {
        diplomaId: THPT_2024.diplomaId,
        serialLabel: 'HP 0203418',
        registerLabel: '000417/THPT-2024',
        issuerCode: 'SGD-HP',
        decisionNumber: '99/QĐ-SGDĐT',
        decisionDate: '2026-10-02',
        ground: 'fraud',
        reasons: 'Thi hộ.',
        source: 'police',
        authorityCode: 'SGD-HP',
        regime: 'TT21-2019',
      },
    };
    let refusal: unknown;
    try {
      decideReissue(input, read({ old: [revoked] }), TEST_CONTEXT);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({ problem: { code: expect.stringMatching(/REVOKED/) } });
  });
});
