import type { INestApplication } from '@nestjs/common';
import { NfcNormalizationPipe } from './nfc-normalization.pipe';
import { ProblemDetailsFilter } from './problem-details.filter';
import { createValidationPipe } from './validation.pipe';

/** What every HTTP app of Sổ Gốc shares: problem+json errors, NFC at the door, strict DTO validation. */
export function configureHttpApp(app: INestApplication): void {
  // Do not advertise the framework to scanners.
  (app.getHttpAdapter().getInstance() as { disable?: (setting: string) => void }).disable?.('x-powered-by');
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(new NfcNormalizationPipe(), createValidationPipe());
}
