import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ADMINISTRATION_COMMAND_HANDLERS } from '../access/directory.commands';
import { OfficerAccess } from '../access/officer-access';
import { BLANK_COMMAND_HANDLERS } from '../blanks/blank.commands';
import { CERTIFICATE_COMMAND_HANDLERS } from '../certificates/certificate.commands';
import { CERTIFICATE_PRINT_RUN_COMMAND_HANDLERS } from '../certificates/certificate-print-run.commands';
import { COPY_COMMAND_HANDLERS } from '../copies/copy.commands';
import { ImportGraduationDecisionHandler } from '../decisions/decision.commands';
import { DIPLOMA_COMMAND_HANDLERS } from '../diplomas/diploma.commands';
import { HolidayCalendarCache } from '../diplomas/holiday-calendar-cache';
import { EVENT_STORE, INFRASTRUCTURE, READ_MODELS, type Infrastructure } from '../infrastructure';
import { PRINT_RUN_COMMAND_HANDLERS } from '../issuance/print-run.commands';
import { RECOGNITION_COMMAND_HANDLERS } from '../recognitions/recognition.commands';
import { SIGNING_KEY_COMMAND_HANDLERS } from '../verification/signing-key.commands';
import { SignLogCheckpointHandler } from '../log/sign-log-checkpoint';
import { WriteDependencies } from './write-dependencies';
import { LEGACY_REGISTER_HANDLERS, LEGACY_SCAN_STORE, scanStoreFor } from '../legacy-registers';
import { ReadDependencies } from '../read-path/officer-query';
import { BLANK_QUERY_HANDLERS } from '../blanks/blank.queries';
import { DIPLOMA_QUERY_HANDLERS } from '../diplomas/diploma.queries';
import { ISSUANCE_QUERY_HANDLERS } from '../issuance/issuance.queries';
import { COPY_QUERY_HANDLERS } from '../copies/copy.queries';
import { AUDIT_QUERY_HANDLERS } from '../audits/audit.queries';
import { DIRECTORY_QUERY_HANDLERS } from '../access/directory.queries';
import { RECOGNITION_QUERY_HANDLERS } from '../recognitions/recognition.queries';
import { LEGACY_REGISTER_QUERY_HANDLERS } from '../legacy-registers/legacy-register.queries';
import { EXPORT_QUERY_HANDLERS } from '../exports/export.queries';

export const COMMAND_HANDLERS = [
  ...BLANK_COMMAND_HANDLERS,
  ImportGraduationDecisionHandler,
  ...PRINT_RUN_COMMAND_HANDLERS,
  ...DIPLOMA_COMMAND_HANDLERS,
  ...COPY_COMMAND_HANDLERS,
  ...ADMINISTRATION_COMMAND_HANDLERS,
  ...SIGNING_KEY_COMMAND_HANDLERS,
  SignLogCheckpointHandler,
  ...LEGACY_REGISTER_HANDLERS,
  ...RECOGNITION_COMMAND_HANDLERS,
  ...CERTIFICATE_COMMAND_HANDLERS,
  ...CERTIFICATE_PRINT_RUN_COMMAND_HANDLERS,
];

/** The officers' queries (issue 12, item 1): one typed query class and one @QueryHandler each, on the QueryBus. */
export const QUERY_HANDLERS = [
  ...BLANK_QUERY_HANDLERS,
  ...DIPLOMA_QUERY_HANDLERS,
  ...ISSUANCE_QUERY_HANDLERS,
  ...COPY_QUERY_HANDLERS,
  ...AUDIT_QUERY_HANDLERS,
  ...DIRECTORY_QUERY_HANDLERS,
  ...RECOGNITION_QUERY_HANDLERS,
  ...LEGACY_REGISTER_QUERY_HANDLERS,
  ...EXPORT_QUERY_HANDLERS,
];

/**
 * The one write path as a module: the CommandBus with every command handler, over one process's store,
 * and the QueryBus with the officers' query handlers over its read models. The officers' API, the CLI
 * (demo, create-admin, import-decision) and the integration tests all dispatch through it.
 */
@Module({})
export class WritePathModule {
  static register(infrastructure: Infrastructure): DynamicModule {
    const shared = [
      { provide: INFRASTRUCTURE, useValue: infrastructure },
      { provide: EVENT_STORE, useValue: infrastructure.store },
      { provide: READ_MODELS, useValue: infrastructure.readModels },
      { provide: OfficerAccess, useValue: new OfficerAccess(infrastructure.store) },
      // One fold of the calendar stream for everything that counts working days.
      { provide: HolidayCalendarCache, useValue: new HolidayCalendarCache(infrastructure.store) },
      // Page scans of paper registers, content-addressed under the data directory (issue 14).
      { provide: LEGACY_SCAN_STORE, useValue: scanStoreFor(infrastructure) },
    ];
    return {
      module: WritePathModule,
      global: true,
      imports: [CqrsModule.forRoot()],
      providers: [...shared, WriteDependencies, ReadDependencies, ...COMMAND_HANDLERS, ...QUERY_HANDLERS],
      exports: [
        INFRASTRUCTURE,
        EVENT_STORE,
        READ_MODELS,
        OfficerAccess,
        HolidayCalendarCache,
        WriteDependencies,
        ReadDependencies,
        CqrsModule,
        LEGACY_SCAN_STORE,
      ],
    };
  }
}
