import { authoritiesProjection } from './authorities/authorities.projection';
import { blankLedgerProjection } from './blanks/blank-ledger.projection';
import { officersProjection } from './officers/officers.projection';
import { registerBookProjection } from './register-book/register-book.projection';
import { publicLookupProjection } from './public-lookup/public-lookup.projection';
import { publicRevocationsProjection } from './revocations/public-revocations.projection';
import { copyRegisterProjection } from './copies/copy-register.projection';
import { verificationRequestsProjection } from './verification/verification-requests.projection';
import { recognitionsProjection } from './recognitions/recognitions.projection';
import { legacyRegisterProjection } from './legacy-registers/legacy-register.projection';
import { coverageProjection } from './legacy-registers/coverage.projection';
import { signingKeysProjection } from './signing-keys/signing-keys.projection';
import { logCheckpointsProjection } from './log/log-checkpoints.projection';
import { serialSightingsProjection } from './audits/serial-sightings.projection';
import { registerSequenceProjection } from './audits/register-sequence.projection';
import { issuanceAuditProjection } from './audits/issuance-audit.projection';
import { copyAuditProjection } from './audits/copy-audit.projection';
import { findingsProjection } from './audits/findings.projection';
import { publicCertificatesProjection } from './certificates/public-certificates.projection';
import type { Projection } from './projection';

/** The fraud detections of docs/domain.md §6 that fold events (the scheduled ones live in audits/scheduled-audits). */
export const AUDIT_PROJECTIONS: readonly Projection[] = [
  serialSightingsProjection,
  registerSequenceProjection,
  issuanceAuditProjection,
  copyAuditProjection,
];

/** Every read model the projector keeps. A new projection is registered here and nowhere else. */
export const ALL_PROJECTIONS: readonly Projection[] = [
  authoritiesProjection,
  officersProjection,
  blankLedgerProjection,
  registerBookProjection,
  publicLookupProjection,
  publicRevocationsProjection,
  copyRegisterProjection,
  verificationRequestsProjection,
  signingKeysProjection,
  legacyRegisterProjection,
  coverageProjection,
  recognitionsProjection,
  publicCertificatesProjection,
  ...AUDIT_PROJECTIONS,
  findingsProjection,
  logCheckpointsProjection,
];
