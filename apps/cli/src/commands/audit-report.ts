import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { Module } from '@nestjs/common';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { isWithinScope } from '@so-goc/domain';
import { findingsReport, reportToPdf, reportToXlsx } from '@so-goc/documents';
import { ALL_PROJECTIONS, findAuthority, findings, ProjectionRunner, type FindingView } from '@so-goc/projections';
import {
  authorityDirectoryCache,
  EVENT_STORE,
  FINDING_COMMAND_HANDLERS,
  openInfrastructure,
  runAuditRound,
  type SoGocConfig,
} from '@so-goc/platform';

export interface AuditReportOptions {
  readonly authority: string;
  readonly pattern?: string;
  readonly severity?: string;
  readonly state?: string;
  readonly xlsx?: string;
  readonly pdf?: string;
}

/**
 * `cli audit-report`: brings the read models up to the store's head, runs one round of the scheduled
 * audits and the sweep into findings (the same round the projector runs), then prints the findings of
 * the authority and its units, most serious first — and writes the XLSX/PDF export when asked.
 */
export async function auditReport(
  config: SoGocConfig,
  options: AuditReportOptions,
  out: (line: string) => void = console.log,
): Promise<FindingView[]> {
  const infrastructure = openInfrastructure(config);
  const runner = new ProjectionRunner(infrastructure.store, infrastructure.readModels, ALL_PROJECTIONS, {
    logger: { log: () => undefined, error: (m) => console.error(m) },
  });
  @Module({
    imports: [CqrsModule.forRoot()],
    providers: [{ provide: EVENT_STORE, useValue: infrastructure.store }, ...FINDING_COMMAND_HANDLERS],
  })
  class AuditCliModule {}
  const app = await NestFactory.createApplicationContext(AuditCliModule, { logger: false });
  try {
    runner.start();
    const catchUp = async () => {
      const head = await infrastructure.store.headPosition();
      if (head) await runner.waitUntilCaughtUp(head, 3600_000);
    };
    await catchUp();
    const round = await runAuditRound(infrastructure.readModels, app.get(CommandBus), config);
    await catchUp();
    const directory = await authorityDirectoryCache(infrastructure.store).current();
    const scope = [...directory.authorities.keys()].filter((code) =>
      isWithinScope(directory, { authorityCode: options.authority, includeSubordinates: true }, code),
    );
    const rows = findings(infrastructure.readModels, {
      authorityCodes: scope,
      ...(options.pattern ? { pattern: options.pattern } : {}),
      ...(options.severity ? { severity: options.severity } : {}),
      ...(options.state ? { state: options.state } : {}),
    });
    out(
      `Audit round: ${round.lookupsRead} lookups read, ${round.serialsHashed} serials hashed, ${round.publicDifferences} public/register differences, ${round.overdueSpoiled} spoiled blanks overdue, ${round.findingsRecorded} sightings recorded.`,
    );
    out(`${rows.length} findings for ${options.authority} and its units:`);
    for (const f of rows)
      out(
        `  [${f.severity.padEnd(8)}] ${f.pattern.padEnd(3)} ${f.state.padEnd(12)} ${f.authorityCode.padEnd(8)} ${f.policeReferral ? 'POLICE ' : ''}${f.summaryVi} (×${f.occurrences}, ${f.firstSeen.slice(0, 10)}–${f.lastSeen.slice(0, 10)}) id ${f.findingId}`,
      );
    if (options.xlsx || options.pdf) {
      const authorityName = findAuthority(infrastructure.readModels, options.authority)?.name ?? options.authority;
      const input = findingsReport({
        authorityCode: options.authority,
        authorityName,
        place: authorityName.replace(/^.*?(Đào tạo|GDĐT)\s+/u, ''),
        generatedAt: new Date().toISOString(),
        filterLabel: 'Các phát hiện chưa đóng',
        rows: rows.filter((f) => f.state !== 'closed').map((f) => ({ ...f, summary: f.summaryVi })),
      });
      if (options.xlsx) writeFileSync(options.xlsx, await reportToXlsx(input));
      if (options.pdf) writeFileSync(options.pdf, await reportToPdf(input));
    }
    return rows;
  } finally {
    await runner.stop();
    await app.close();
    await infrastructure.close();
  }
}
