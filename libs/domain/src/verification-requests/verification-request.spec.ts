import { given } from '../testing/given-when-then';
import { PROVINCE } from '../testing/after-issuance-fixtures';
import { verificationRequestDecider, type VerificationRequestEvent } from './verification-request';

const letter = {
  requestId: 'cv-17',
  authorityCode: 'SGD-HP',
  organisation: 'Phòng Cảnh sát hình sự',
  letterNumber: '217/PC02',
  letterDate: '2026-03-01',
  receivedOn: '2026-03-03',
  legalBasis: null,
  subjects: [{ fullName: 'Nguyễn Thị Thuỷ', birthDate: '2006-09-18', serial: 'HP 0203418', registerNumber: null }],
};
const received: VerificationRequestEvent = { type: 'VerificationRequestReceived', data: letter };
const match = { result: 'MATCH' as const, mismatchedFields: [], decisions: [], diplomaId: 'sgd-hp-1234-2024-00417' };

describe('Verification letters (§2.9)', () => {
  it('receives a letter naming its people', () => {
    given(verificationRequestDecider)
      .when({ type: 'ReceiveVerificationRequest', ...letter })
      .then([received]);
  });

  it('refuses a person it could never find (no serial, register number or birth date)', () => {
    given(verificationRequestDecider)
      .when({
        type: 'ReceiveVerificationRequest',
        ...letter,
        subjects: [{ fullName: 'Trần Văn A', birthDate: null, serial: null, registerNumber: null }],
      })
      .thenRefusedWith('INVALID_INPUT');
  });

  it('answers every person once, signed by the signer entitled on the day', () => {
    given(verificationRequestDecider, [received])
      .when({
        type: 'AnswerVerificationRequest',
        requestId: 'cv-17',
        answers: [match],
        responseLetterNumber: '388/SGDĐT',
        respondedOn: '2026-03-05',
        signerId: 'gd-hp',
        directory: PROVINCE,
      })
      .then([
        {
          type: 'VerificationRequestAnswered',
          data: {
            requestId: 'cv-17',
            answers: [match],
            responseLetterNumber: '388/SGDĐT',
            respondedOn: '2026-03-05',
            signerName: 'Nguyễn Văn An',
            signerTitle: 'Giám đốc',
          },
        },
      ]);
  });

  it('refuses an answer that leaves someone out, one dated before the letter, and a second answer', () => {
    const answer = {
      type: 'AnswerVerificationRequest' as const,
      requestId: 'cv-17',
      answers: [match],
      responseLetterNumber: '388/SGDĐT',
      respondedOn: '2026-03-05',
      signerId: 'gd-hp',
      directory: PROVINCE,
    };
    given(verificationRequestDecider, [received])
      .when({ ...answer, answers: [] })
      .thenRefusedWith('INVALID_INPUT');
    given(verificationRequestDecider, [received])
      .when({ ...answer, respondedOn: '2026-03-01' })
      .thenRefusedWith('DATE_TOO_EARLY');
    given(verificationRequestDecider, [
      received,
      {
        type: 'VerificationRequestAnswered',
        data: {
          requestId: 'cv-17',
          answers: [match],
          responseLetterNumber: '1',
          respondedOn: '2026-03-05',
          signerName: 'A',
          signerTitle: 'B',
        },
      },
    ])
      .when(answer)
      .thenRefusedWith('VERIFICATION_REQUEST_ANSWERED');
  });
});
