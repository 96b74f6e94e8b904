import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HEARTBEAT_MILLIS, JobStore, type NewJob } from './job-store';

const job = (id: string): NewJob => ({
  id,
  authorityCode: 'SGD-HP',
  officerId: 'vb-hp',
  kind: 'import',
  titleVi: 'Nhập danh sách',
  titleEn: 'List import',
  unit: 'rows',
  total: null,
  link: '/console/SGD-HP/decisions/new',
});

/**
 * Where a job stands after its process is gone (issue 13 item 4): two nodes share one file; each owns
 * the jobs it runs. A clean stop interrupts its own jobs only; a crashed owner's jobs read as interrupted
 * once its heartbeat is stale, at the count they reached.
 */
describe('JobStore: interrupted, never lost or stuck', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'so-goc-jobs-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a node that stops interrupts its own running jobs, not another node’s', () => {
    const file = join(dir, 'console-jobs.sqlite');
    const a = new JobStore('node-a', file);
    const b = new JobStore('node-b', file);
    a.create(job('viec-a'));
    b.create(job('viec-b'));
    a.progress('viec-a', 8000, 20000, 'working');
    a.onApplicationShutdown();
    expect(b.get('viec-a')).toMatchObject({ state: 'interrupted', done: 8000, total: 20000 });
    expect(b.get('viec-b')).toMatchObject({ state: 'running' });
    b.onApplicationShutdown();
  });

  it('a crashed node’s job reads as interrupted once its heartbeat is stale, and a late finish changes nothing', () => {
    const file = join(dir, 'console-jobs.sqlite');
    const crashed = new JobStore('node-a', file);
    const other = new JobStore('node-b', file);
    const t0 = 1_000_000;
    crashed.create(job('viec-a'), t0);
    crashed.progress('viec-a', 40, 100, 'working', t0 + 1000);
    expect(other.get('viec-a', t0 + 1000 + HEARTBEAT_MILLIS)).toMatchObject({ state: 'running', done: 40 });
    expect(other.get('viec-a', t0 + 1000 + 7 * HEARTBEAT_MILLIS)).toMatchObject({ state: 'interrupted', done: 40 });
    // Only a running job ends: an interrupted one is not turned into a success afterwards.
    crashed.finish('viec-a', { state: 'done' });
    expect(other.get('viec-a')).toMatchObject({ state: 'interrupted' });
    crashed.onApplicationShutdown();
    other.onApplicationShutdown();
  });

  it('lists an authority’s jobs newest first and removes finished ones past retention', () => {
    const store = new JobStore('node-a');
    store.create(job('viec-1'), 1000);
    store.create({ ...job('viec-2'), authorityCode: 'PGD-LC' }, 2000);
    store.create(job('viec-3'), 3000);
    store.finish('viec-1', { state: 'done', result: { file: 'viec-1.pdf', format: 'pdf', name: 'dot-in' } }, 4000);
    expect(store.ofAuthority('SGD-HP', 50, 5000).map((j) => j.id)).toEqual(['viec-3', 'viec-1']);
    expect(store.expire(4500).map((j) => j.id)).toEqual(['viec-1']);
    expect(store.get('viec-1', 5000)).toBeUndefined();
    expect(store.get('viec-3', 5000)).toMatchObject({ state: 'running' });
    store.onApplicationShutdown();
  });
});
