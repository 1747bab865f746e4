#!/usr/bin/env node
// `npm run validate:manifests` (a CI step): renders the Kubernetes manifests and checks every rendered object.
//
// 1. Renders deploy/k8s/base and every deploy/k8s/overlays/<name> with `kubectl kustomize`. kubectl is $KUBECTL,
//    else the one on PATH, else Debian's package kubernetes-client, installed here with apt-get (CI runs as root).
//    Debian's kubectl 1.20 embeds kustomize v2.0.3: the kustomizations keep to what that version reads.
// 2. Validates each object against the Kubernetes JSON schemas of its apiVersion and kind (package
//    kubernetes-models, validated by @kubernetes-models/validate): types, required fields, enums, formats.
//    An apiVersion/kind without a schema there is an error.
// 3. Rejects fields the schemas do not know (a misspelt `readinessProbe` passes JSON-schema validation, since
//    Kubernetes' schemas allow extra properties): TypeScript type-checks the objects against kubernetes-models'
//    interfaces, and its excess-property check reports unknown fields at any depth.
// 4. Our own rules: every object has a name, no object appears twice; no two services share a PostgreSQL schema
//    (READ_MODEL_SCHEMA, and EVENT_STORE_SCHEMA with EVENT_STORE=postgres); the production overlays (overlays/prod,
//    overlays/prod-*) hold no Secret (their secrets are managed outside the repository) and give Kafka topics 3 or
//    more replicas with KAFKA_MIN_INSYNC_REPLICAS from 2 to one less than that.
//    A process (a container with ROLES) of a service whose events hold personal data (its service definition,
//    libs/*/service/src/*.service-definition.ts, declares `personalData`) on a server event store gets
//    PERSONAL_DATA_MASTER_KEY from a Secret: from the overlay's own Secret when the overlay generates it, else
//    (an externally managed Secret, production) the comment of overlays/<overlay>/<service>/kustomization.yaml
//    that lists the Secret's keys names it. Without it the process exits 1 at start (ADR 0016).
//    A PodDisruptionBudget over pods whose readiness needs an outside server (every process: the event store and
//    the read-model database, and Kafka for a relay or consumer) sets `unhealthyPodEvictionPolicy: AlwaysAllow`:
//    otherwise, while that server is down, no pod is ready, none may be evicted, and node drains hang.
// 5. Security (五(三)3 "采取有效的安全防護措施，如防火牆、加密技術、訪問控制等"): every workload's pods run as the
//    image's non-root user (deploy/Dockerfile's USER), with a read-only root filesystem (and a writable volume at
//    /tmp and at DATA_DIR), no privilege escalation, no capability and the RuntimeDefault seccomp profile; every
//    namespace holding a workload is declared with Pod Security Admission labels (`restricted` enforced in the
//    production overlays, warned about and audited everywhere) and has a default-deny NetworkPolicy. Behind it, a
//    process (a container with ROLES) must be let out to what its settings name: its Kafka brokers' ports when it
//    runs a relay or consumer, its OIDC issuer's (and key set's) port.
//
// Exits 1, naming the kustomization, the object and the problem, when anything fails; otherwise prints a summary.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const k8s = join(root, 'deploy', 'k8s');
const require = createRequire(import.meta.url);
const DEBIAN_PACKAGE = 'kubernetes-client';
// Deprecations kubectl ≥ 1.21 reports for the kustomize v2.0.3 syntax kept on purpose (see deploy/README.md).
const KNOWN_DEPRECATION = /^# Warning: '(bases|patchesStrategicMerge)' is deprecated\./;

function fail(message) {
  console.error(`validate-manifests: ${message}`);
  process.exit(1);
}

function run(command, args, options = {}) {
  return spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
}

