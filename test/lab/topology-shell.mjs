#!/usr/bin/env node
// Shell bridge for test/lab/topology.json (the lab's single source of truth).
//
//   node topology-shell.mjs env                 bash assignments for lab.sh (eval them)
//   node topology-shell.mjs services <host>     "proto port service" lines
//   node topology-shell.mjs shares <host>       "name access smbEncrypt [comment]" lines
//   node topology-shell.mjs render <host> <template> <out> [KEY=VALUE...]
//                                               fill @{PLACEHOLDER}s of a conf/ template
//                                               (host "-" = only LAB_* and KEY=VALUE)
//   node topology-shell.mjs keys <host>         list the placeholders render knows
//   node topology-shell.mjs nfs-exports <host>  "id path clients access" lines (hosts[].nfs.exports)
//   node topology-shell.mjs dnshosts            "ip name" lines (hosts[].dnsName) for the lab DNS
//   node topology-shell.mjs avahi-service <host> <out>
//                                               an avahi service-group file of hosts[].mdns.services
//   node topology-shell.mjs validate            sanity + OUI vendor check (needs oui-data)
//
// Placeholders: top-level scalars flattened as LAB_<PATH>, the host's own fields as
// HOST_<PATH> (nested keys joined with "_", upper-cased; e.g. HOST_SNMP_SYSDESCR,
// LAB_LABUSER_NAME), plus KEY=VALUE pairs given on the command line.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const topoPath = process.env.HALAB_TOPOLOGY || join(here, 'topology.json');
const topo = JSON.parse(readFileSync(topoPath, 'utf8'));

function die(msg) {
  process.stderr.write(`topology-shell: ${msg}\n`);
  process.exit(2);
}

