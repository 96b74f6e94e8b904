/** The dateline's place now comes with DocumentHeadingQuery (libs/platform, access/directory.queries.ts); re-exported for the pages that still compute it. */
export { placeOf } from '@so-goc/platform';
