import type { VerificationRequestEvent } from '@so-goc/domain';
import { givenEvents, recordedEvent } from '../testing/projection-spec';
import { verificationRequestById, verificationRequestsProjection } from './verification-requests.projection';

/** Agencies' letters asking whether a diploma is genuine, and the office's answers (§2.9), from literal events. */
const received: VerificationRequestEvent = {
  type: 'VerificationRequestReceived',
  data: {
    requestId: 'xm-2026-0031',
    authorityCode: 'SGD-HP',
    organisation: 'Công an quận Lê Chân',
    letterNumber: '215/CAQ-ĐTTH',
    letterDate: '2026-11-17',
    receivedOn: '2026-11-18',
    legalBasis: 'Bộ luật Tố tụng hình sự 2015',
    subjects: [
      { fullName: 'Trần Minh Khôi', birthDate: '2006-02-14', serial: 'HP 0203401', registerNumber: null },
      { fullName: 'Lê Thị Hoà', birthDate: null, serial: 'HP 0299999', registerNumber: null },
    ],
  },
};
const answered: VerificationRequestEvent = {
  type: 'VerificationRequestAnswered',
  data: {
    requestId: 'xm-2026-0031',
    answers: [
      { result: 'MATCH', mismatchedFields: [], decisions: [], diplomaId: 'dip-01' },
      { result: 'NOT_FOUND', mismatchedFields: [], decisions: [], diplomaId: null },
    ],
    responseLetterNumber: '1830/SGDĐT-QLCL',
    respondedOn: '2026-11-20',
    signerName: 'Nguyễn Văn An',
    signerTitle: 'Giám đốc',
  },
};

describe('verification requests projection (§2.9)', () => {
  it('when a letter is received, it is kept whole and waits for an answer', () => {
    const { db } = givenEvents(verificationRequestsProjection, [recordedEvent('verification-request-xm-2026-0031', received)]);
    expect(verificationRequestById(db, 'xm-2026-0031')).toMatchObject({
      organisation: 'Công an quận Lê Chân',
      letterNumber: '215/CAQ-ĐTTH',
      subjects: [{ fullName: 'Trần Minh Khôi' }, { fullName: 'Lê Thị Hoà', birthDate: null }],
      answers: null,
      responseLetterNumber: null,
    });
  });

  it('when it is answered, each person asked about has the register’s answer and the letter its number and signer', () => {
    const { db } = givenEvents(verificationRequestsProjection, [
      recordedEvent('verification-request-xm-2026-0031', received),
      recordedEvent('verification-request-xm-2026-0031', answered, { revision: 1n }),
    ]);
    expect(verificationRequestById(db, 'xm-2026-0031')).toMatchObject({
      answers: [
        { result: 'MATCH', diplomaId: 'dip-01' },
        { result: 'NOT_FOUND', diplomaId: null },
      ],
      responseLetterNumber: '1830/SGDĐT-QLCL',
      respondedOn: '2026-11-20',
      signerName: 'Nguyễn Văn An',
    });
    expect(verificationRequestById(db, 'xm-2026-0099')).toBeUndefined();
  });

  it('when the same batch is delivered again after its checkpoint, nothing changes', () => {
    const spec = givenEvents(verificationRequestsProjection, [
      recordedEvent('verification-request-xm-2026-0031', received),
      recordedEvent('verification-request-xm-2026-0031', answered, { revision: 1n }),
    ]);
    expect(spec.replayChangesNothing()).toBe(true);
  });
});
