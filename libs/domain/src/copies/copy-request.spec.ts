import { given, TEST_CONTEXT } from '../testing/given-when-then';
import type { DomainError } from '../shared/errors';
import { CALENDAR, PROVINCE, THCS_PHONG_2024, THPT_2024 } from '../testing/after-issuance-fixtures';
import { INITIAL_DIPLOMA_STATE, type DiplomaState } from '../diplomas/diploma-state';
import type { CopyRequestEvent, DiplomaFacts, Requester } from './copy-request';
import { copyRequestDecider } from './copy-request.decider';
import { copyRegisterDecider, formatCopyNumber } from './copy-register';

const holder: Requester = {
  kind: 'holder',
  fullName: 'Nguyễn Thị Thuỷ',
  idDocument: { kind: 'CCCD', number: '031206000123' },
  entitlementDocument: null,
  deathCertificate: null,
};
const receive = (overrides: Record<string, unknown> = {}) => ({
  type: 'ReceiveCopyRequest' as const,
  requestId: 'bs-2026-0412',
  diplomaId: THPT_2024.diplomaId,
  authorityCode: 'SGD-HP',
  requester: holder,
  channel: 'counter' as const,
  // Friday 20/11/2026, 15:20 in Hà Nội time.
  receivedAt: '2026-11-20T08:20:00Z',
  copies: 3,
  feePerCopy: 0,
  calendar: CALENDAR,
  ...overrides,
});
const received = (overrides: Record<string, unknown> = {}): CopyRequestEvent[] => [
  ...copyRequestDecider.decide(receive(overrides), copyRequestDecider.initialState, undefined as never),
];
const corrected: DiplomaState = {
  ...INITIAL_DIPLOMA_STATE,
  corrections: [
    {
      decisionNumber: '45/QĐ-SGDĐT',
      decisionDate: '2023-03-10',
      changes: [{ field: 'birthDate', before: '2006-09-18', after: '2006-09-19' }],
    },
  ],
};
const facts = (state: DiplomaState = corrected, issued = THPT_2024): DiplomaFacts => ({ issued, state });
const copies = [1, 2, 3].map((n) => ({
  copyId: `bs-2026-0412-${n}`,
  copyNumber: formatCopyNumber('THPT', 2026, 411 + n),
  copyNumberValue: 411 + n,
  serial: `BS 000001${n}`,
}));
const issue = (overrides: Record<string, unknown> = {}) => ({
  type: 'IssueCopies' as const,
  requestId: 'bs-2026-0412',
  diploma: facts(),
  copies,
  lotId: 'HP-BS-2026',
  issuedOn: '2026-11-23',
  issuePlace: 'Hải Phòng',
  signerId: 'gd-hp',
  actingAuthorityCode: 'SGD-HP',
  directory: PROVINCE,
  ...overrides,
});

