import type { Actor } from '@so-goc/domain';

/**
 * Stands in for the officer until access control lands (authorities issue): every event still says
 * who acted, and this says plainly that nobody was authenticated.
 */
export const UNAUTHENTICATED_ACTOR: Actor = { officerId: 'unauthenticated', role: 'none', authorityCode: 'none' };
