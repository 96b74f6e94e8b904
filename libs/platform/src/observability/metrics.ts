/**
 * A small Prometheus registry: counters, histograms and gauges read when scraped, rendered in the text
 * exposition format (version 0.0.4). Our own code rather than prom-client: about a hundred lines with
 * no dependency, while prom-client would add a package (and its tdigest/bintrees dependencies) to every
 * app for three metric types and a text format.
 */
export type Labels = Readonly<Record<string, string>>;

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Metric {
  readonly name: string;
  render(): Promise<string[]> | string[];
}

const escapeLabel = (value: string): string => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const labelText = (labels: Labels, extra?: [string, string]): string => {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
  if (extra) pairs.push(`${extra[0]}="${escapeLabel(extra[1])}"`);
  return pairs.length === 0 ? '' : `{${pairs.join(',')}}`;
};
/** A map key for a label set, whatever its keys' order: length-prefixed, so no two sets share one (per request: no JSON, no entries array). */
const keyOf = (labels: Labels): string => {
  const names = Object.keys(labels);
  if (names.length > 1) names.sort();
  let key = '';
  for (const name of names) {
    const value = labels[name]!;
    key += `${name.length}:${name}${value.length}:${value}`;
  }
  return key;
};
const numberText = (n: number): string => (Number.isFinite(n) ? String(n) : n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN');

export class Counter implements Metric {
  private readonly values = new Map<string, { labels: Labels; value: number }>();
  constructor(
    readonly name: string,
    private readonly help: string,
  ) {}

  inc(labels: Labels = {}, by = 1): void {
    const key = keyOf(labels);
    const entry = this.values.get(key);
    if (entry) entry.value += by;
    else this.values.set(key, { labels, value: by });
  }

  render(): string[] {
    return [
      `# HELP ${this.name} ${this.help}`,
      `# TYPE ${this.name} counter`,
      ...[...this.values.values()].map((e) => `${this.name}${labelText(e.labels)} ${numberText(e.value)}`),
    ];
  }
}

export class Histogram implements Metric {
  private readonly values = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();
  constructor(
    readonly name: string,
    private readonly help: string,
    private readonly buckets: readonly number[] = DEFAULT_BUCKETS,
  ) {}

  observe(labels: Labels, value: number): void {
    const key = keyOf(labels);
    let entry = this.values.get(key);
    if (!entry) this.values.set(key, (entry = { labels, counts: this.buckets.map(() => 0), sum: 0, count: 0 }));
    for (let i = 0; i < this.buckets.length; i += 1) if (value <= this.buckets[i]!) entry.counts[i]! += 1;
    entry.sum += value;
    entry.count += 1;
  }

  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const e of this.values.values()) {
      this.buckets.forEach((le, i) => lines.push(`${this.name}_bucket${labelText(e.labels, ['le', String(le)])} ${e.counts[i]}`));
      lines.push(`${this.name}_bucket${labelText(e.labels, ['le', '+Inf'])} ${e.count}`);
      lines.push(`${this.name}_sum${labelText(e.labels)} ${numberText(e.sum)}`);
      lines.push(`${this.name}_count${labelText(e.labels)} ${e.count}`);
    }
    return lines;
  }
}

/** A gauge whose samples are read when scraped (projection positions, lag against the store's head). */
export class Gauge implements Metric {
  constructor(
    readonly name: string,
    private readonly help: string,
    private readonly collect: () => Promise<readonly { labels: Labels; value: number }[]> | readonly { labels: Labels; value: number }[],
  ) {}

  async render(): Promise<string[]> {
    const samples = await this.collect();
    return [
      `# HELP ${this.name} ${this.help}`,
      `# TYPE ${this.name} gauge`,
      ...samples.map((s) => `${this.name}${labelText(s.labels)} ${numberText(s.value)}`),
    ];
  }
}

export class Metrics {
  private readonly metrics = new Map<string, Metric>();

  counter(name: string, help: string): Counter {
    return this.register(name, () => new Counter(name, help)) as Counter;
  }

  histogram(name: string, help: string, buckets?: readonly number[]): Histogram {
    return this.register(name, () => new Histogram(name, help, buckets)) as Histogram;
  }

  /** A second gauge of the same name replaces the first (an app re-created in the same process). */
  gauge(name: string, help: string, collect: ConstructorParameters<typeof Gauge>[2]): void {
    this.metrics.set(name, new Gauge(name, help, collect));
  }

  async render(): Promise<string> {
    const lines: string[] = [];
    for (const metric of this.metrics.values()) {
      try {
        lines.push(...(await metric.render()));
      } catch {
        // A gauge that cannot be read now (store unreachable) is left out of this scrape rather than failing it.
      }
    }
    return `${lines.join('\n')}\n`;
  }

  private register(name: string, make: () => Metric): Metric {
    const existing = this.metrics.get(name);
    if (existing) return existing;
    const metric = make();
    this.metrics.set(name, metric);
    return metric;
  }
}
