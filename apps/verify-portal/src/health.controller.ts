import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

@ApiExcludeController()
@Controller()
export class PortalHealthController {
  @Get('health')
  health(): object {
    return { status: 'ok', service: 'verify-portal' };
  }

  @Get('robots.txt')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  robots(): string {
    // A registry of people must never be crawled or indexed.
    return 'User-agent: *\nDisallow: /\n';
  }
}
