/**
 * Bounds on what one graduate list may make the server do. The largest provinces recognise a little over
 * 100,000 THPT graduates a year in one decision; a list past these bounds is not an office's list.
 * An .xlsx of 2,000 graduates holds about 1.1 MB of XML at a 1:10 compression ratio (the fixture), so a
 * full-size genuine workbook stays far inside the archive bounds while a zip bomb (hundreds to thousands
 * to one) does not.
 */
export interface GraduateListLimits {
  /** The file as uploaded. */
  readonly maxBytes: number;
  /** Data and blank rows of the sheet, header included. */
  readonly maxRows: number;
  /** Entries in an .xlsx archive. */
  readonly maxZipEntries: number;
  /** Sum of the inflated sizes of every entry, declared and actual. */
  readonly maxInflatedBytes: number;
  /** Inflated over compressed, for any entry that inflates past `ratioCheckedFrom` bytes. */
  readonly maxCompressionRatio: number;
  readonly ratioCheckedFrom: number;
}

export const GRADUATE_LIST_LIMITS: GraduateListLimits = {
  maxBytes: 30 * 1024 * 1024,
  maxRows: 150_000,
  maxZipEntries: 1_000,
  maxInflatedBytes: 200 * 1024 * 1024,
  maxCompressionRatio: 100,
  ratioCheckedFrom: 1024 * 1024,
};
