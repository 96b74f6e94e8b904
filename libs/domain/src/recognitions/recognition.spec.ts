import { given, TEST_CONTEXT } from '../testing/given-when-then';
import { CALENDAR, PROVINCE } from '../testing/after-issuance-fixtures';
import { foldEvents } from '../shared/decider';
import { DomainError } from '../shared/errors';
import { recognitionDecider, type RecognitionApplication, type RecognitionEvent } from './recognition';
import { recogniseForeignDiploma, recognitionRegisterDecider, type RecognitionRegisterEvent } from './recognition-register';

const hash = (c: string) => c.repeat(64);
const AS_SIGNER = { ...TEST_CONTEXT, actor: { officerId: 'gd-officer', role: 'signer', authorityCode: 'SGD-HP' } };
const dossier = [
  { kind: 'diploma' as const, name: 'High School Diploma (bản sao).pdf', sha256: hash('a') },
  { kind: 'translation' as const, name: 'Bản dịch công chứng.pdf', sha256: hash('b') },
  { kind: 'transcript' as const, name: 'Transcript 2023-2026.pdf', sha256: hash('c') },
  { kind: 'study_evidence' as const, name: 'Xác nhận thời gian học.pdf', sha256: hash('d') },
  { kind: 'verification_authorisation' as const, name: 'Giấy cho phép xác minh.pdf', sha256: hash('e') },
];
const applicant = {
  fullName: 'Trần Minh Khôi',
  birthDate: '2008-02-14',
  birthPlace: 'Hải Phòng',
  nationality: 'Việt Nam',
  idDocument: { kind: 'CCCD', number: '031208000777' },
};
const foreignDiploma = {
  title: 'High School Diploma',
  issuer: 'Lincoln High School, Portland, Oregon',
  country: 'Hoa Kỳ',
  issuedOn: '2026-06-12',
  number: 'LHS-2026-0419',
  levelSought: 'THPT' as const,
};
const receive = {
  type: 'ReceiveRecognitionApplication' as const,
  recognitionId: 'cn-2026-0001',
  authorityCode: 'SGD-HP',
  channel: 'online' as const,
  receivedOn: '2026-09-07',
  applicant,
  foreignDiploma,
  dossier,
  directory: PROVINCE,
  calendar: CALENDAR,
};
const application: RecognitionApplication = {
  recognitionId: 'cn-2026-0001',
  authorityCode: 'SGD-HP',
  channel: 'online',
  receivedOn: '2026-09-07',
  applicant,
  foreignDiploma,
  dossier,
  // 20 working days after Monday 07/09/2026 (TT 13/2021 as amended by TT 07/2024).
  dueOn: '2026-10-05',
  deadlineBasis: 'TT 13/2021/TT-BGDĐT, sửa đổi bởi TT 07/2024/TT-BGDĐT',
};
const received: RecognitionEvent = { type: 'RecognitionApplicationReceived', data: application };
const sent: RecognitionEvent = {
  type: 'RecognitionVerificationSent',
  data: {
    recognitionId: 'cn-2026-0001',
    sentOn: '2026-09-09',
    letterNumber: '1502/SGDĐT-QLCL',
    addressee: 'Lincoln High School, Portland, Oregon',
    // 45 working days when the foreign issuer is asked.
    dueOn: '2026-11-09',
  },
};
const confirmed: RecognitionEvent = {
  type: 'RecognitionVerificationAnswered',
  data: { recognitionId: 'cn-2026-0001', answeredOn: '2026-10-20', outcome: 'confirmed', reference: 'Email 20/10/2026', note: null },
};

