/**
 * Headers on every answer of the portal (issue 16): nothing is sniffed into another type, framed by a
 * look-alike site (F12), sent on as a referrer or cached unless said otherwise. Kept as flat arrays so a
 * reply passes them to writeHead without building a header map per request.
 */
const COMMON = [
  'X-Content-Type-Options',
  'nosniff',
  'X-Frame-Options',
  'DENY',
  'Referrer-Policy',
  'no-referrer',
  'Cross-Origin-Opener-Policy',
  'same-origin',
  'Cross-Origin-Resource-Policy',
  'same-origin',
] as const;

/** Pages load nothing from elsewhere and run no script at all. */
export const PAGE_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
/** JSON and plain text are never rendered as documents: they may not load or frame anything. */
export const DATA_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";
/** Swagger UI is the one page with scripts, all of them its own files. */
export const DOCS_CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'";

export const NO_STORE = ['Cache-Control', 'no-store'] as const;

export const HTML_HEADERS: readonly string[] = [
  ...COMMON,
  ...NO_STORE,
  'Content-Type',
  'text/html; charset=utf-8',
  'Content-Security-Policy',
  PAGE_CSP,
];
export const JSON_HEADERS: readonly string[] = [
  ...COMMON,
  ...NO_STORE,
  'Content-Type',
  'application/json; charset=utf-8',
  'Content-Security-Policy',
  DATA_CSP,
];
export const PROBLEM_HEADERS: readonly string[] = [
  ...COMMON,
  ...NO_STORE,
  'Content-Type',
  'application/problem+json; charset=utf-8',
  'Content-Security-Policy',
  DATA_CSP,
];
export const TEXT_HEADERS: readonly string[] = [
  ...COMMON,
  'Content-Type',
  'text/plain; charset=utf-8',
  'Content-Security-Policy',
  DATA_CSP,
];
/** Prometheus text exposition (version 0.0.4), never cached. */
export const METRICS_HEADERS: readonly string[] = [
  ...COMMON,
  ...NO_STORE,
  'Content-Type',
  'text/plain; version=0.0.4; charset=utf-8',
  'Content-Security-Policy',
  DATA_CSP,
];
export const CSS_HEADERS: readonly string[] = [
  ...COMMON,
  'Cache-Control',
  'public, max-age=3600',
  'Content-Type',
  'text/css; charset=utf-8',
  'Content-Security-Policy',
  DATA_CSP,
];

/** For answers the portal does not write itself (Swagger UI under /docs): set one by one before handing over. */
export function commonHeaderPairs(csp: string): readonly (readonly [string, string])[] {
  const pairs: [string, string][] = [];
  for (let i = 0; i < COMMON.length; i += 2) pairs.push([COMMON[i]!, COMMON[i + 1]!]);
  pairs.push(['Content-Security-Policy', csp]);
  return pairs;
}
