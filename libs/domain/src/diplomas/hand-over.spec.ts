import { given } from '../testing/given-when-then';
import type { DiplomaEvent, IssuedDiploma, Recipient } from './diploma';
import { diplomaDecider } from './diploma.decider';

const issued: IssuedDiploma = {
  diplomaId: 'qd-1-00001',
  graduateId: 'qd-1-00001',
  printRunId: 'run-1',
  authorityCode: 'SGD-HP',
  kind: 'THPT',
  serialLabel: 'HP 0203416',
  registerLabel: '000417/THPT-2024',
  issueDate: '2024-08-14',
  holder: { fullName: 'Nguyễn Thị Thuỷ', birthDate: '2006-09-18', birthPlace: 'Hải Phòng', sex: 'female', ethnicity: 'Kinh' },
};
const holder: Recipient = { kind: 'holder', fullName: 'Nguyễn Thị Thuỷ', authorisationRef: null, idDocument: null };
const deliver = (overrides: Partial<{ issued: IssuedDiploma; recipient: Recipient; deliveredOn: string }> = {}) => ({
  type: 'DeliverDiploma' as const,
  issued,
  recipient: holder,
  deliveredOn: '2024-08-20',
  actingAuthorityCode: 'SGD-HP',
  deliveredBy: 'Phạm Văn Cường',
  ...overrides,
});
const delivered: DiplomaEvent = {
  type: 'DiplomaDelivered',
  data: { diplomaId: 'qd-1-00001', printRunId: 'run-1', recipient: holder, deliveredOn: '2024-08-20', deliveredBy: 'Phạm Văn Cường' },
};
const report = {
  type: 'ReportDiplomaLostBeforeDelivery' as const,
  issued,
  actingAuthorityCode: 'SGD-HP',
  minutesRef: 'BB-07/2024',
  policeUnit: 'Công an phường Lạch Tray',
  policeNotifiedAt: '2024-08-18T09:30:00+07:00',
  circumstances: 'Thất lạc khi chuyển về trường',
  reportedTo: ['UBND thành phố Hải Phòng', 'Bộ GDĐT'],
  lostOn: '2024-08-17',
};

describe('Hand-over (rules 5, 14, 23)', () => {
  it('rule 23: the holder signs for the diploma; the date is recorded', () => {
    given(diplomaDecider).when(deliver()).then([delivered]);
  });

  it('rule 23: a proxy receives it only with the authorisation document', () => {
    given(diplomaDecider)
      .when(deliver({ recipient: { kind: 'proxy', fullName: 'Nguyễn Văn Hải', authorisationRef: null, idDocument: null } }))
      .thenRefusedWith('INVALID_INPUT', { field: 'recipient.authorisationRef' });
    const [event] = diplomaDecider.decide(
      deliver({ recipient: { kind: 'proxy', fullName: 'Nguyễn Văn Hải', authorisationRef: 'Giấy ủy quyền 12/2024', idDocument: null } }),
      diplomaDecider.initialState,
      undefined as never,
    );
    expect(event).toMatchObject({ data: { recipient: { kind: 'proxy', authorisationRef: 'Giấy ủy quyền 12/2024' } } });
  });

  it('rule 5: a diploma not yet signed and sealed is not handed over', () => {
    given(diplomaDecider)
      .when(deliver({ issued: { ...issued, issueDate: null } }))
      .thenRefusedWith('DIPLOMA_NOT_ISSUED', { rule: 5 });
    given(diplomaDecider)
      .when(deliver({ deliveredOn: '2024-08-13' }))
      .thenRefusedWith('DATE_TOO_EARLY');
  });

  it('rule 23: a diploma is handed over once', () => {
    given(diplomaDecider, [delivered]).when(deliver()).thenRefusedWith('DIPLOMA_ALREADY_DELIVERED');
  });

  it('rule 14: a signed diploma lost before hand-over is recorded with minutes, police notice and reports, and is never handed over', () => {
    const [event] = diplomaDecider.decide(report, diplomaDecider.initialState, undefined as never);
    expect(event).toMatchObject({
      type: 'DiplomaLostBeforeDelivery',
      data: { minutesRef: 'BB-07/2024', policeUnit: 'Công an phường Lạch Tray', serialLabel: 'HP 0203416' },
    });
    given(diplomaDecider, [event!]).when(deliver()).thenRefusedWith('DIPLOMA_LOST_BEFORE_DELIVERY', { rule: 14 });
  });

  it('rule 14: refuses a loss report without police notice or reports', () => {
    given(diplomaDecider)
      .when({ ...report, policeUnit: ' ' })
      .thenRefusedWith('INVALID_INPUT', { field: 'policeUnit' });
    given(diplomaDecider)
      .when({ ...report, reportedTo: [] })
      .thenRefusedWith('INVALID_INPUT', { field: 'reportedTo' });
    given(diplomaDecider, [delivered]).when(report).thenRefusedWith('DIPLOMA_ALREADY_DELIVERED');
  });

  it('only the issuing office hands its diplomas over', () => {
    given(diplomaDecider)
      .when({ ...deliver(), actingAuthorityCode: 'SGD-HD' })
      .thenRefusedWith('DIPLOMA_OF_ANOTHER_AUTHORITY');
  });
});