/** The kubectl to use; installs Debian's when there is none. */
function kubectl() {
  if (process.env.KUBECTL) return process.env.KUBECTL;
  if (!run('kubectl', ['version', '--client']).error) return 'kubectl';
  if (process.platform !== 'linux' || process.getuid?.() !== 0 || run('apt-get', ['--version']).error) {
    fail(`kubectl is not installed. Install it (on Debian: apt-get install ${DEBIAN_PACKAGE}) or set KUBECTL to its path.`);
  }
  console.log(`validate-manifests: kubectl is missing; installing Debian's ${DEBIAN_PACKAGE}…`);
  const install = () =>
    run('apt-get', ['install', '-y', '--no-install-recommends', DEBIAN_PACKAGE], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status === 0;
  if (!install()) {
    // A fresh machine may have no package lists yet.
    run('apt-get', ['update'], { stdio: 'inherit' });
    if (!install()) fail(`apt-get install ${DEBIAN_PACKAGE} failed`);
  }
  return 'kubectl';
}

function describeKubectl(bin) {
  const result = run(bin, ['version', '--client', '-o', 'json']);
  try {
    const info = JSON.parse(result.stdout);
    return `kubectl ${info.clientVersion?.gitVersion ?? '?'}${info.kustomizeVersion ? ` (kustomize ${info.kustomizeVersion})` : ''}`;
  } catch {
    return `kubectl (${result.stdout.trim().split('\n')[0] || 'version unknown'})`;
  }
}

/** deploy/k8s/base and each deploy/k8s/overlays/<name> that has a kustomization. */
function kustomizations() {
  const overlays = join(k8s, 'overlays');
  const dirs = [join(k8s, 'base')];
  if (existsSync(overlays)) {
    for (const entry of readdirSync(overlays, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.isDirectory()) dirs.push(join(overlays, entry.name));
    }
  }
  const found = dirs.filter((dir) => ['kustomization.yaml', 'kustomization.yml', 'Kustomization'].some((f) => existsSync(join(dir, f))));
  if (found.length < 2) fail(`expected deploy/k8s/base and at least one overlay with a kustomization.yaml, found: ${found.map((d) => relative(k8s, d)).join(', ') || 'none'}`);
  return found;
}

function render(bin, dir) {
  const result = run(bin, ['kustomize', dir]);
  if (result.error) fail(`could not run ${bin}: ${result.error.message}`);
  const stderr = result.stderr
    .split('\n')
    .filter((line) => line.trim() && !KNOWN_DEPRECATION.test(line))
    .join('\n');
  if (result.status !== 0) fail(`kubectl kustomize ${relative(root, dir)} failed:\n${stderr || result.stdout}`);
  if (stderr) console.warn(`validate-manifests: kubectl kustomize ${relative(root, dir)} warned:\n${stderr}`);
  const objects = [];
  for (const doc of parseAllDocuments(result.stdout)) {
    if (doc.errors.length) fail(`${relative(root, dir)}: kubectl produced YAML that does not parse: ${doc.errors[0].message}`);
    const object = doc.toJS();
    if (object !== null && object !== undefined) objects.push(object);
  }
  if (objects.length === 0) fail(`${relative(root, dir)} renders no object`);
  return objects;
}

const label = (o) => `${o?.kind ?? '<no kind>'}/${o?.metadata?.name ?? '<no name>'}`;

/** kubernetes-models' module for an apiVersion and kind: `kubernetes-models/apps/v1/Deployment`, `…/v1/Service`. */
const modelPath = (o) => `kubernetes-models/${o.apiVersion}/${o.kind}`;

async function schemaErrors(object) {
  if (typeof object.apiVersion !== 'string' || typeof object.kind !== 'string' || !/^[A-Za-z0-9./-]+$/.test(object.apiVersion + object.kind)) {
    return ['apiVersion and kind must be strings'];
  }
  let model;
  try {
    model = (await import(modelPath(object)))[object.kind];
  } catch {
    model = undefined;
  }
  if (typeof model !== 'function') return [`no Kubernetes schema for apiVersion ${object.apiVersion}, kind ${object.kind}`];
  try {
    new model(withUnwrappedSecretData(object)).validate();
    return [];
  } catch (error) {
    const details = Array.isArray(error.errors)
      ? error.errors.map((e) => `${e.instancePath || '/'} ${e.message}${e.params?.allowedValues ? `: ${e.params.allowedValues.join(', ')}` : ''}`)
      : [error.message];
    return details;
  }
}

/**
 * kustomize wraps long base64 values of a Secret's `data` over several lines. Kubernetes decodes them with Go's
 * base64 decoder, which skips line breaks; the schema's "byte" format does not, so they are removed first.
 */
function withUnwrappedSecretData(object) {
  if (object.kind !== 'Secret' || object.apiVersion !== 'v1' || !object.data || typeof object.data !== 'object') return object;
  const data = Object.fromEntries(Object.entries(object.data).map(([k, v]) => [k, typeof v === 'string' ? v.replace(/[\r\n]/g, '') : v]));
  return { ...object, data };
}

/**
 * Unknown fields, found by TypeScript: each object becomes `const oN: IKind = <the object>;` in a file that exists
 * only in memory, beside the workspace's node_modules. Returns the problems per object index.
 */
function unknownFieldErrors(objects) {
  const ts = require('typescript');
  const file = join(k8s, '__rendered_manifests__.ts');
  const lines = [];
  const starts = [];
  objects.forEach((object, i) => {
    lines.push(`import type { I${object.kind} as T${i} } from '${modelPath(object)}';`);
  });
  objects.forEach((object, i) => {
    starts[i] = lines.length;
    lines.push(...`export const o${i}: T${i} = ${JSON.stringify(object, null, 2)};`.split('\n'));
  });
  const source = lines.join('\n');
  const options = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, version, ...rest) =>
    name === file ? ts.createSourceFile(name, source, version) : getSourceFile.call(host, name, version, ...rest);
  host.fileExists = (name) => name === file || fileExists.call(host, name);
  host.readFile = (name) => (name === file ? source : readFile.call(host, name));
  const program = ts.createProgram([file], options, host);
  const problems = new Map();
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n  ');
    if (d.file?.fileName !== file || d.start === undefined) {
      problems.set(-1, [...(problems.get(-1) ?? []), message]);
      continue;
    }
    const line = d.file.getLineAndCharacterOfPosition(d.start).line;
    let index = starts.findLastIndex((start) => start <= line);
    if (index < 0) index = -1; // an import: an apiVersion/kind without model, reported by the schema check already
    const text = lines[line].trim();
    problems.set(index, [...(problems.get(index) ?? []), `${message}${index >= 0 ? ` (at \`${text}\`)` : ''}`]);
  }
  return problems;
}

/** overlays/prod and the overlays built on it (overlays/prod-postgres). */
const isProduction = (name) => /^overlays\/prod(-|$)/.test(name);

/** A service's settings: the data of its generated ConfigMap `<service>-config`. */
const isServiceConfig = (o) => o.kind === 'ConfigMap' && /-config(-[a-z0-9]+)?$/.test(o.metadata?.name ?? '') && o.data;

function ownRuleErrors(name, objects, imageUser) {
  const problems = objects.map(() => []);
  const seen = new Map();
  const schemas = new Map();
  objects.forEach((o, i) => {
    if (!o.metadata?.name) problems[i].push('metadata.name is missing');
    const key = `${o.apiVersion}|${o.kind}|${o.metadata?.namespace ?? ''}|${o.metadata?.name}`;
    if (seen.has(key)) problems[i].push(`appears twice in the rendered output`);
    seen.set(key, i);
    if (isProduction(name) && o.kind === 'Secret') {
      problems[i].push('a production overlay must not contain a Secret: reference an externally managed one');
    }
    if (isServiceConfig(o)) {
      problems[i].push(...sharedSchemaErrors(o, schemas));
      if (isProduction(name)) problems[i].push(...replicationErrors(o.data));
    }
    if (podSpecOf(o)) {
      problems[i].push(...podSecurityErrors(o, objects, imageUser), ...egressErrors(o, objects), ...masterKeyErrors(name, o, objects));
    }
    if (o.kind === 'PodDisruptionBudget') problems[i].push(...disruptionBudgetErrors(o, objects));
  });
  for (const [index, messages] of namespaceErrors(name, objects)) problems[index].push(...messages);
  return problems;
}

/** The uid and gid the image runs as: the last USER of deploy/Dockerfile (the runtime stage's), numeric. */
function imageUser() {
  const dockerfile = join(root, 'deploy', 'Dockerfile');
  const users = [...readFileSync(dockerfile, 'utf8').matchAll(/^USER\s+(\S+)\s*$/gm)].map((m) => m[1]);
  const match = /^(\d+):(\d+)$/.exec(users.at(-1) ?? '');
  if (!match) fail(`${relative(root, dockerfile)} must end with USER <uid>:<gid>, both numeric and not 0, found ${users.at(-1) ?? 'none'}`);
  const [uid, gid] = [Number(match[1]), Number(match[2])];
  if (uid === 0 || gid === 0) fail(`${relative(root, dockerfile)} runs as root (USER ${users.at(-1)})`);
  return { uid, gid };
}

/** The pod template of a workload (the pod's spec for a Pod); undefined for any other kind. */
function podSpecOf(o) {
  switch (o.kind) {
    case 'Pod':
      return o.spec;
    case 'CronJob':
      return o.spec?.jobTemplate?.spec?.template?.spec;
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'Job':
      return o.spec?.template?.spec;
    default:
      return undefined;
  }
}

/**
 * What Pod Security `restricted` requires, and more: each container's effective settings (its own securityContext
 * over the pod's) run it as the image's user, read-only, unprivileged, without capabilities, under RuntimeDefault
 * seccomp; the paths the services write (/tmp, DATA_DIR) are volumes.
 */
function podSecurityErrors(workload, objects, image) {
  const pod = podSpecOf(workload);
  const problems = [];
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) if (pod[field]) problems.push(`${field} must not be set`);
  const volumes = new Map((pod.volumes ?? []).map((v) => [v.name, v]));
  for (const container of [...(pod.initContainers ?? []), ...(pod.containers ?? [])]) {
    const context = { ...pod.securityContext, ...container.securityContext };
    const wrong = [];
    if (context.runAsNonRoot !== true) wrong.push('runAsNonRoot must be true');
    if (context.runAsUser !== image.uid) wrong.push(`runAsUser must be ${image.uid}, the image's user (deploy/Dockerfile), not ${context.runAsUser ?? 'unset'}`);
    if (context.runAsGroup !== image.gid) wrong.push(`runAsGroup must be ${image.gid}, the image's group (deploy/Dockerfile), not ${context.runAsGroup ?? 'unset'}`);
    if (context.seccompProfile?.type !== 'RuntimeDefault') wrong.push('seccompProfile.type must be RuntimeDefault');
    if (context.allowPrivilegeEscalation !== false) wrong.push('allowPrivilegeEscalation must be false');
    if (context.privileged) wrong.push('privileged must not be set');
    if (context.readOnlyRootFilesystem !== true) wrong.push('readOnlyRootFilesystem must be true');
    if (!context.capabilities?.drop?.includes('ALL')) wrong.push('capabilities.drop must be ["ALL"]');
    if (context.capabilities?.add?.length) wrong.push(`capabilities.add must be empty, not ${context.capabilities.add.join(', ')}`);
    const dataDir = settingOf(container, 'DATA_DIR', objects, workload.metadata?.namespace);
    for (const path of ['/tmp', ...(dataDir ? [dataDir] : [])]) {
      const mount = (container.volumeMounts ?? []).find((m) => m.mountPath === path);
      const volume = mount && volumes.get(mount.name);
      if (!mount || mount.readOnly || !volume || volume.configMap || volume.secret || volume.projected || volume.downwardAPI) {
        wrong.push(`${path}${path === dataDir ? ' (DATA_DIR)' : ''} must be a writable volume (an emptyDir): the root filesystem is read-only`);
      }
    }
    problems.push(...wrong.map((message) => `container ${container.name}: ${message}`));
  }
  return problems;
}

/** A container's environment variable: its own `env` value, else the last ConfigMap of its `envFrom` that has it. */
function settingOf(container, variable, objects, namespace) {
  const own = (container.env ?? []).find((e) => e.name === variable);
  if (own) return own.value;
  let value;
  for (const source of container.envFrom ?? []) {
    const config = objects.find(
      (o) => o.kind === 'ConfigMap' && o.metadata?.name === source.configMapRef?.name && o.metadata?.namespace === namespace,
    );
    if (config?.data?.[variable] !== undefined) value = config.data[variable];
  }
  return value;
}

/**
 * The services whose events hold personal data (ADR 0016), by name: those whose service definition declares
 * `personalData`. A process of one of them opens the master key at start (libs/platform/nest/src/personal-data-keys.ts)
 * and, on a server event store, exits 1 without PERSONAL_DATA_MASTER_KEY. Read once from the TypeScript sources:
 * `export const x: ServiceDefinition = { name: '…', …, personalData: … }`.
 */
let serviceDefinitions;
function personalDataServices() {
  if (serviceDefinitions) return serviceDefinitions;
  const ts = require('typescript');
  const libs = join(root, 'libs');
  const all = new Set();
  const personal = new Set();
  for (const lib of readdirSync(libs, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    const dir = join(libs, lib.name, 'service', 'src');
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.service-definition.ts'))) {
      const source = ts.createSourceFile(file, readFileSync(join(dir, file), 'utf8'), ts.ScriptTarget.ES2022);
      const visit = (node) => {
        if (ts.isVariableDeclaration(node) && node.type?.getText(source) === 'ServiceDefinition' && node.initializer && ts.isObjectLiteralExpression(node.initializer)) {
          const property = (key) => node.initializer.properties.find((p) => ts.isPropertyAssignment(p) && p.name.getText(source) === key);
          const name = property('name')?.initializer;
          if (name && ts.isStringLiteral(name)) {
            all.add(name.text);
            if (property('personalData')) personal.add(name.text);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
  }
  if (all.size === 0) fail('found no service definition (libs/*/service/src/*.service-definition.ts) to tell which services keep personal data');
  serviceDefinitions = { all, personal };
  return serviceDefinitions;
}

/** The server event stores, with which a process needs PERSONAL_DATA_MASTER_KEY (SQLite keeps a key file, memory needs none). */
const SERVER_EVENT_STORES = ['postgres', 'eventstoredb'];
const MASTER_KEY = 'PERSONAL_DATA_MASTER_KEY';

/**
 * A process of a service that keeps personal data gets PERSONAL_DATA_MASTER_KEY from a Secret. A Secret the overlay
 * renders is looked into; one managed outside the repository (production) cannot be, so the keys the overlay's
 * comment lists for it must name the master key (what operators create the Secret from).
 */
function masterKeyErrors(overlay, workload, objects) {
  const namespace = workload.metadata?.namespace;
  const service = podTemplateLabels(workload)['app.kubernetes.io/name'];
  const problems = [];
  for (const container of podSpecOf(workload).containers ?? []) {
    const setting = (variable) => settingOf(container, variable, objects, namespace);
    if (setting('ROLES') === undefined) continue; // the migration Job: migrations never open the master key
    const { all, personal } = personalDataServices();
    if (!all.has(service)) {
      problems.push(`container ${container.name}: label app.kubernetes.io/name=${service ?? '(unset)'} names no service definition (libs/*/service/src/*.service-definition.ts): cannot tell whether it needs ${MASTER_KEY}`);
      continue;
    }
    if (!personal.has(service) || !SERVER_EVENT_STORES.includes(setting('EVENT_STORE') ?? 'sqlite')) continue;
    const secret = (name) => objects.find((o) => o.kind === 'Secret' && o.metadata?.name === name && o.metadata?.namespace === namespace);
    const carries = (s) => Object.hasOwn(s.data ?? {}, MASTER_KEY) || Object.hasOwn(s.stringData ?? {}, MASTER_KEY);
    const own = (container.env ?? []).find((e) => e.name === MASTER_KEY);
    // Where the variable comes from: its own env entry (a Secret's key, or a literal), else the sources of envFrom.
    const sources = own
      ? [own.valueFrom?.secretKeyRef ? { secret: own.valueFrom.secretKeyRef.name, key: own.valueFrom.secretKeyRef.key } : { literal: true }]
      : (container.envFrom ?? []).filter((s) => s.secretRef).map((s) => ({ secret: s.secretRef.name }));
    if (sources.some((s) => s.literal)) {
      problems.push(`container ${container.name}: ${MASTER_KEY} must come from a Secret, not a value in the manifest`);
      continue;
    }
    const rendered = sources.map((s) => ({ ...s, object: secret(s.secret) }));
    const found = rendered.some(({ object, key }) => object && (key ? Object.hasOwn({ ...object.data, ...object.stringData }, key) : carries(object)));
    if (found) continue;
    const external = rendered.filter((s) => !s.object).map((s) => s.secret);
    if (!rendered.length) {
      problems.push(`container ${container.name}: service ${service} keeps personal data and needs ${MASTER_KEY} with EVENT_STORE=${setting('EVENT_STORE')}, but takes no Secret`);
    } else if (!external.length) {
      problems.push(`container ${container.name}: service ${service} keeps personal data and needs ${MASTER_KEY} with EVENT_STORE=${setting('EVENT_STORE')}: no Secret it takes (${rendered.map((s) => s.secret).join(', ')}) carries it (ADR 0016)`);
    } else if (isProduction(overlay)) {
      const file = join(k8s, overlay, service, 'kustomization.yaml');
      if (existsSync(file) && !new RegExp(`^#.*\\b${MASTER_KEY}\\b`, 'm').test(readFileSync(file, 'utf8'))) {
        problems.push(`container ${container.name}: service ${service} needs ${MASTER_KEY} in its externally managed Secret ${external.join(', ')}: list it among the Secret's keys in the comment of ${relative(root, file)}`);
      }
    }
  }
  return problems;
}

/**
 * Every process's readiness needs outside servers (the event store and the read-model database; Kafka for a relay
 * or consumer). While one is down every pod is unready, and a budget that only evicts unready pods when enough are
 * ready (`IfHealthyBudget`, the default) lets none go: a node drain waits for the outage. `AlwaysAllow` (Kubernetes
 * 1.27 and later) evicts unready pods whatever the budget.
 */
function disruptionBudgetErrors(budget, objects) {
  const namespace = budget.metadata?.namespace;
  const guarded = objects.filter(
    (o) =>
      podSpecOf(o) &&
      o.kind !== 'Job' &&
      o.kind !== 'CronJob' &&
      o.metadata?.namespace === namespace &&
      budget.spec?.selector && // a budget without a selector selects no pod
      selects(budget.spec.selector, podTemplateLabels(o)) &&
      (podSpecOf(o).containers ?? []).some((c) => c.readinessProbe && settingOf(c, 'ROLES', objects, namespace) !== undefined),
  );
  if (!guarded.length || budget.spec?.unhealthyPodEvictionPolicy === 'AlwaysAllow') return [];
  return [
    `unhealthyPodEvictionPolicy must be AlwaysAllow, not ${budget.spec?.unhealthyPodEvictionPolicy ?? 'unset (IfHealthyBudget)'}: ` +
      `the readiness of ${guarded.map(label).join(', ')} needs outside servers, and while one is down no pod could be evicted (node drains hang)`,
  ];
}

/**
 * Default-deny makes a wrong port fail silently at run time: each destination a process's settings name must be
 * open to its pods by a NetworkPolicy of its namespace. Only ports are compared: the manifests do not know the
 * destinations' addresses, and the policies open the ports to any (docs/operations.md, "Network policies").
 */
function egressErrors(workload, objects) {
  const namespace = workload.metadata?.namespace;
  const labels = podTemplateLabels(workload);
  const policies = objects.filter((o) => o.kind === 'NetworkPolicy' && o.metadata?.namespace === namespace);
  const problems = [];
  for (const container of podSpecOf(workload).containers ?? []) {
    for (const { port, what } of egressNeeds(container, objects, namespace)) {
      if (!policies.some((policy) => allowsEgress(policy, labels, port))) {
        problems.push(`container ${container.name}: no NetworkPolicy lets its pods out to port ${port}/TCP (${what})`);
      }
    }
  }
  return problems;
}

const podTemplateLabels = (o) =>
  (o.kind === 'Pod' ? o.metadata : o.kind === 'CronJob' ? o.spec?.jobTemplate?.spec?.template?.metadata : o.spec?.template?.metadata)?.labels ?? {};

/** The ports a process connects to by its settings; none for a container without ROLES (the migration Job's). */
function egressNeeds(container, objects, namespace) {
  const setting = (variable) => settingOf(container, variable, objects, namespace);
  const roles = setting('ROLES')?.split(',').map((r) => r.trim());
  if (!roles) return [];
  const needs = [];
  if (setting('MESSAGE_BUS') === 'kafka' && roles.some((r) => r === 'relay' || r === 'consumer')) {
    for (const broker of (setting('KAFKA_BROKERS') ?? '').split(',').map((b) => b.trim()).filter(Boolean)) {
      needs.push({ port: Number(/:(\d+)$/.exec(broker)?.[1] ?? 9092), what: `the Kafka broker ${broker}, KAFKA_BROKERS` });
    }
  }
  for (const variable of ['OIDC_ISSUER', 'OIDC_JWKS_URL']) {
    const url = URL.parse(setting(variable) ?? '');
    if (url) needs.push({ port: Number(url.port || (url.protocol === 'http:' ? 80 : 443)), what: `${url.href}, ${variable}` });
  }
  return needs;
}

/** Whether a NetworkPolicy lets pods with these labels out to a TCP port (to any destination its rule names). */
function allowsEgress(policy, labels, port) {
  if (!policy.spec?.policyTypes?.includes('Egress') || !selects(policy.spec.podSelector, labels)) return false;
  return (policy.spec.egress ?? []).some(
    (rule) =>
      !rule.ports?.length ||
      rule.ports.some((p) => (p.protocol ?? 'TCP') === 'TCP' && typeof p.port === 'number' && p.port <= port && port <= (p.endPort ?? p.port)),
  );
}

/** A label selector's verdict on a set of labels (an empty selector selects everything). */
function selects(selector = {}, labels) {
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  const byExpression = (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
    switch (operator) {
      case 'In':
        return key in labels && values.includes(labels[key]);
      case 'NotIn':
        return !(key in labels) || !values.includes(labels[key]);
      case 'Exists':
        return key in labels;
      default:
        return !(key in labels); // DoesNotExist
    }
  });
  return byLabel && byExpression;
}

const POD_SECURITY_MODES = ['enforce', 'audit', 'warn'];

/**
 * Every namespace that holds a workload, and every Namespace rendered, denies all traffic by default (its own
 * policies open the flows); an overlay declares its namespace with Pod Security Admission labels. Problems go to
 * the Namespace object, else to the namespace's first workload.
 */
function namespaceErrors(name, objects) {
  const namespaces = new Map();
  const entry = (namespace) => namespaces.get(namespace) ?? namespaces.set(namespace, {}).get(namespace);
  objects.forEach((o, i) => {
    if (o.kind === 'Namespace') entry(o.metadata?.name ?? '').declared = i;
    else if (podSpecOf(o)) entry(o.metadata?.namespace ?? '').workload ??= i;
  });
  const problems = new Map();
  for (const [namespace, { declared, workload }] of namespaces) {
    const messages = [];
    const shown = namespace || '(none)';
    if (namespace && declared === undefined) messages.push(`namespace ${namespace} holds workloads but is not declared: the overlay needs its Namespace, with Pod Security labels`);
    if (declared !== undefined) messages.push(...podSecurityAdmissionErrors(objects[declared], isProduction(name)));
    if (!objects.some((o) => isDefaultDeny(o) && (o.metadata?.namespace ?? '') === namespace)) {
      messages.push(`namespace ${shown} has no default-deny NetworkPolicy (podSelector {}, policyTypes Ingress and Egress, no rules)`);
    }
    if (messages.length) problems.set(declared ?? workload, messages);
  }
  return problems;
}

/** Pod Security Admission: `restricted` warned about and audited everywhere, enforced in production (baseline at least elsewhere). */
function podSecurityAdmissionErrors(namespace, production) {
  const labels = namespace.metadata?.labels ?? {};
  const problems = [];
  for (const mode of POD_SECURITY_MODES) {
    const level = labels[`pod-security.kubernetes.io/${mode}`];
    const allowed = mode === 'enforce' && !production ? ['restricted', 'baseline'] : ['restricted'];
    if (!allowed.includes(level)) {
      problems.push(`label pod-security.kubernetes.io/${mode} must be ${allowed.join(' or ')}${production && mode === 'enforce' ? ' in production' : ''}, not ${level ?? 'unset'}`);
    }
  }
  return problems;
}

const isEmptySelector = (selector) => !selector || (!Object.keys(selector.matchLabels ?? {}).length && !(selector.matchExpressions ?? []).length);

/** A NetworkPolicy selecting every pod, for both directions, that allows nothing. */
const isDefaultDeny = (o) =>
  o.kind === 'NetworkPolicy' &&
  isEmptySelector(o.spec?.podSelector) &&
  ['Ingress', 'Egress'].every((type) => o.spec?.policyTypes?.includes(type)) &&
  !o.spec?.ingress?.length &&
  !o.spec?.egress?.length;

/** Services may share a PostgreSQL database, never a schema: each needs its own READ_MODEL_SCHEMA and EVENT_STORE_SCHEMA. */
function sharedSchemaErrors(config, schemas) {
  const problems = [];
  const owned = [['READ_MODEL_SCHEMA', config.data.READ_MODEL_SCHEMA ?? 'public']];
  if (config.data.EVENT_STORE === 'postgres') owned.push(['EVENT_STORE_SCHEMA', config.data.EVENT_STORE_SCHEMA ?? 'public']);
  for (const [variable, schema] of owned) {
    const other = schemas.get(schema);
    if (other) problems.push(`${variable}=${schema} is also ${other}'s: each service needs schemas of its own`);
    else schemas.set(schema, config.metadata.name);
  }
  return problems;
}

/** Production topics survive the loss of a broker: 3 replicas, and a write needs 2 of them (issue 16). */
function replicationErrors(data) {
  if (data.MESSAGE_BUS !== 'kafka') return [];
  const factor = Number(data.KAFKA_REPLICATION_FACTOR ?? 1);
  const minInSync = Number(data.KAFKA_MIN_INSYNC_REPLICAS ?? 1);
  const problems = [];
  if (!(factor >= 3)) problems.push(`KAFKA_REPLICATION_FACTOR=${data.KAFKA_REPLICATION_FACTOR ?? '(unset: 1)'}: production topics need 3 replicas or more`);
  if (!(minInSync >= 2 && minInSync < factor)) {
    problems.push(`KAFKA_MIN_INSYNC_REPLICAS=${data.KAFKA_MIN_INSYNC_REPLICAS ?? '(unset: 1)'}: production needs 2 or more, and fewer than the replication factor`);
  }
  return problems;
}

async function main() {
  const bin = kubectl();
  console.log(`validate-manifests: rendering with ${describeKubectl(bin)}`);
  const rendered = kustomizations().map((dir) => ({ name: relative(k8s, dir), objects: render(bin, dir) }));

  const all = rendered.flatMap(({ name, objects }) => objects.map((object) => ({ name, object })));
  const problems = all.map(() => []);
  for (const [i, { object }] of all.entries()) problems[i].push(...(await schemaErrors(object)));
  // Unknown fields only for objects the schemas accepted: one problem is reported once.
  const candidates = all.map((entry, i) => ({ ...entry, i })).filter(({ i }) => problems[i].length === 0);
  for (const [index, messages] of unknownFieldErrors(candidates.map((c) => c.object))) {
    if (index < 0) fail(`the unknown-field check could not run:\n  ${messages.join('\n  ')}`);
    problems[candidates[index].i].push(...messages);
  }
  let offset = 0;
  const user = imageUser();
  for (const { name, objects } of rendered) {
    ownRuleErrors(name, objects, user).forEach((messages, j) => problems[offset + j].push(...messages));
    offset += objects.length;
  }

  const invalid = all.map((entry, i) => ({ ...entry, messages: problems[i] })).filter((e) => e.messages.length);
  if (invalid.length) {
    console.error(`validate-manifests: ${invalid.length} invalid object${invalid.length === 1 ? '' : 's'}:`);
    for (const { name, object, messages } of invalid) {
      console.error(`  ${name}: ${label(object)}`);
      for (const message of messages) console.error(`    - ${message}`);
    }
    process.exit(1);
  }

  const width = Math.max(...rendered.map((r) => r.name.length));
  for (const { name, objects } of rendered) {
    const kinds = new Map();
    for (const o of objects) kinds.set(o.kind, (kinds.get(o.kind) ?? 0) + 1);
    const list = [...kinds].sort(([a], [b]) => a.localeCompare(b)).map(([kind, n]) => `${kind} ${n}`);
    console.log(`  ${name.padEnd(width)}  ${String(objects.length).padStart(3)} objects: ${list.join(', ')}`);
  }
  console.log(`validate-manifests: ${rendered.length} kustomizations, ${all.length} objects, all valid against the Kubernetes schemas and the deployment and security rules`);
}

await main();
