import type { AuthorityDirectoryEvent } from '../authorities/authority';
import { authorityDirectoryDecider } from '../authorities/authority-directory.decider';
import type { CertificateRecord, CertificateSession } from '../certificates/certificate-register';
import { foldEvents } from '../shared/decider';
import { TEST_CONTEXT } from '../testing/given-when-then';
import { givenRead, stateOf } from '../testing/workflow-spec';
import type { CopyRequestEvent } from './copy-request';
import { copyRequestDecider } from './copy-request.decider';
import { copyRegisterDecider, type CopyRegisterEvent } from './copy-register';
import { decideIssueCertificateCopies, type IssueCertificateCopiesRead, type IssueCopiesInput } from './issue-copies.workflow';

/**
 * Copies from a certificate register (issue 18): the copy book of the certificate's kind numbers them (rule 52),
 * no copy blank is bound, the request records the register's content with its corrections (rule 57), and a resend
 * after a crash finds its numbers (issue 12 item 7). The test context acts on 22/11/2026.
 */
const DIRECTORY = foldEvents(authorityDirectoryDecider, [
  {
    type: 'AuthorityRegistered',
    data: {
      code: 'SGD-HP',
      name: 'Sở Giáo dục và Đào tạo Hải Phòng',
      kind: 'province_department',
      parentCode: null,
      registeredOn: '2000-01-01',
    },
  },
  {
    type: 'AuthorityRegistered',
    data: { code: 'TTNN-HP', name: 'Trung tâm Ngoại ngữ Hải Phòng', kind: 'centre', parentCode: 'SGD-HP', registeredOn: '2010-01-01' },
  },
  {
    type: 'SignerRegistered',
    data: {
      signerId: 'gd-ttnn',
      authorityCode: 'TTNN-HP',
      fullName: 'Trần Văn Bình',
      title: 'Giám đốc Trung tâm',
      role: 'head',
      validFrom: '2020-01-01',
      validTo: null,
      delegationRef: null,
    },
  },
] satisfies AuthorityDirectoryEvent[]);

const SESSION: CertificateSession = {
  sessionId: 'hp-2026-06',
  authorityCode: 'TTNN-HP',
  kindCode: 'CC-NN',
  year: 2026,
  sessionName: 'Kỳ thi tháng 6/2026',
  decision: { number: '245/QĐ-TTNN', date: '2026-07-01', signerName: 'Trần Văn Bình' },
  licence: null,
  legalBasis: 'TT 23/2017',
  first: 1,
  last: 1,
};
const CERTIFICATE: CertificateRecord = {
  certificateId: 'TTNN-HP.CC-NN.2026.1',
  verificationCode: 'code-1-abcdefghijklmnop',
  inWordsVi: 'Chứng chỉ ngoại ngữ (tiếng Anh) theo Khung năng lực ngoại ngữ 6 bậc, Bậc 3',
  inWordsEn: 'Foreign-language certificate (English) on the six-level framework, Level 3 (B1)',
  publicFields: [],
  number: 1,
  registerNumber: '000001/CC-NN-2026',
  fullName: 'Nguyễn Thị Thuy',
  birthDate: '2000-09-18',
  birthPlace: 'Hải Phòng',
  values: { level: '3' },
  sessionId: 'hp-2026-06',
  printRunId: null,
  blank: null,
  status: 'HANDED_OVER',
  handedOver: { on: '2026-07-10', recipient: 'Nguyễn Thị Thuy', minutesRef: 'BB-01' },
  revocation: null,
  corrections: [],
};

