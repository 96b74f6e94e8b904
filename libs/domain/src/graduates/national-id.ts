/**
 * The personal identification number (số định danh cá nhân, printed on the citizen ID card) has 12
 * digits, the first three being the code of the province of birth registration, 001 to 096. The
 * province check catches what the digit count alone would not: a short number left-padded with zeros
 * by a spreadsheet or by a careless fix ("000000012345").
 */
export function isNationalId(value: string): boolean {
  if (!/^\d{12}$/.test(value)) return false;
  const province = Number(value.slice(0, 3));
  return province >= 1 && province <= 96;
}

/** Officers group the digits for reading ("034 206 911 454"); spaces carry no meaning. */
export function compactNationalId(text: string): string {
  return text.replace(/\s+/g, '');
}
