import type { AuthorityDirectory, SignerRecord } from '../authorities/authority';
import { PROVINCE } from '../testing/after-issuance-fixtures';
import { DomainError } from '../shared/errors';
import { certificateSignerOn } from './certificate-signer';

/**
 * Who may sign a certificate act (issue 18, §8; rules 6 and 25), the pure check both the issuance decision
 * and a certificate print run's signature use: the same rules, and the same refusal codes, as a diploma's.
 * In the PROVINCE fixture the Sở's head is Nguyễn Văn An (gd-hp), in mandate from 01/01/2020.
 */
const deputy: SignerRecord = {
  signerId: 'pgd-hp',
  authorityCode: 'SGD-HP',
  fullName: 'Trần Thị Bình',
  title: 'Phó Giám đốc phụ trách',
  role: 'deputy_in_charge',
  validFrom: '2026-07-01',
  validTo: '2026-07-31',
  delegationRef: '512/QĐ-UBND ngày 28/06/2026',
};
const directory: AuthorityDirectory = { ...PROVINCE, signers: new Map(PROVINCE.signers).set(deputy.signerId, deputy) };
const refusal = (run: () => unknown): DomainError => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('certificate signer (rules 6, 25)', () => {
  it('finds the head by name or by id, in mandate on the date', () => {
    expect(
      certificateSignerOn(directory, { authorityCode: 'SGD-HP', date: '2026-07-04', signerName: 'nguyễn văn an', field: 'signerName' })
        .signerId,
    ).toBe('gd-hp');
    expect(
      certificateSignerOn(directory, { authorityCode: 'SGD-HP', date: '2026-07-04', signerId: 'gd-hp', field: 'signerId' }).fullName,
    ).toBe('Nguyễn Văn An');
  });

  it('rule 6: a deputy in charge with the assignment decision signs within the assignment, not after it', () => {
    expect(
      certificateSignerOn(directory, { authorityCode: 'SGD-HP', date: '2026-07-10', signerName: 'Trần Thị Bình', field: 'signerName' })
        .delegationRef,
    ).toMatch(/512/);
    expect(
      refusal(() =>
        certificateSignerOn(directory, { authorityCode: 'SGD-HP', date: '2026-08-01', signerName: 'Trần Thị Bình', field: 'signerName' }),
      ).problem,
    ).toMatchObject({ code: 'SIGNER_NOT_ENTITLED_ON_DATE', field: 'signerName', rule: 25 });
  });

  it("rule 25: another authority's signer, or a name the directory does not hold, is refused at the caller's field", () => {
    expect(
      refusal(() => certificateSignerOn(directory, { authorityCode: 'PGD-TN', date: '2026-07-04', signerId: 'gd-hp', field: 'signerId' }))
        .problem,
    ).toMatchObject({ code: 'SIGNER_NOT_OF_AUTHORITY', field: 'signerId' });
    const unknown = refusal(() =>
      certificateSignerOn(directory, { authorityCode: 'SGD-HP', date: '2026-07-04', signerName: 'Ai Đó', field: 'signerName' }),
    );
    expect(unknown.problem).toMatchObject({ code: 'SIGNER_NOT_OF_AUTHORITY', field: 'signerName', rule: 25 });
    expect(unknown.problem.messageVi).toContain('Ai Đó');
    expect(unknown.problem.messageEn).toContain('SGD-HP');
  });
});
