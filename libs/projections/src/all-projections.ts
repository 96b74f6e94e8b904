import { authoritiesProjection } from './authorities/authorities.projection';
import { blankLedgerProjection } from './blanks/blank-ledger.projection';
import { officersProjection } from './officers/officers.projection';
import { registerBookProjection } from './register-book/register-book.projection';
import { publicLookupProjection } from './public-lookup/public-lookup.projection';
import { publicRevocationsProjection } from './revocations/public-revocations.projection';
import { copyRegisterProjection } from './copies/copy-register.projection';
import { verificationRequestsProjection } from './verification/verification-requests.projection';
import { signingKeysProjection } from './signing-keys/signing-keys.projection';
import type { Projection } from './projection';

/** Every read model the projector keeps. A new projection is registered here and nowhere else. */
export const ALL_PROJECTIONS: readonly Projection[] = [authoritiesProjection, officersProjection, blankLedgerProjection, registerBookProjection, publicLookupProjection, publicRevocationsProjection, copyRegisterProjection, verificationRequestsProjection, signingKeysProjection];
