import type { IncomingMessage } from 'node:http';
import { isScrapeToken, requestIdOf } from './http-observer';
import { JsonLog } from './json-log';
import { Metrics } from './metrics';

describe('metrics, logs and request ids (issue 16)', () => {
  it('renders counters, cumulative histogram buckets and gauges in the Prometheus text format, labels escaped', async () => {
    const metrics = new Metrics();
    const requests = metrics.counter('sogoc_test_total', 'Test requests.');
    requests.inc({ route: '/a"b\\c' });
    requests.inc({ route: '/a"b\\c' }, 2);
    const durations = metrics.histogram('sogoc_test_seconds', 'Test durations.', [0.1, 1]);
    durations.observe({ route: '/x' }, 0.05);
    durations.observe({ route: '/x' }, 0.5);
    durations.observe({ route: '/x' }, 3);
    metrics.gauge('sogoc_test_lag', 'Test lag.', () => [{ labels: { projection: 'p' }, value: 7 }]);
    metrics.gauge('sogoc_test_broken', 'Cannot be read now.', () => {
      throw new Error('store down');
    });
    expect(await metrics.render()).toBe(
      [
        '# HELP sogoc_test_total Test requests.',
        '# TYPE sogoc_test_total counter',
        'sogoc_test_total{route="/a\\"b\\\\c"} 3',
        '# HELP sogoc_test_seconds Test durations.',
        '# TYPE sogoc_test_seconds histogram',
        'sogoc_test_seconds_bucket{route="/x",le="0.1"} 1',
        'sogoc_test_seconds_bucket{route="/x",le="1"} 2',
        'sogoc_test_seconds_bucket{route="/x",le="+Inf"} 3',
        'sogoc_test_seconds_sum{route="/x"} 3.55',
        'sogoc_test_seconds_count{route="/x"} 3',
        '# HELP sogoc_test_lag Test lag.',
        '# TYPE sogoc_test_lag gauge',
        'sogoc_test_lag{projection="p"} 7',
        '',
      ].join('\n'),
    );
  });

  it('writes one JSON object per line, time first, with only the fields it is given', () => {
    const lines: string[] = [];
    new JsonLog(
      'registry-api',
      (line) => lines.push(line),
      () => new Date('2026-12-05T01:02:03.000Z'),
    ).info('request', {
      requestId: 'r-1',
      status: 201,
    });
    expect(lines).toEqual([
      '{"time":"2026-12-05T01:02:03.000Z","level":"info","service":"registry-api","msg":"request","requestId":"r-1","status":201}',
    ]);
  });

  it('keeps a short request id, replaces anything else, and compares the scrape token exactly', () => {
    const withId = (id?: string) => ({ headers: id === undefined ? {} : { 'x-request-id': id } }) as IncomingMessage;
    expect(requestIdOf(withId('trace-1.a:b'))).toBe('trace-1.a:b');
    expect(requestIdOf(withId('x'.repeat(65)))).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdOf(withId('a b'))).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdOf(withId())).toMatch(/^[0-9a-f-]{36}$/);
    const token = 'scrape-token-0123456789';
    expect(isScrapeToken(`Bearer ${token}`, token)).toBe(true);
    expect(isScrapeToken(`Bearer ${token}x`, token)).toBe(false);
    expect(isScrapeToken(token, token)).toBe(false);
    expect(isScrapeToken(`Bearer ${token}`, undefined)).toBe(false);
  });
});
