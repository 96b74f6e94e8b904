import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PublishedKeySet } from '@so-goc/documents';
import { PORTAL, type Portal } from '../portal';

/**
 * The published verification keys (architecture.md §6), so that anyone can check a QR offline and a
 * look-alike site cannot pass its own key off as the registry's (F12).
 */
@ApiTags('keys')
@Controller('.well-known')
export class KeysController {
  constructor(@Inject(PORTAL) private readonly portal: Portal) {}

  @Get('so-goc-keys.json')
  @Header('Cache-Control', 'public, max-age=300')
  @Header('Access-Control-Allow-Origin', '*')
  @ApiOperation({ summary: 'Khóa công khai (published Ed25519 keys, JWK set with authority and validity)' })
  @ApiOkResponse({ description: '{ "keys": [{ "kid", "authorityCode", "kty": "OKP", "crv": "Ed25519", "x", "use": "sig", "alg": "EdDSA", "createdAt", "retiredAt" }] }' })
  keySet(): PublishedKeySet {
    return this.portal.keys.published();
  }
}
