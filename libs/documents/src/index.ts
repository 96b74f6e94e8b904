export type { LedgerExportInput, LedgerExportRow } from './ledger/ledger-export';
export { ledgerToXlsx } from './ledger/ledger-xlsx';
export { ledgerToPdf } from './ledger/ledger-pdf';
export type { DestructionMinutesInput } from './destruction/destruction-minutes';
export { destructionMinutesToXlsx } from './destruction/destruction-minutes-xlsx';
export { destructionMinutesToPdf } from './destruction/destruction-minutes-pdf';
export { kindLabel, movementLabel, reasonLabel, stateLabel } from './vietnamese/labels';
export { formatDateVi, formatNumberVi } from './vietnamese/format';
