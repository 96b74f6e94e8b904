import type { Database } from 'better-sqlite3';
import { decodeBase64UrlStrict } from '@so-goc/documents/verification/base64url';
import { decodePayload } from '@so-goc/documents/verification/payload-codec';
import {
  canonicalSerial,
  coverageForIssuerYear,
  coverageStatement,
  issuerYearStatement,
  publicCopyOf,
  publicDiplomaById,
  publicDiplomaBySerialAndHolder,
  publicDiplomaBySerialAndRegisterNumber,
} from '@so-goc/projections';
import type { KeySetCache } from '../keys/key-set-cache';
import { answerFor, FORGED, NOT_FOUND, type LookupAnswer } from './lookup-answer';
import type { LookupRequest } from './lookup-request';

export interface TokenAnswer {
  readonly answer: LookupAnswer;
  /** The serial the token names, genuine or not, for the lookup log: forged tokens show which serials are being copied. */
  readonly claimedSerial: string | undefined;
}

/** Answers from the public projection only; the portal never opens the event store. */
export class LookupService {
  constructor(
    private readonly readModels: Database,
    private readonly keys: KeySetCache,
    private readonly today: () => string = () => new Date().toISOString().slice(0, 10),
  ) {}

  lookup(request: LookupRequest): LookupAnswer {
    const record =
      request.kind === 'serial_holder'
        ? publicDiplomaBySerialAndHolder(this.readModels, request)
        : publicDiplomaBySerialAndRegisterNumber(this.readModels, request);
    return record ? answerFor(record, request.kind) : { ...NOT_FOUND, ...this.coverage(request) };
  }

  /**
   * Under "not found": for the issuer and year the visitor named, what the registry holds (each paper
   * book fully, partly or not digitised, and who holds it); without them, the registry-wide summary.
   * Computed from the coverage projection and the issuer and year only, never from the person asked for.
   */
  private coverage(request: LookupRequest): Pick<LookupAnswer, 'coverage' | 'coverageOf'> {
    if (!request.coverageOf) return { coverage: coverageStatement(this.readModels) };
    const detail = coverageForIssuerYear(this.readModels, request.coverageOf.issuerCode, request.coverageOf.year, this.today());
    return { coverage: issuerYearStatement(detail), coverageOf: detail };
  }

  /**
   * A genuine signature is not enough: the token must also name the diploma as the register has it. A
   * validly signed token whose serial, register number or issuer disagree with the register was not made
   * for this diploma (a key misused, or a token moved between diplomas), and is reported as forged.
   * The issue date is not compared: tokens are printed before the run is signed. The holder digest is not
   * compared either: a correction changes the register's name while the paper keeps its old QR; the page
   * shows the register's name so the verifier compares it with the paper.
   */
  verifyToken(token: string): TokenAnswer {
    const verified = this.keys.verify(token);
    if (verified.status === 'forged') return { answer: FORGED, claimedSerial: claimedSerial(token) };
    const { payload } = verified;
    const record = publicDiplomaById(this.readModels, payload.diplomaId);
    if (!record) return { answer: NOT_FOUND, claimedSerial: payload.serial };
    const sameDiploma = record.serial === payload.serial && record.registerNumber === payload.registerNumber;
    if (payload.kind === 'copy') {
      // A copy names the original it copies and is signed by whoever held the register when it was made (rule 46).
      const copy = payload.copyNumber === undefined ? undefined : publicCopyOf(this.readModels, payload.diplomaId, payload.copyNumber);
      if (!copy) return { answer: sameDiploma ? NOT_FOUND : FORGED, claimedSerial: payload.serial };
      if (!sameDiploma || copy.authorityCode !== payload.authorityCode) return { answer: FORGED, claimedSerial: payload.serial };
      const answer = answerFor(record, 'qr');
      return {
        answer:
          answer.status === 'NOT_PUBLIC'
            ? answer
            : { ...answer, copy: { copyNumber: copy.copyNumber, issuedOn: copy.issuedOn, issuerCode: copy.authorityCode } },
        claimedSerial: payload.serial,
      };
    }
    const matches = sameDiploma && record.authorityCode === payload.authorityCode;
    return { answer: matches ? answerFor(record, 'qr') : FORGED, claimedSerial: payload.serial };
  }
}

function claimedSerial(token: string): string | undefined {
  try {
    const [encoded] = token.split('.', 1);
    const bytes = encoded === undefined ? undefined : decodeBase64UrlStrict(encoded);
    const serial = bytes && decodePayload(bytes)?.serial;
    return serial === undefined ? undefined : canonicalSerial(serial);
  } catch {
    return undefined;
  }
}