function q(v) {
  return `'${String(v).replace(/'/g, `'\\''`)}'`;
}

function ipToInt(ip) {
  const p = ip.split('.').map(Number);
  if (p.length !== 4 || p.some((n) => !Number.isInteger(n) || n < 0 || n > 255)) die(`bad IPv4 ${ip}`);
  return ((p[0] << 24) >>> 0) + (p[1] << 16) + (p[2] << 8) + p[3];
}

function structuralCheck() {
  const [net, len] = topo.subnet.split('/');
  const plen = Number(len);
  if (plen !== topo.prefixLength) die(`subnet ${topo.subnet} disagrees with prefixLength ${topo.prefixLength}`);
  const mask = plen === 0 ? 0 : (0xffffffff << (32 - plen)) >>> 0;
  const netInt = ipToInt(net);
  if (topo.bridgeNamespace !== `${topo.prefix}-sw`) die(`bridgeNamespace must be ${topo.prefix}-sw`);
  const seen = { name: new Set(), ip: new Set(), mac: new Set() };
  for (const h of topo.hosts) {
    if (!/^[a-z][a-z0-9]{0,9}$/.test(h.name)) die(`host name ${h.name} must match [a-z][a-z0-9]{0,9}`);
    if (h.namespace !== `${topo.prefix}-${h.name}`) die(`host ${h.name}: namespace must be ${topo.prefix}-${h.name}`);
    if (((ipToInt(h.ip) & mask) >>> 0) !== netInt) die(`host ${h.name}: ${h.ip} not in ${topo.subnet}`);
    if (!/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(h.mac)) die(`host ${h.name}: mac ${h.mac} must be lower-case aa:bb:cc:dd:ee:ff`);
    if (parseInt(h.mac.slice(0, 2), 16) & 1) die(`host ${h.name}: mac ${h.mac} is multicast`);
    for (const k of ['name', 'ip', 'mac']) {
      if (seen[k].has(h[k])) die(`duplicate ${k} ${h[k]}`);
      seen[k].add(h[k]);
    }
    for (const s of h.services) {
      if (!['tcp', 'udp'].includes(s.protocol) || !Number.isInteger(s.port)) die(`host ${h.name}: bad service ${JSON.stringify(s)}`);
    }
  }
  const gw = topo.hosts.find((h) => h.ip === topo.gateway);
  if (!gw || gw.role !== 'router') die(`gateway ${topo.gateway} must be the router host`);
}

// hosts[].nfs.exports as "id path clients access" lines, checked (they end up in ganesha.conf).
function nfsExports(h) {
  return (h.nfs?.exports ?? []).map((e) => {
    if (!Number.isInteger(e.id) || !/^\/[A-Za-z0-9/_-]+$/.test(e.path) || !/^[0-9A-Za-z.*\/:@-]+$/.test(e.clients) || !['RO', 'RW'].includes(e.access)) die(`host ${h.name}: bad nfs export ${JSON.stringify(e)}`);
    return `${e.id} ${e.path} ${e.clients} ${e.access}`;
  });
}

function host(name) {
  if (name === '-') return {};
  const h = topo.hosts.find((x) => x.name === name || x.namespace === name);
  if (!h) die(`unknown host ${name}`);
  return h;
}

function flatten(obj, prefix, out) {
  for (const [k, v] of Object.entries(obj)) {
    const key = `${prefix}_${k.toUpperCase()}`;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) flatten(v, key, out);
    else if (Array.isArray(v)) {
      if (v.every((x) => typeof x !== 'object')) out[key] = v.join(' ');
    } else out[key] = String(v);
  }
  return out;
}

function placeholders(h) {
  const top = { ...topo };
  delete top.hosts;
  const vars = flatten(top, 'LAB', {});
  flatten(h, 'HOST', vars);
  return vars;
}

structuralCheck();
const [cmd, ...args] = process.argv.slice(2);

switch (cmd) {
  case 'env': {
    const L = [];
    L.push(`LAB_PREFIX=${q(topo.prefix)}`);
    L.push(`LAB_SW_NS=${q(topo.bridgeNamespace)}`);
    L.push(`LAB_BRIDGE=${q(topo.bridge || 'br0')}`);
    L.push(`LAB_SUBNET=${q(topo.subnet)}`);
    L.push(`LAB_PREFIXLEN=${q(topo.prefixLength)}`);
    L.push(`LAB_GW=${q(topo.gateway)}`);
    L.push(`LAB_DNS=${q(topo.dns || topo.gateway)}`);
    L.push(`LAB_AUDIT_HOST=${q(topo.auditHost)}`);
    L.push(`LAB_USER=${q(topo.labUser.name)}`);
    L.push(`LAB_PASS=${q(topo.labUser.password)}`);
    L.push(`LAB_UID=${q(topo.labUser.uid)}`);
    L.push(`LAB_GID=${q(topo.labUser.gid)}`);
    L.push(`LAB_HOSTS=${q(topo.hosts.map((h) => h.name).join(' '))}`);
    const arr = (name, fn) =>
      L.push(`declare -gA ${name}=(${topo.hosts.map((h) => `[${h.name}]=${q(fn(h))}`).join(' ')})`);
    arr('HOST_NS', (h) => h.namespace);
    arr('HOST_IP', (h) => h.ip);
    arr('HOST_MAC', (h) => h.mac);
    arr('HOST_ROLE', (h) => h.role);
    arr('HOST_DAEMONS', (h) => (h.daemons || []).join(' '));
    arr('HOST_TCP', (h) => h.services.filter((s) => s.protocol === 'tcp').map((s) => s.port).join(' '));
    arr('HOST_UDP', (h) => h.services.filter((s) => s.protocol === 'udp').map((s) => s.port).join(' '));
    arr('HOST_WAN_IF', (h) => h.wan?.interface ?? '');
    arr('HOST_WAN_ADDR', (h) => h.wan?.address ?? '');
    arr('HOST_HTTP_PORT', (h) => h.http?.port ?? '');
    arr('HOST_HTTPS_PORT', (h) => h.https?.port ?? '');
    arr('HOST_HTTPS_SUBJECT', (h) => h.https?.subject ?? '');
    arr('HOST_HTTP_ADMIN_PORT', (h) => h.http?.adminPort ?? '');
    arr('HOST_HTTP_ADMIN_REALM', (h) => h.http?.adminRealm ?? '');
    arr('HOST_HTTP_ADMIN_USER', (h) => h.http?.adminUser ?? '');
    arr('HOST_HTTP_ADMIN_PASSWORD', (h) => h.http?.adminPassword ?? '');
    arr('HOST_SNMP_COMMUNITY', (h) => h.snmp?.community ?? '');
    arr('HOST_UPNP_URL', (h) => h.upnp?.descriptionUrl ?? '');
    arr('HOST_DNS_NAME', (h) => h.dnsName ?? '');
    arr('HOST_NETBIOS_NAME', (h) => h.smb?.netbiosName ?? '');
    arr('HOST_MDNS_HOSTNAME', (h) => h.mdns?.hostName ?? '');
    arr('HOST_NFS_MOUNT_PORT', (h) => h.nfs?.mountPort ?? '');
    arr('HOST_NFS_EXPORTS', (h) => nfsExports(h).join('\n'));
    arr('HOST_HOSTILE', (h) => (h.hostile || []).join(' '));
    process.stdout.write(L.join('\n') + '\n');
    break;
  }
  case 'services':
    for (const s of host(args[0]).services) console.log(`${s.protocol} ${s.port} ${s.service}`);
    break;
  case 'shares':
    for (const s of host(args[0]).smb?.shares ?? []) console.log(`${s.name} ${s.access} ${s.smbEncrypt ?? 'default'} ${s.comment ?? ''}`.trimEnd());
    break;
  case 'nfs-exports':
    for (const line of nfsExports(host(args[0]))) console.log(line);
    break;
  case 'dnshosts':
    for (const h of topo.hosts) if (h.dnsName) console.log(`${h.ip} ${h.dnsName}`);
    break;
  case 'avahi-service': {
    const [name, out] = args;
    if (!out) die('usage: avahi-service <host> <out>');
    const h = host(name);
    const x = (v) => String(v).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    const groups = new Map();
    for (const svc of h.mdns?.services ?? []) {
      if (!/^_[a-z0-9-]+\._(tcp|udp)$/.test(svc.type) || !Number.isInteger(svc.port)) die(`host ${h.name}: bad mdns service ${JSON.stringify(svc)}`);
      if (!groups.has(svc.name)) groups.set(svc.name, []);
      groups.get(svc.name).push(svc);
    }
    if (groups.size > 1) die(`host ${h.name}: one service name per host (avahi: one service-group per file)`);
    if (groups.size === 0) break; // no static service: no file
    const lines = ['<?xml version="1.0" standalone="no"?>', '<!DOCTYPE service-group SYSTEM "avahi-service.dtd">', '<!-- rendered by topology-shell.mjs from topology.json -->', '<service-group>'];
    for (const [groupName, svcs] of groups) {
      lines.push(`  <name>${x(groupName)}</name>`);
      for (const svc of svcs) {
        lines.push('  <service>', `    <type>${x(svc.type)}</type>`, `    <port>${svc.port}</port>`);
        for (const t of svc.txt ?? []) lines.push(`    <txt-record>${x(t)}</txt-record>`);
        lines.push('  </service>');
      }
    }
    lines.push('</service-group>', '');
    writeFileSync(out, lines.join('\n'));
    break;
  }
  case 'keys': {
    const vars = placeholders(host(args[0]));
    for (const [k, v] of Object.entries(vars)) console.log(`${k}=${v}`);
    break;
  }
  case 'render': {
    const [name, tpl, out, ...kv] = args;
    if (!out) die('usage: render <host> <template> <out> [KEY=VALUE...]');
    const vars = placeholders(host(name));
    for (const pair of kv) {
      const i = pair.indexOf('=');
      if (i < 1) die(`bad KEY=VALUE ${pair}`);
      vars[pair.slice(0, i)] = pair.slice(i + 1);
    }
    const missing = new Set();
    const text = readFileSync(tpl, 'utf8').replace(/@\{([A-Z0-9_]+)\}/g, (m, k) => {
      if (!(k in vars)) missing.add(k);
      return vars[k] ?? m;
    });
    if (missing.size) die(`${tpl}: unknown placeholder(s) ${[...missing].join(', ')}`);
    writeFileSync(out, text);
    break;
  }
  case 'validate': {
    let oui;
    try {
      oui = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('oui-data'), 'utf8'));
    } catch {
      console.log('validate: oui-data not installed (run npm ci); structure OK, vendors not checked');
      break;
    }
    let bad = 0;
    for (const h of topo.hosts) {
      const key = h.mac.replace(/:/g, '').slice(0, 6).toUpperCase();
      const first = (oui[key] ?? '').split('\n')[0];
      // Longer (MA-M / MA-S) registrations under the same OUI would override the 24-bit one.
      const longer = Object.keys(oui).filter((k) => k.length > 6 && h.mac.replace(/:/g, '').toUpperCase().startsWith(k));
      if (first !== h.vendor || longer.length) {
        bad++;
        console.log(`MISMATCH ${h.name} ${h.mac}: topology says ${JSON.stringify(h.vendor)}, oui-data ${key} says ${JSON.stringify(first)}${longer.length ? `, longer prefixes ${longer}` : ''}`);
      } else console.log(`ok ${h.name} ${h.mac} ${key} ${JSON.stringify(first)}`);
    }
    if (bad) process.exit(1);
    break;
  }
  default:
    die(`unknown command ${cmd ?? '(none)'}; see the header of this file`);
}