describe('Recognition of a foreign general-education diploma (§8, TT 13/2021 amended by TT 07/2024)', () => {
  it('receives a complete dossier at the Sở, with its hashes and the deadline counted in working days', () => {
    given(recognitionDecider).when(receive).then([received]);
  });

  it('refuses an incomplete dossier (no authorisation to verify), a bad hash, and a second receipt', () => {
    const refusal = given(recognitionDecider)
      .when({ ...receive, dossier: dossier.filter((d) => d.kind !== 'verification_authorisation') })
      .thenRefusedWith('INVALID_INPUT');
    expect(refusal.problem.fieldProblems).toEqual([expect.objectContaining({ field: 'dossier', code: 'DOSSIER_INCOMPLETE' })]);
    given(recognitionDecider)
      .when({ ...receive, dossier: [...dossier, { kind: 'other', name: 'x', sha256: 'ABC' }] })
      .thenRefusedWith('INVALID_INPUT');
    given(recognitionDecider, [received]).when(receive).thenRefusedWith('RECOGNITION_EXISTS');
  });

  it('is the Sở’s to decide: a district office is not competent', () => {
    given(recognitionDecider)
      .when({
        ...receive,
        authorityCode: 'PGD-TN',
        receivedOn: '2024-09-09',
        foreignDiploma: { ...foreignDiploma, issuedOn: '2024-06-01' },
      })
      .thenRefusedWith('NOT_COMPETENT_FOR_RECOGNITION', { kind: 'forbidden' });
  });

  it('sends the verification to the foreign issuer, which moves the deadline to 45 working days; records its answer once', () => {
    given(recognitionDecider, [received])
      .when({
        type: 'SendRecognitionVerification',
        recognitionId: 'cn-2026-0001',
        sentOn: '2026-09-09',
        letterNumber: '1502/SGDĐT-QLCL',
        addressee: 'Lincoln High School, Portland, Oregon',
        calendar: CALENDAR,
      })
      .then([sent]);
    given(recognitionDecider, [received, sent])
      .when({
        type: 'RecordRecognitionVerificationAnswer',
        recognitionId: 'cn-2026-0001',
        answeredOn: '2026-10-20',
        outcome: 'confirmed',
        reference: 'Email 20/10/2026',
      })
      .then([confirmed]);
    given(recognitionDecider, [received, sent, confirmed])
      .when({
        type: 'RecordRecognitionVerificationAnswer',
        recognitionId: 'cn-2026-0001',
        answeredOn: '2026-10-21',
        outcome: 'not_confirmed',
        reference: 'x',
      })
      .thenRefusedWith('VERIFICATION_ALREADY_ANSWERED');
  });

  it('writes a refusal with its reasons and signer; a one-word reason is not one; nothing follows a refusal', () => {
    const refuse = {
      type: 'RefuseRecognition' as const,
      recognitionId: 'cn-2026-0001',
      refusedOn: '2026-10-22',
      letterNumber: '1720/SGDĐT-QLCL',
      reasons: 'Cơ sở giáo dục nước ngoài trả lời không cấp văn bằng số LHS-2026-0419 cho người đề nghị.',
      signerId: 'gd-hp',
      directory: PROVINCE,
    };
    const refused: RecognitionEvent = {
      type: 'RecognitionRefused',
      data: {
        recognitionId: 'cn-2026-0001',
        authorityCode: 'SGD-HP',
        refusedOn: '2026-10-22',
        letterNumber: '1720/SGDĐT-QLCL',
        reasons: refuse.reasons,
        signerId: 'gd-hp',
        signerName: 'Nguyễn Văn An',
        signerTitle: 'Giám đốc',
        dueOn: '2026-11-09',
        late: false,
      },
    };
    given(recognitionDecider, [received, sent]).when(refuse, AS_SIGNER).then([refused]);
    given(recognitionDecider, [received, sent])
      .when({ ...refuse, reasons: 'Không đạt' }, AS_SIGNER)
      .thenRefusedWith('INVALID_INPUT');
    given(recognitionDecider, [received, sent, refused]).when(refuse, AS_SIGNER).thenRefusedWith('RECOGNITION_DECIDED');
    // Issue 17: the registrar prepares the refusal; only the signer records it.
    given(recognitionDecider, [received, sent]).when(refuse).thenRefusedWith('SIGNATURE_NEEDS_SIGNER_ROLE');
  });
});

