import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/**
 * Issue 12 item 9, architecture §5: every decider and every cross-stream workflow of libs/domain, and
 * every projection of libs/projections, is specified by a spec with literal events. A new one without a
 * spec fails here, by name.
 */
const REPO_ROOT = resolve(__dirname, '..', '..');
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
  );
const under = (lib: string) => files(join(REPO_ROOT, lib)).filter((f) => f.endsWith('.ts') && !f.includes('/testing/'));

const domain = under('libs/domain/src');
const domainSpecs = domain.filter((f) => f.endsWith('.spec.ts')).map((f) => readFileSync(f, 'utf8'));
const exported = (pattern: RegExp, only: (file: string) => boolean = () => true) =>
  domain
    .filter((f) => !f.endsWith('.spec.ts') && only(f))
    .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(pattern)].map((m) => [m[1]!, relative(REPO_ROOT, file)] as const));
const specified = (name: string) => domainSpecs.some((spec) => new RegExp(`\\b${name}\\b`).test(spec));

describe('every decider, workflow and projection has its spec (issue 12 item 9)', () => {
  it.each(exported(/export const (\w+): Decider</g))('decider %s (%s)', (name) => {
    expect(specified(name)).toBe(true);
  });

  it.each(exported(/export function (decide\w+)\(/g, (f) => /\.workflows?\.ts$/.test(f)))('workflow %s (%s)', (name) => {
    expect(specified(name)).toBe(true);
  });

  it.each(
    under('libs/projections/src')
      .filter((f) => f.endsWith('.projection.ts'))
      .map((f) => [relative(REPO_ROOT, f)] as const),
  )('projection %s', (file) => {
    expect(readdirSync(join(REPO_ROOT, file, '..'))).toContain(file.split('/').pop()!.replace(/\.ts$/, '.spec.ts'));
  });
});