describe('Copies from the original register (rules 46–57)', () => {
  it('rule 49: received at the counter on Friday at 15:20, the copies are due on Monday; before 15:00 the same day', () => {
    expect(received()[0]).toMatchObject({ data: { dueDate: '2026-11-23' } });
    expect(received({ receivedAt: '2026-11-20T07:59:00Z' })[0]).toMatchObject({ data: { dueDate: '2026-11-20' } });
  });

  it('rule 49: received after 15:00 on the last working day before Tết 2026, due on the first working day after it', () => {
    expect(received({ receivedAt: '2026-02-13T08:30:00Z' })[0]).toMatchObject({ data: { dueDate: '2026-02-23' } });
  });

  it('rule 49: a postal request counts from its complete dossier; an extension needs a reason', () => {
    expect(received({ channel: 'post', receivedAt: '2026-11-16T02:00:00Z', dossierCompleteAt: '2026-11-18T03:00:00Z' })[0]).toMatchObject({
      data: { dueDate: '2026-11-18' },
    });
    given(copyRequestDecider, received())
      .when({ type: 'ExtendCopyRequest', requestId: 'bs-2026-0412', workingDays: 1, reason: '', calendar: CALENDAR })
      .thenRefusedWith('INVALID_INPUT');
    // Friday 13/11 at 15:20: due Monday 16/11, one more working day for many registers.
    const friday = received({ receivedAt: '2026-11-13T08:20:00Z' });
    const [extended] = copyRequestDecider.decide(
      { type: 'ExtendCopyRequest', requestId: 'bs-2026-0412', workingDays: 1, reason: 'Nhiều sổ gốc cần đối chiếu', calendar: CALENDAR },
      friday.reduce(copyRequestDecider.evolve, copyRequestDecider.initialState),
      undefined as never,
    );
    expect(extended).toMatchObject({ data: { dueDate: '2026-11-17' } });
  });

  it('rules 46, 57: copies carry the register’s content with corrections in force, the original’s serial, number and date', () => {
    const [event] = copyRequestDecider.decide(
      issue(),
      received().reduce(copyRequestDecider.evolve, copyRequestDecider.initialState),
      undefined as never,
    );
    expect(event).toMatchObject({
      type: 'CopiesIssued',
      data: {
        content: {
          holder: { birthDate: '2006-09-19' },
          originalSerial: 'HP 0203418',
          originalRegisterNumber: '000417/THPT-2024',
          originalIssueDate: '2024-08-14',
          correctionDecisions: [{ decisionNumber: '45/QĐ-SGDĐT' }],
        },
        copies: [{ copyNumber: '000412/BS-THPT-2026' }, { copyNumber: '000413/BS-THPT-2026' }, { copyNumber: '000414/BS-THPT-2026' }],
        signerName: 'Nguyễn Văn An',
      },
    });
  });

  it('rule 46: a copy of a Phòng-era THCS diploma is issued in 2026 by the successor Sở, signed by its own signer', () => {
    const [event] = copyRequestDecider.decide(
      issue({ diploma: facts(INITIAL_DIPLOMA_STATE, THCS_PHONG_2024), copies: copies.slice(0, 1) }),
      received({ diplomaId: THCS_PHONG_2024.diplomaId, copies: 1 }).reduce(copyRequestDecider.evolve, copyRequestDecider.initialState),
      undefined as never,
    );
    expect(event).toMatchObject({
      data: {
        authorityCode: 'SGD-HP',
        content: { issuerCode: 'PGD-TN', kind: 'THCS', originalSerial: 'HP 0300012' },
        signerName: 'Nguyễn Văn An',
      },
    });
    given(copyRequestDecider, received({ diplomaId: THCS_PHONG_2024.diplomaId, copies: 1 }))
      .when(issue({ diploma: facts(INITIAL_DIPLOMA_STATE, THCS_PHONG_2024), copies: copies.slice(0, 1), actingAuthorityCode: 'SGD-QN' }))
      .thenRefusedWith('NOT_REGISTER_HOLDER');
  });

  it('rule 48: a brother without an authorisation is refused; an heir needs the death certificate', () => {
    const brother: Requester = { ...holder, kind: 'authorised_representative', fullName: 'Nguyễn Văn Hải', entitlementDocument: null };
    given(copyRequestDecider, received({ requester: brother }))
      .when(issue())
      .thenRefusedWith('COPY_MUST_BE_REFUSED', { rule: 48 });
    given(
      copyRequestDecider,
      received({ requester: { ...brother, kind: 'sibling', entitlementDocument: 'Giấy khai sinh chứng minh quan hệ' } }),
    )
      .when(issue())
      .thenRefusedWith('COPY_MUST_BE_REFUSED', { rule: 48 });
    given(copyRequestDecider, received({ requester: brother }))
      .when({
        type: 'RefuseCopyRequest',
        requestId: 'bs-2026-0412',
        grounds: ['requester_not_entitled'],
        reasons: 'Không có giấy ủy quyền của người được cấp',
        refusedOn: '2026-11-20',
        letterRef: '512/SGDĐT-QLCL',
        diploma: facts(),
      })
      .then([
        {
          type: 'CopyRequestRefused',
          data: {
            requestId: 'bs-2026-0412',
            grounds: ['requester_not_entitled'],
            reasons: 'Không có giấy ủy quyền của người được cấp',
            refusedOn: '2026-11-20',
            letterRef: '512/SGDĐT-QLCL',
          },
        },
      ]);
  });

  it('rule 55, issue 17: a request for a revoked diploma is refused at reception, in writing, citing the decision', () => {
    const revoked: DiplomaState = {
      ...INITIAL_DIPLOMA_STATE,
      status: 'revoked',
      revocation: {
        decisionNumber: '99/QĐ-SGDĐT',
        decisionDate: '2026-02-01',
        ground: 'fraud',
        publishedOn: null,
        returnDueBy: null,
        returnedOn: null,
      },
    };
    const events = copyRequestDecider.decide(
      receive({ diploma: facts(revoked), refusalLetterRef: '17/TB-SGDĐT' }),
      copyRequestDecider.initialState,
      undefined as never,
    );
    expect(events.map((e) => e.type)).toEqual(['CopyRequestReceived', 'CopyRequestRefused']);
    expect(events[1]).toMatchObject({
      data: {
        grounds: ['diploma_revoked'],
        refusedOn: '2026-11-20',
        letterRef: '17/TB-SGDĐT',
        reasons: expect.stringContaining('Quyết định số 99/QĐ-SGDĐT ngày 01/02/2026'),
      },
    });
    expect(events.reduce(copyRequestDecider.evolve, copyRequestDecider.initialState).status).toBe('refused');
  });

  it('rule 55, issue 17: superseded or missing from the register is refused at reception too; a live diploma is only received', () => {
    const superseded: DiplomaState = {
      ...INITIAL_DIPLOMA_STATE,
      status: 'superseded',
      replacedBy: { diplomaId: 'x-r1', serialLabel: 'HP 0205001' },
    };
    const [, bySupersession] = copyRequestDecider.decide(
      receive({ diploma: facts(superseded) }),
      copyRequestDecider.initialState,
      undefined as never,
    );
    expect(bySupersession).toMatchObject({
      data: { grounds: ['diploma_superseded'], letterRef: 'bs-2026-0412/TC', reasons: expect.stringContaining('HP 0205001') },
    });
    const [, byAbsence] = copyRequestDecider.decide(receive({ diploma: null }), copyRequestDecider.initialState, undefined as never);
    expect(byAbsence).toMatchObject({ data: { grounds: ['no_register_entry'] } });
    expect(
      copyRequestDecider.decide(receive({ diploma: facts() }), copyRequestDecider.initialState, undefined as never).map((e) => e.type),
    ).toEqual(['CopyRequestReceived']);
  });

  it('rule 55: no copy of a revoked diploma; the refusal must match the register', () => {
    const revoked: DiplomaState = {
      ...INITIAL_DIPLOMA_STATE,
      status: 'revoked',
      revocation: {
        decisionNumber: '99/QĐ-SGDĐT',
        decisionDate: '2026-02-01',
        ground: 'fraud',
        publishedOn: null,
        returnDueBy: null,
        returnedOn: null,
      },
    };
    given(copyRequestDecider, received())
      .when(issue({ diploma: facts(revoked) }))
      .thenRefusedWith('COPY_MUST_BE_REFUSED', { rule: 55 });
    given(copyRequestDecider, received())
      .when({
        type: 'RefuseCopyRequest',
        requestId: 'bs-2026-0412',
        grounds: ['diploma_revoked'],
        reasons: 'Đã thu hồi',
        refusedOn: '2026-11-20',
        letterRef: '1/TB',
        diploma: facts(),
      })
      .thenRefusedWith('REFUSAL_GROUND_NOT_MET');
  });

  it('rule 50: with no register entry, the answer is a written refusal', () => {
    given(copyRequestDecider, received())
      .when({
        type: 'RefuseCopyRequest',
        requestId: 'bs-2026-0412',
        grounds: ['no_register_entry'],
        reasons: 'Sổ gốc không có tên người yêu cầu',
        refusedOn: '2026-11-20',
        letterRef: '2/TB',
        diploma: null,
      })
      .then([
        {
          type: 'CopyRequestRefused',
          data: {
            requestId: 'bs-2026-0412',
            grounds: ['no_register_entry'],
            reasons: 'Sổ gốc không có tên người yêu cầu',
            refusedOn: '2026-11-20',
            letterRef: '2/TB',
          },
        },
      ]);
  });

  it('rule 51: any number of copies, each request answered once', () => {
    expect(received({ copies: 12 })[0]).toMatchObject({ data: { copies: 12 } });
    const history = [
      ...received(),
      ...copyRequestDecider.decide(
        issue(),
        received().reduce(copyRequestDecider.evolve, copyRequestDecider.initialState),
        undefined as never,
      ),
    ];
    given(copyRequestDecider, history).when(issue()).thenRefusedWith('COPY_REQUEST_CLOSED');
  });

  it('rule 54: copies may be issued on the very day the original was', () => {
    const sameDay = received({ receivedAt: '2024-08-14T01:00:00Z' });
    const [event] = copyRequestDecider.decide(
      issue({ issuedOn: '2024-08-14', diploma: facts(INITIAL_DIPLOMA_STATE) }),
      sameDay.reduce(copyRequestDecider.evolve, copyRequestDecider.initialState),
      undefined as never,
    );
    expect(event).toMatchObject({ type: 'CopiesIssued', data: { issuedOn: '2024-08-14', content: { originalIssueDate: '2024-08-14' } } });
  });

  it('rule 56: the fee is the office’s own setting, recorded with the request (none by default)', () => {
    expect(received()[0]).toMatchObject({ data: { feePerCopy: 0 } });
    expect(received({ feePerCopy: 20_000 })[0]).toMatchObject({ data: { feePerCopy: 20_000, copies: 3 } });
    given(copyRequestDecider)
      .when(receive({ feePerCopy: -1 }))
      .thenRefusedWith('INVALID_INPUT', { field: 'feePerCopy' });
  });

  it('rule 52: copy numbers run on per authority, kind and year, each on one copy, showing kind and year', () => {
    given(copyRegisterDecider, [{ type: 'CopyNumbersAssigned', data: { requestId: 'a', first: 1, last: 411, copyIds: [] } }])
      .when({ type: 'AssignCopyNumbers', requestId: 'bs-2026-0412', copyIds: ['c1', 'c2', 'c3'] })
      .then([{ type: 'CopyNumbersAssigned', data: { requestId: 'bs-2026-0412', first: 412, last: 414, copyIds: ['c1', 'c2', 'c3'] } }]);
    given(copyRegisterDecider, [{ type: 'CopyNumbersAssigned', data: { requestId: 'a', first: 1, last: 1, copyIds: ['x'] } }])
      .when({ type: 'AssignCopyNumbers', requestId: 'a', copyIds: ['y'] })
      .thenRefusedWith('REQUEST_ALREADY_NUMBERED', { rule: 52 });
    expect(formatCopyNumber('THPT', 2026, 412)).toBe('000412/BS-THPT-2026');
  });

  describe('rule 49, issue 16: the time a request was received is a time that has come', () => {
    const fieldCodesOf = (error: DomainError) => error.problem.fieldProblems?.map((p) => `${p.field}:${p.code}`);

    it('refuses a request received on 9999-12-31 (the test context acts on 2026-11-22)', () => {
      const refusal = given(copyRequestDecider)
        .when(receive({ receivedAt: '9999-12-31T02:00:00Z' }))
        .thenRefusedWith('INVALID_INPUT');
      expect(fieldCodesOf(refusal)).toEqual(['receivedAt:DATE_IN_FUTURE']);
    });

    it('refuses a request received before 2 September 1945', () => {
      const refusal = given(copyRequestDecider)
        .when(receive({ receivedAt: '1900-05-20T02:00:00Z' }))
        .thenRefusedWith('INVALID_INPUT');
      expect(fieldCodesOf(refusal)).toEqual(['receivedAt:DATE_TOO_EARLY']);
    });

    it('refuses a postal dossier completed two days after the day it is recorded', () => {
      const refusal = given(copyRequestDecider)
        .when(receive({ channel: 'post', receivedAt: '2026-11-20T02:00:00Z', dossierCompleteAt: '2026-11-24T02:00:00Z' }))
        .thenRefusedWith('INVALID_INPUT');
      expect(fieldCodesOf(refusal)).toEqual(['dossierCompleteAt:DATE_IN_FUTURE']);
    });

    it('receives a request dated the next day in Vietnam (midnight falls differently, clocks drift)', () => {
      const events = copyRequestDecider.decide(
        receive({ receivedAt: '2026-11-23T01:00:00+07:00' }),
        copyRequestDecider.initialState,
        TEST_CONTEXT,
      );
      expect(events.map((e) => e.type)).toEqual(['CopyRequestReceived']);
    });
  });
});