describe('Recognising: a number from the year’s recognition register, then the decision', () => {
  const register = (events: RecognitionRegisterEvent[]) => foldEvents(recognitionRegisterDecider, events);
  const state = (events: RecognitionEvent[]) => foldEvents(recognitionDecider, events);
  const command = {
    recognitionId: 'cn-2026-0001',
    decidedOn: '2026-10-26',
    equivalentTo: 'THPT' as const,
    signerId: 'gd-hp',
    directory: PROVINCE,
    actor: AS_SIGNER.actor,
  };
  const earlier: RecognitionRegisterEvent = {
    type: 'RecognitionRegisterEntryAssigned',
    data: { authorityCode: 'SGD-HP', year: 2026, number: 11, documentNumber: '000011/CNVB-2026', recognitionId: 'cn-2026-0000' },
  };
  const refusedWith = (run: () => unknown, code: string) => {
    let error: unknown;
    try {
      run();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(code);
  };

  it('given 11 entries and a confirmed verification, appends entry 12 and the recognition as THPT-equivalent', () => {
    expect(recogniseForeignDiploma(state([received, sent, confirmed]), register([earlier]), command)).toEqual({
      appends: [
        {
          stream: 'recognition-register-SGD-HP-2026',
          events: [
            {
              type: 'RecognitionRegisterEntryAssigned',
              data: { authorityCode: 'SGD-HP', year: 2026, number: 12, documentNumber: '000012/CNVB-2026', recognitionId: 'cn-2026-0001' },
            },
          ],
        },
        {
          stream: 'recognition-cn-2026-0001',
          events: [
            {
              type: 'ForeignDiplomaRecognised',
              data: {
                recognitionId: 'cn-2026-0001',
                authorityCode: 'SGD-HP',
                equivalentTo: 'THPT',
                documentNumber: '000012/CNVB-2026',
                registerYear: 2026,
                registerNumber: 12,
                decidedOn: '2026-10-26',
                signerId: 'gd-hp',
                signerName: 'Nguyễn Văn An',
                signerTitle: 'Giám đốc',
                dueOn: '2026-11-09',
                late: false,
              },
            },
          ],
        },
      ],
      primaryStream: 'recognition-cn-2026-0001',
    });
  });

  it('after a crash that left the number taken, a resend reuses that number and appends nothing to the register', () => {
    const taken: RecognitionRegisterEvent = {
      type: 'RecognitionRegisterEntryAssigned',
      data: { authorityCode: 'SGD-HP', year: 2026, number: 12, documentNumber: '000012/CNVB-2026', recognitionId: 'cn-2026-0001' },
    };
    const decision = recogniseForeignDiploma(state([received, sent, confirmed]), register([earlier, taken]), command);
    expect(decision.appends[0]!.events).toEqual([]);
    expect(decision.appends[1]!.events[0]!.data).toMatchObject({ documentNumber: '000012/CNVB-2026', registerNumber: 12 });
  });

  it('a decision after the deadline is recorded as late', () => {
    const decision = recogniseForeignDiploma(state([received]), register([]), { ...command, decidedOn: '2026-10-06' });
    expect(decision.appends[1]!.events[0]!.data).toMatchObject({ documentNumber: '000001/CNVB-2026', dueOn: '2026-10-05', late: true });
  });

  it('refuses while the foreign issuer has not answered, after it did not confirm, above the level sought, and twice', () => {
    refusedWith(() => recogniseForeignDiploma(state([received, sent]), register([]), command), 'VERIFICATION_PENDING');
    const denied: RecognitionEvent = { ...confirmed, data: { ...confirmed.data, outcome: 'not_confirmed' } } as RecognitionEvent;
    refusedWith(() => recogniseForeignDiploma(state([received, sent, denied]), register([]), command), 'FOREIGN_ISSUER_DID_NOT_CONFIRM');
    const thcs = {
      ...received,
      data: { ...application, foreignDiploma: { ...foreignDiploma, levelSought: 'THCS' as const } },
    } as RecognitionEvent;
    refusedWith(() => recogniseForeignDiploma(state([thcs]), register([]), command), 'LEVEL_ABOVE_SOUGHT');
    const done = recogniseForeignDiploma(state([received]), register([]), command).appends[1]!.events[0] as RecognitionEvent;
    refusedWith(() => recogniseForeignDiploma(state([received, done]), register([]), command), 'RECOGNITION_DECIDED');
    refusedWith(
      () => recogniseForeignDiploma(state([received]), register([]), { ...command, signerId: 'nobody' }),
      'SIGNER_NOT_OF_AUTHORITY',
    );
    // Issue 17: a registrar prepares the decision; only the signer records it.
    refusedWith(
      () => recogniseForeignDiploma(state([received]), register([]), { ...command, actor: TEST_CONTEXT.actor }),
      'SIGNATURE_NEEDS_SIGNER_ROLE',
    );
  });
});
