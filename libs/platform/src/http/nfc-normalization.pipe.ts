import { Injectable, type PipeTransform } from '@nestjs/common';
import { normalizeNfcDeep } from '@so-goc/domain';

/** Runs before validation on body, query and route parameters: all text enters the system as NFC. */
@Injectable()
export class NfcNormalizationPipe implements PipeTransform {
  transform(value: unknown): unknown {
    return normalizeNfcDeep(value);
  }
}
