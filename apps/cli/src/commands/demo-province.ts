import { ACCESS_CONTROL_STREAM, AUTHORITY_DIRECTORY_STREAM, type AuthorityDirectoryCommand, type OfficerRole } from '@so-goc/domain';
import type { CommandBus } from '@nestjs/cqrs';
import type { EventStore } from '@so-goc/event-store';
import { openReadModelDatabase } from '@so-goc/projections';
import { ChangeAuthorityDirectory, ChangeOfficerAccess, generateOfficerToken, loadConfig, openCommandBus } from '@so-goc/platform';
import { cliContext } from './create-admin';

const REFORM = '2025-07-01';
const PROVINCE_MERGER = 'Nghị quyết 202/2025/QH15 (sắp xếp đơn vị hành chính cấp tỉnh)';
const DISTRICT_ABOLITION = 'Quyết định của UBND thành phố về kế thừa hồ sơ Phòng GDĐT (dữ liệu mẫu)';

/**
 * A province shaped like Hải Phòng after the 2025 reorganisation: the Sở absorbs Hải Dương's Sở,
 * three district offices print THCS diplomas until 30/06/2025 and hand their registers to the Sở,
 * communes take over on 01/07/2025, schools issue THPT diplomas from 15/04/2026. People are fictitious.
 */
