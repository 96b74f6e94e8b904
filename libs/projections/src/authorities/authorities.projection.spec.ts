import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { AuthorityDirectoryEvent } from '@so-goc/domain';
import type { RecordedEvent } from '@so-goc/event-store';
import { makeTempDir } from '@so-goc/event-store/testing/temp-dir';
import { openReadModelDatabase } from '../read-model-database';
import { hashTables } from '../table-hash';
import { authoritiesProjection, findAuthority, letterheadOf } from './authorities.projection';

const EVENTS: AuthorityDirectoryEvent[] = [
  {
    type: 'AuthorityRegistered',
    data: { code: 'BGDDT', name: 'Bộ Giáo dục và Đào tạo', kind: 'ministry', parentCode: null, registeredOn: '2000-01-01' },
  },
  {
    type: 'AuthorityRegistered',
    data: {
      code: 'SGD-HP',
      name: 'Sở Giáo dục và Đào tạo Hải Phòng',
      kind: 'province_department',
      parentCode: 'BGDDT',
      registeredOn: '2000-01-01',
    },
  },
  {
    type: 'AuthorityRegistered',
    data: {
      code: 'SGD-QN',
      name: 'Sở Giáo dục và Đào tạo Quảng Ninh',
      kind: 'province_department',
      parentCode: 'BGDDT',
      registeredOn: '2000-01-01',
      governingBody: 'Ủy ban nhân dân tỉnh Quảng Ninh',
    },
  },
  {
    type: 'AuthorityRegistered',
    data: { code: 'THPT-NQ', name: 'Trường THPT Ngô Quyền', kind: 'school', parentCode: 'SGD-HP', registeredOn: '2000-01-01' },
  },
  {
    type: 'AuthorityGoverningBodySet',
    data: { code: 'SGD-HP', previous: null, governingBody: 'Ủy ban nhân dân thành phố Hải Phòng', effectiveOn: '2026-01-01' },
  },
];

const recorded = (event: AuthorityDirectoryEvent, i: number): RecordedEvent =>
  ({
    id: `e${i}`,
    stream: 'authority-directory',
    type: event.type,
    revision: BigInt(i),
    position: { commit: BigInt(i), prepare: BigInt(i) },
    data: event.data,
    metadata: {},
    recordedAt: new Date(0),
  }) as unknown as RecordedEvent;

describe('authorities projection: the letterhead (issue 17, Nghị định 30/2020)', () => {
  let dir: { path: string; remove(): void };
  let db: Database;
  beforeEach(() => {
    dir = makeTempDir('authorities-projection');
    db = openReadModelDatabase(join(dir.path, 'read.sqlite'));
    authoritiesProjection.createTables(db);
    EVENTS.forEach((e, i) => authoritiesProjection.apply(db, recorded(e, i)));
  });
  afterEach(() => {
    db.close();
    dir.remove();
  });

  it('heads a Sở with its governing body, set at registration or later, never with the ministry', () => {
    expect(findAuthority(db, 'SGD-HP')?.governingBody).toBe('Ủy ban nhân dân thành phố Hải Phòng');
    expect(letterheadOf(db, 'SGD-HP')).toEqual({
      authorityName: 'Sở Giáo dục và Đào tạo Hải Phòng',
      superiorName: 'Ủy ban nhân dân thành phố Hải Phòng',
    });
    expect(letterheadOf(db, 'SGD-QN').superiorName).toBe('Ủy ban nhân dân tỉnh Quảng Ninh');
  });

  it('heads a school with the Sở above it when no governing body is recorded', () => {
    expect(letterheadOf(db, 'THPT-NQ')).toEqual({
      authorityName: 'Trường THPT Ngô Quyền',
      superiorName: 'Sở Giáo dục và Đào tạo Hải Phòng',
    });
  });

  it('prints no superior line rather than the ministry for a Sở without a governing body', () => {
    const another = {
      type: 'AuthorityRegistered',
      data: {
        code: 'SGD-TB',
        name: 'Sở Giáo dục và Đào tạo Thái Bình',
        kind: 'province_department',
        parentCode: 'BGDDT',
        registeredOn: '2000-01-01',
      },
    } as const;
    authoritiesProjection.apply(db, recorded(another, 9));
    expect(letterheadOf(db, 'SGD-TB').superiorName).toBeNull();
  });

  it('applying the governing body again changes nothing', () => {
    const before = hashTables(db, authoritiesProjection.tables);
    authoritiesProjection.apply(db, recorded(EVENTS[4]!, 4));
    expect(hashTables(db, authoritiesProjection.tables)).toBe(before);
  });
});