const received: CopyRequestEvent = {
  type: 'CopyRequestReceived',
  data: {
    requestId: 'bs-cc-0007',
    diplomaId: CERTIFICATE.certificateId,
    authorityCode: 'TTNN-HP',
    requester: {
      kind: 'holder',
      fullName: 'Nguyễn Thị Thuy',
      idDocument: { kind: 'CCCD', number: '031200000123' },
      entitlementDocument: null,
      deathCertificate: null,
    },
    channel: 'counter',
    receivedAt: '2026-11-20T08:20:00Z',
    dossierCompleteAt: null,
    copies: 2,
    feePerCopy: 0,
    dueBy: '2026-11-23T10:00:00.000Z',
    dueDate: '2026-11-23',
  },
};
const earlierCopies: CopyRegisterEvent = {
  type: 'CopyNumbersAssigned',
  data: { requestId: 'bs-cc-0001', first: 1, last: 6, copyIds: ['bs-cc-0001-1'] },
};
const numbered: CopyRegisterEvent = {
  type: 'CopyNumbersAssigned',
  data: { requestId: 'bs-cc-0007', first: 7, last: 8, copyIds: ['bs-cc-0007-1', 'bs-cc-0007-2'] },
};
const input: IssueCopiesInput = {
  requestId: 'bs-cc-0007',
  authorityCode: 'TTNN-HP',
  issuedOn: '2026-11-22',
  issuePlace: 'Hải Phòng',
  signerId: 'gd-ttnn',
};
const read = (
  history: { request?: CopyRequestEvent[]; register?: CopyRegisterEvent[] } = {},
  certificate: CertificateRecord | null = CERTIFICATE,
): IssueCertificateCopiesRead => ({
  request: stateOf(copyRequestDecider, history.request ?? [received]),
  certificate: certificate && { certificate, session: SESSION },
  register: stateOf(copyRegisterDecider, history.register ?? [earlierCopies]),
  directory: DIRECTORY,
});
const issue = (r: IssueCertificateCopiesRead, context: typeof TEST_CONTEXT) => decideIssueCertificateCopies(input, r, context);

describe('issuing copies from a certificate register (issue 18; rules 46, 52, 57; issue 12 item 7)', () => {
  it('rule 52: the copy book of the kind takes the next numbers, no copy blank is bound, and the request records the copies', () => {
    const decision = decideIssueCertificateCopies(input, read(), TEST_CONTEXT);
    expect(decision.appends.map((a) => [a.stream, a.events.map((e) => e.type)])).toEqual([
      ['copy-register-TTNN-HP-CC-NN-2026', ['CopyNumbersAssigned']],
      ['copy-request-bs-cc-0007', ['CopiesIssued']],
    ]);
    expect(decision.appends[1]?.events[0]).toMatchObject({
      data: {
        diplomaId: 'TTNN-HP.CC-NN.2026.1',
        copies: [
          { copyId: 'bs-cc-0007-1', copyNumberValue: 7, serial: '' },
          { copyId: 'bs-cc-0007-2', copyNumberValue: 8, serial: '' },
        ],
        content: { kind: 'CC-NN', issuerCode: 'TTNN-HP', holder: { fullName: 'Nguyễn Thị Thuy' } },
        signerName: 'Trần Văn Bình',
      },
    });
  });

  it('issue 12 item 7: resent after the numbers landed, only the request records the copies, with the same numbers', () => {
    const decision = decideIssueCertificateCopies(input, read({ register: [earlierCopies, numbered] }), TEST_CONTEXT);
    expect(decision.appends.filter((a) => a.events.length > 0).map((a) => a.stream)).toEqual(['copy-request-bs-cc-0007']);
    expect(decision.appends[1]?.events[0]).toMatchObject({ data: { copies: [{ copyNumberValue: 7 }, { copyNumberValue: 8 }] } });
  });

  it('issue 12 item 7: resent after the copies were recorded, nothing is appended', () => {
    const [issued] = decideIssueCertificateCopies(input, read({ register: [earlierCopies, numbered] }), TEST_CONTEXT).appends[1]!.events;
    givenRead(read({ request: [received, issued as CopyRequestEvent], register: [earlierCopies, numbered] }))
      .when(issue)
      .then([]);
  });

  it('rule 55: a revoked certificate is not copied: the request must be refused in writing', () => {
    const revoked: CertificateRecord = {
      ...CERTIFICATE,
      status: 'REVOKED',
      revocation: { decisionRef: '12/QĐ-TTNN', on: '2026-09-01', reason: 'Gian lận trong kỳ thi' },
    };
    givenRead(read({}, revoked)).when(issue).thenRefusedWith('COPY_MUST_BE_REFUSED');
  });

  it('a request nobody received cannot be answered with copies', () => {
    givenRead(read({ request: [] }))
      .when(issue)
      .thenRefusedWith('COPY_REQUEST_NOT_FOUND');
  });

  it('rule 46: only a signer of the body holding the register signs the copy', () => {
    givenRead(read())
      .when((r, context) => decideIssueCertificateCopies({ ...input, signerId: 'gd-hp' }, r, context))
      .thenRefusedWith('SIGNER_NOT_OF_AUTHORITY');
  });
});