const DIRECTORY: AuthorityDirectoryCommand[] = [
  {
    type: 'RegisterAuthority',
    code: 'BGDDT',
    name: 'Bộ Giáo dục và Đào tạo',
    kind: 'ministry',
    parentCode: null,
    registeredOn: '1976-01-01',
  },
  // A Sở's papers are headed by the provincial People's Committee, not the ministry (Nghị định 30/2020).
  {
    type: 'RegisterAuthority',
    code: 'SGD-HP',
    name: 'Sở Giáo dục và Đào tạo Hải Phòng',
    kind: 'province_department',
    parentCode: 'BGDDT',
    registeredOn: '1976-01-01',
    governingBody: 'Ủy ban nhân dân thành phố Hải Phòng',
  },
  {
    type: 'RegisterAuthority',
    code: 'SGD-HD',
    name: 'Sở Giáo dục và Đào tạo Hải Dương',
    kind: 'province_department',
    parentCode: 'BGDDT',
    registeredOn: '1976-01-01',
    governingBody: 'Ủy ban nhân dân tỉnh Hải Dương',
  },
  ...(
    [
      ['PGD-TN', 'Phòng Giáo dục và Đào tạo huyện Thuỷ Nguyên', 'Ủy ban nhân dân huyện Thuỷ Nguyên'],
      ['PGD-AD', 'Phòng Giáo dục và Đào tạo huyện An Dương', 'Ủy ban nhân dân huyện An Dương'],
      ['PGD-KT', 'Phòng Giáo dục và Đào tạo huyện Kiến Thuỵ', 'Ủy ban nhân dân huyện Kiến Thuỵ'],
    ] as const
  ).flatMap(([code, name, governingBody]): AuthorityDirectoryCommand[] => [
    { type: 'RegisterAuthority', code, name, kind: 'district_office', parentCode: 'SGD-HP', registeredOn: '1976-01-01', governingBody },
    {
      type: 'RegisterSigner',
      signerId: `tp-${code.toLowerCase()}`,
      authorityCode: code,
      fullName: headOf(code),
      title: 'Trưởng phòng',
      role: 'head',
      validFrom: '2020-01-15',
      validTo: '2025-06-30',
    },
  ]),
  {
    type: 'RegisterAuthority',
    code: 'THCS-CVA',
    name: 'Trường THCS Chu Văn An (Thuỷ Nguyên)',
    kind: 'school',
    parentCode: 'PGD-TN',
    registeredOn: '2000-01-01',
  },
  {
    type: 'RegisterAuthority',
    code: 'THPT-NQ',
    name: 'Trường THPT Ngô Quyền',
    kind: 'school',
    parentCode: 'SGD-HP',
    registeredOn: '2000-01-01',
  },
  {
    type: 'RegisterAuthority',
    code: 'THPT-TP',
    name: 'Trường THPT Trần Phú',
    kind: 'school',
    parentCode: 'SGD-HP',
    registeredOn: '2000-01-01',
  },
  // The Giám đốc signs with his own account (ky-hp); the registrar prepares runs but cannot sign them (issue 17).
  {
    type: 'RegisterSigner',
    signerId: 'gd-sgd-hp',
    authorityCode: 'SGD-HP',
    fullName: 'Nguyễn Văn An',
    title: 'Giám đốc',
    role: 'head',
    validFrom: '2020-01-15',
    officerId: 'ky-hp',
  },
  // Scenario 1: a deputy in charge signs for two weeks of August 2024, with the assignment on file (rule 6).
  {
    type: 'RegisterSigner',
    signerId: 'pgd-sgd-hp',
    authorityCode: 'SGD-HP',
    fullName: 'Trần Thị Bình',
    title: 'Phó Giám đốc phụ trách',
    role: 'deputy_in_charge',
    validFrom: '2024-08-05',
    validTo: '2024-08-18',
    delegationRef: '512/QĐ-UBND ngày 01/08/2024',
  },
  {
    type: 'RegisterSigner',
    signerId: 'gd-sgd-hd',
    authorityCode: 'SGD-HD',
    fullName: 'Lê Văn Cường',
    title: 'Giám đốc',
    role: 'head',
    validFrom: '2020-01-15',
    validTo: '2025-06-30',
  },
  { type: 'MergeAuthority', code: 'SGD-HD', intoCode: 'SGD-HP', effectiveOn: REFORM, decisionRef: PROVINCE_MERGER },
  ...(['PGD-TN', 'PGD-AD', 'PGD-KT'] as const).map((code): AuthorityDirectoryCommand => ({
    type: 'AbolishAuthority',
    code,
    successorCode: 'SGD-HP',
    effectiveOn: REFORM,
    decisionRef: DISTRICT_ABOLITION,
  })),
  ...(
    [
      ['UBX-TN', 'Ủy ban nhân dân phường Thuỷ Nguyên', 'Phạm Văn Dũng'],
      ['UBX-AD', 'Ủy ban nhân dân xã An Dương', 'Hoàng Thị Hoà'],
      ['UBX-KT', 'Ủy ban nhân dân xã Kiến Thuỵ', 'Vũ Đức Thắng'],
    ] as const
  ).flatMap(([code, name, chair]): AuthorityDirectoryCommand[] => [
    { type: 'RegisterAuthority', code, name, kind: 'commune_committee', parentCode: 'SGD-HP', registeredOn: REFORM },
    {
      type: 'RegisterSigner',
      signerId: `ct-${code.toLowerCase()}`,
      authorityCode: code,
      fullName: chair,
      title: 'Chủ tịch UBND',
      role: 'head',
      validFrom: REFORM,
    },
  ]),
  {
    type: 'RegisterSigner',
    signerId: 'ht-thpt-nq',
    authorityCode: 'THPT-NQ',
    fullName: 'Đỗ Thị Thuỷ',
    title: 'Hiệu trưởng',
    role: 'head',
    validFrom: '2026-04-15',
  },
  {
    type: 'RegisterSigner',
    signerId: 'ht-thpt-tp',
    authorityCode: 'THPT-TP',
    fullName: 'Bùi Minh Khoa',
    title: 'Hiệu trưởng',
    role: 'head',
    validFrom: '2026-04-15',
  },
];

function headOf(code: string): string {
  return { 'PGD-TN': 'Đặng Văn Hải', 'PGD-AD': 'Ngô Thị Mai', 'PGD-KT': 'Trịnh Quốc Việt' }[code] ?? 'Trưởng phòng';
}

