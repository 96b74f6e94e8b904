import { SIGNER_ROLES, type AuthorityDirectory, type SignerRecord } from '../authorities/authority';
import { signerEntitledOn } from '../authorities/authority-directory';
import { searchKey } from '../graduates/vietnamese-names';
import type { IsoDate } from '../shared/dates';
import { DomainError } from '../shared/errors';

/**
 * Who signs a certificate act (issue 18 items 2–3, §8): the issuance decision of a session, or the
 * signature of a certificate print run. The same check as a diploma's signature (rules 6 and 25): the
 * signer is one of the issuing centre's or authority's signers in the directory, in a signing role
 * (head, or a deputy in charge with the assignment decision on file), with a mandate valid on the act's
 * date. It reuses `signerEntitledOn`, the diplomas' check, so both refuse with the same codes:
 * SIGNER_NOT_OF_AUTHORITY, SIGNER_NOT_ENTITLED_ON_DATE, SIGNER_ROLE_NOT_ALLOWED, DELEGATION_MISSING.
 *
 * The signer is named by the directory id when the caller has it, else by the name written on the
 * decision (compared as Vietnamese names are, accents and case aside); among several signers of that
 * name, one whose mandate covers the date is taken. Pure: the print-run workflow calls it too.
 */
export function certificateSignerOn(
  directory: AuthorityDirectory,
  query: {
    readonly authorityCode: string;
    readonly date: IsoDate;
    readonly signerId?: string | null;
    readonly signerName?: string | null;
    /** The field the caller's form names the signer in (errors point at it). */
    readonly field: string;
  },
): SignerRecord {
  const at = (error: unknown): never => {
    if (error instanceof DomainError && error.problem.field === 'signerId') {
      throw new DomainError({ ...error.problem, field: query.field });
    }
    throw error;
  };
  let signerId = typeof query.signerId === 'string' && query.signerId.trim() ? query.signerId.trim() : undefined;
  if (signerId === undefined) {
    const name = typeof query.signerName === 'string' ? searchKey(query.signerName.normalize('NFC')) : '';
    const named = [...directory.signers.values()].filter(
      (s) => s.authorityCode === query.authorityCode && name !== '' && searchKey(s.fullName) === name,
    );
    if (named.length === 0) {
      const label = typeof query.signerName === 'string' ? query.signerName.normalize('NFC').trim() : '';
      throw new DomainError({
        code: 'SIGNER_NOT_OF_AUTHORITY',
        kind: 'rule_violation',
        messageVi: `${label || 'Người ký'} không có trong danh sách người ký của đơn vị ${query.authorityCode} (danh mục đơn vị).`,
        messageEn: `${label || 'The signer'} is not among ${query.authorityCode}'s signers in the authority directory.`,
        field: query.field,
        rule: 25,
      });
    }
    const inMandate = named.find((s) => s.validFrom <= query.date && (s.validTo === null || query.date <= s.validTo));
    signerId = (inMandate ?? named[0]!).signerId;
  }
  try {
    return signerEntitledOn(directory, { signerId, authorityCode: query.authorityCode, date: query.date, roles: SIGNER_ROLES });
  } catch (error) {
    return at(error);
  }
}
