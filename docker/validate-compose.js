// Checks docker/compose.yml and docker/compose.esdb-cluster.yml without a Docker engine: YAML
// syntax (merge keys resolved), pinned images, leader-aware health checks, the raised append
// size, one data volume per app container, and that every reference (depends_on, networks,
// volumes, proxy upstreams) names something declared.   Run: node docker/validate-compose.js
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const yaml = require('js-yaml');

const problems = [];
const check = (condition, message) => condition || problems.push(message);
const load = (file) => yaml.load(readFileSync(join(__dirname, file), 'utf8'));

function checkCommon(file, compose) {
  const services = compose.services ?? {};
  const nodes = Object.entries(services).filter(([, s]) => String(s.image ?? '').includes('kurrentdb'));
  check(nodes.length === 3, `${file}: expected 3 KurrentDB nodes, found ${nodes.length}`);
  for (const [name, service] of Object.entries(services)) {
    const image = String(service.image ?? '');
    const tag = image
      .replace(/^\$\{[A-Z_]+:-(.*)\}$/, '$1')
      .split('/')
      .pop();
    if (!service.build)
      check(/:[0-9][^:]*$/.test(tag) && !/latest|lts$/.test(tag), `${file}: ${name} image not pinned to a version: ${image}`);
    for (const dependency of Object.keys(service.depends_on ?? {}).concat(Array.isArray(service.depends_on) ? service.depends_on : [])) {
      if (typeof dependency === 'string' && !/^\d+$/.test(dependency))
        check(dependency in services, `${file}: ${name} depends on unknown ${dependency}`);
    }
    const networks = Array.isArray(service.networks) ? service.networks : Object.keys(service.networks ?? {});
    for (const network of networks) check(network in (compose.networks ?? {}), `${file}: ${name} uses undeclared network ${network}`);
    for (const volume of service.volumes ?? []) {
      const source = String(volume).split(':')[0];
      if (!source.startsWith('.') && !source.startsWith('/'))
        check(source in (compose.volumes ?? {}), `${file}: ${name} uses undeclared volume ${source}`);
    }
  }
  for (const [name, node] of nodes) {
    const env = node.environment ?? {};
    check(JSON.stringify(node.healthcheck?.test ?? '').includes('Leader'), `${file}: ${name} health check does not wait for a leader`);
    check(Number(env.KURRENTDB_MAX_APPEND_SIZE) > 1024 * 1024, `${file}: ${name} keeps the default 1 MiB append size`);
    check(env.KURRENTDB_CLUSTER_SIZE === '3', `${file}: ${name} cluster size is not 3`);
  }
  return services;
}

const cluster = load('compose.esdb-cluster.yml');
checkCommon('compose.esdb-cluster.yml', cluster);

const system = load('compose.yml');
const services = checkCommon('compose.yml', system);
const apps = Object.entries(services).filter(([, s]) => s.build);
const kinds = (role) => apps.filter(([, s]) => s.command?.includes(role)).map(([name]) => name);
check(kinds('registry-api').length === 2, 'compose.yml: expected two API nodes');
check(kinds('verify-portal').length === 2, 'compose.yml: expected two portal nodes');
// Each app's /data (its read models) is its own; only the API nodes' private-key store may be shared.
const seen = new Map();
for (const [name, s] of apps) {
  const mounts = (s.volumes ?? []).map((v) => String(v).split(':'));
  const data = mounts.filter(([, target]) => target === '/data');
  check(data.length === 1, `compose.yml: ${name} should mount exactly one volume at /data`);
  for (const [volume] of data) {
    check(!seen.has(volume), `compose.yml: ${name} shares its data volume ${volume} with ${seen.get(volume)}`);
    seen.set(volume, name);
  }
  for (const [volume, target] of mounts.filter(([, t]) => t !== '/data')) {
    check(
      (target === '/data/keys' && s.command.includes('registry-api')) || (target === '/shared' && s.command.includes('verify-portal')),
      `compose.yml: ${name} mounts ${volume} at ${target}; only API nodes share a key store at /data/keys, only portals /shared`,
    );
  }
}
// The portal nodes share one rate-limit store and one lookup log (issue 20 item 4): the same volume, the files on it.
const portalShared = new Set(
  kinds('verify-portal').flatMap((name) =>
    (services[name].volumes ?? [])
      .map((v) => String(v).split(':'))
      .filter(([, t]) => t === '/shared')
      .map(([v]) => v),
  ),
);
check(
  portalShared.size === 1,
  `compose.yml: the portal nodes should mount one shared volume at /shared, found ${[...portalShared].join(', ') || 'none'}`,
);
for (const name of kinds('verify-portal')) {
  const env = services[name].environment ?? {};
  check(env.SOGOC_PORTAL_RATE_LIMIT_STORE === 'shared', `compose.yml: ${name} does not use the shared rate limiter`);
  check(
    String(env.SOGOC_PORTAL_RATE_LIMIT_FILE ?? '').startsWith('/shared/'),
    `compose.yml: ${name} keeps its rate-limit buckets off the shared volume`,
  );
  check(
    String(env.SOGOC_PORTAL_LOOKUP_LOG_FILE ?? '').startsWith('/shared/'),
    `compose.yml: ${name} keeps its lookup log off the shared volume`,
  );
  check(
    env.SOGOC_PORTAL_TRUST_PROXY !== undefined,
    `compose.yml: ${name} behind the proxy must trust its X-Forwarded-For, or every client is the proxy`,
  );
}
for (const [name, s] of apps) {
  check(s.environment?.SOGOC_EVENT_STORE === 'esdb', `compose.yml: ${name} does not use the cluster`);
  check(Object.keys(s.depends_on ?? {}).length === 3, `compose.yml: ${name} does not wait for the three nodes`);
}
const caddyfile = readFileSync(join(__dirname, 'Caddyfile'), 'utf8');
const upstreams = [...caddyfile.matchAll(/reverse_proxy ([^{]+)\{/g)].flatMap((m) => m[1].trim().split(/\s+/));
check(upstreams.length === 4, `Caddyfile: expected 4 upstreams, found ${upstreams.length}`);
for (const upstream of upstreams) check(upstream.split(':')[0] in services, `Caddyfile: upstream ${upstream} is not a service`);
check(
  Object.values(services).some((s) => String(s.image).startsWith('caddy:')),
  'compose.yml: no proxy service',
);

if (problems.length > 0) {
  console.error(problems.map((p) => `✗ ${p}`).join('\n'));
  process.exit(1);
}
console.log(`✓ compose.yml (${Object.keys(services).length} services) and compose.esdb-cluster.yml are well-formed and consistent`);