const OFFICERS: {
  officerId: string;
  username: string;
  fullName: string;
  authorityCode: string;
  roles: OfficerRole[];
  includeSubordinates: boolean;
}[] = [
  {
    officerId: 'admin-hp',
    username: 'admin.hp',
    fullName: 'Quản trị Sở GDĐT Hải Phòng',
    authorityCode: 'SGD-HP',
    roles: ['administrator'],
    includeSubordinates: true,
  },
  {
    officerId: 'vanbang-hp',
    username: 'lan.nguyen',
    fullName: 'Nguyễn Thị Lan',
    authorityCode: 'SGD-HP',
    roles: ['registrar'],
    includeSubordinates: true,
  },
  {
    officerId: 'ky-hp',
    username: 'an.nguyen',
    fullName: 'Nguyễn Văn An',
    authorityCode: 'SGD-HP',
    roles: ['signer'],
    includeSubordinates: false,
  },
  {
    officerId: 'thanhtra-hp',
    username: 'thanhtra.hp',
    fullName: 'Phan Thanh Tra',
    authorityCode: 'SGD-HP',
    roles: ['auditor'],
    includeSubordinates: true,
  },
  {
    officerId: 'vanbang-ubx-tn',
    username: 'hung.le',
    fullName: 'Lê Quang Hưng',
    authorityCode: 'UBX-TN',
    roles: ['registrar'],
    includeSubordinates: false,
  },
  {
    officerId: 'vanbang-thpt-nq',
    username: 'thao.tran',
    fullName: 'Trần Phương Thảo',
    authorityCode: 'THPT-NQ',
    roles: ['registrar'],
    includeSubordinates: false,
  },
];

export interface DemoOfficerToken {
  readonly username: string;
  readonly authorityCode: string;
  readonly roles: readonly OfficerRole[];
  readonly token: string;
}

/** Loads the demo province into an empty store and returns one token per demo officer. */
export async function loadDemoProvince(bus: CommandBus, store: EventStore, lifetimeDays = 30): Promise<DemoOfficerToken[]> {
  const [directory, access] = await Promise.all([store.readStream(AUTHORITY_DIRECTORY_STREAM), store.readStream(ACCESS_CONTROL_STREAM)]);
  if (directory.revision !== 'no_stream' || access.revision !== 'no_stream') {
    throw new Error('The demo loads only into an empty data directory (set SOGOC_DATA_DIR to a new folder).');
  }
  for (const command of DIRECTORY) {
    await bus.execute(new ChangeAuthorityDirectory(command, cliContext('demo')));
  }
  const tokens: DemoOfficerToken[] = [];
  for (const officer of OFFICERS) {
    await bus.execute(new ChangeOfficerAccess({ type: 'CreateOfficer', ...officer }, cliContext('demo')));
    const token = generateOfficerToken();
    await bus.execute(
      new ChangeOfficerAccess(
        {
          type: 'IssueToken',
          authorityCode: officer.authorityCode,
          officerId: officer.officerId,
          tokenId: token.tokenId,
          secretHash: token.secretHash,
          lifetimeDays,
        },
        cliContext('demo'),
      ),
    );
    tokens.push({ username: officer.username, authorityCode: officer.authorityCode, roles: officer.roles, token: token.bearer });
  }
  return tokens;
}

/**
 * For tests and benchmarks that hold only an event store: the demo goes through the same CommandBus,
 * over a throwaway read-model database (the demo's commands read no projection).
 */
export async function loadDemoProvinceInto(store: EventStore, lifetimeDays = 30): Promise<DemoOfficerToken[]> {
  const readModels = openReadModelDatabase(':memory:');
  const host = await openCommandBus({
    config: loadConfig({}),
    store,
    readModels,
    close: async () => {
      readModels.close();
    },
  });
  try {
    return await loadDemoProvince(host.bus, store, lifetimeDays);
  } finally {
    await host.close();
    if (readModels.open) readModels.close();
  }
}

/** Where the officers' API of this configuration answers: issue 17 found the demo naming port 3000 whatever was set. */
export function apiBaseUrl(config: { host: string; apiPort: number }): string {
  // A server bound to every interface is reached, from the same machine, on the loopback address.
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.apiPort}`;
}
