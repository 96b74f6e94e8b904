/**
 * Record ids made from what the officer typed (the decision's number, the authority) rather than asked
 * for: officers think in "1234/QĐ-SGDĐT", not in ids. The same decision always gives the same id, so a
 * second upload of it is refused as a repeat instead of recorded twice.
 */
export function slug(...parts: string[]): string {
  return parts
    .join('-')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 90);
}
