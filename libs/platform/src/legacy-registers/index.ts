export * from './legacy-book-commands';
export * from './legacy-book-handlers';
export * from './import-legacy-entries';
export * from './scan-store';
export * from './hand-over-registers';

import {
  AmendLegacyEntryHandler,
  AttachLegacyPageScanHandler,
  CheckLegacyEntriesHandler,
  RegisterLegacyBookHandler,
  TranscribeLegacyEntriesHandler,
} from './legacy-book-handlers';
import { ImportLegacyEntriesHandler } from './import-legacy-entries';
import { HandOverRegistersHandler } from './hand-over-registers';

/** Every handler of this area, for the module that hosts the officers' API (one line there). */
export const LEGACY_REGISTER_HANDLERS = [
  RegisterLegacyBookHandler,
  AttachLegacyPageScanHandler,
  TranscribeLegacyEntriesHandler,
  AmendLegacyEntryHandler,
  CheckLegacyEntriesHandler,
  ImportLegacyEntriesHandler,
  HandOverRegistersHandler,
];
export * from './digitised-diploma';
