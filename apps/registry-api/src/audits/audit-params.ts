/** The audits' filter refusals live with the audit queries (libs/platform/src/audits/audit.queries.ts). */
export { invalidFilter } from '@so-goc/platform';
