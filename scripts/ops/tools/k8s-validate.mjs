// Schema- and policy-checks rendered Kubernetes manifests.
//   node k8s-validate.mjs [--capacity] FILE...      (FILE: multi-document YAML, e.g. `kubectl kustomize` output)
// Schema: every object against the Kubernetes OpenAPI schema as shipped by the kubernetes-models package (types,
// required fields, enums, formats); External Secrets objects against the CRD schemas of @kubernetes-models/external-secrets.
// Policy: what we ask of every workload (Deployments, Jobs, CronJobs, DaemonSets) — non-root
// user 1000 (the log shipper alone reads the node's root-owned log files as 0, every capability dropped), read-only
// root filesystem, no privilege escalation, all capabilities dropped, resources set, readiness
// on /health and liveness on /alive on the management port (which no Service publishes), a PodDisruptionBudget per Deployment, an HPA for api, redirector and web, a
// default-deny NetworkPolicy, each workload running as its own service account (<app>) and reading only its own Secret, each Secret (written by an ExternalSecret)
// holding only its workload's keys and no values in the repository; the Ingress routes only public paths; the backup
// CronJobs keep the schedules and retention of docs/operations/backup-and-restore.md. --capacity also checks production's capacity (HPA 3–20, CPU 70 %,
// memory 80 %; the requests and limits of docs/operations/deployment.md), which only production keeps. Exits 1 on any finding.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const args = process.argv.slice(2);
const capacity = args.includes("--capacity");
const files = args.filter((a) => !a.startsWith("--"));
if (files.length === 0) {
  console.error("usage: node k8s-validate.mjs [--capacity] FILE...");
  process.exit(64);
}

const findings = [];
const fail = (where, message) => findings.push(`${where}: ${message}`);

// kubernetes-models exposes one module per API group/version: "v1" for the core group, "apps/v1", …
// The External Secrets CRDs come from @kubernetes-models/external-secrets, which mirrors that layout.
async function modelFor(apiVersion, kind) {
  const module = apiVersion.startsWith("external-secrets.io/")
    ? `@kubernetes-models/external-secrets/${apiVersion}`
    : `kubernetes-models/${apiVersion}`;
  try {
    const exports = await import(module);
    return exports[kind];
  } catch {
    return undefined;
  }
}

const objects = [];
for (const file of files) {
  const documents = parseAllDocuments(readFileSync(file, "utf8"));
  for (const document of documents) {
    if (document.errors.length) {
      fail(file, `YAML error: ${document.errors[0].message}`);
      continue;
    }
    const object = document.toJS();
    if (object) objects.push({ file, object });
  }
}
if (objects.length === 0) fail(files.join(", "), "no Kubernetes objects found");

let schemaChecked = 0;
for (const { file, object } of objects) {
  const where = `${file}: ${object.kind ?? "?"}/${object.metadata?.name ?? "?"}`;
  if (!object.apiVersion || !object.kind) {
    fail(where, "missing apiVersion or kind");
    continue;
  }
  const Model = await modelFor(object.apiVersion, object.kind);
  if (!Model) {
    fail(where, `unknown apiVersion/kind ${object.apiVersion} ${object.kind}`);
    continue;
  }
  try {
    new Model(object).validate();
    schemaChecked++;
  } catch (error) {
    const details = (error.errors ?? []).map((e) => `${e.instancePath} ${e.message}`).join("; ");
    fail(where, `schema: ${details || error.message}`);
  }
}

// ---- policy ----
const byKind = (kind) => objects.map((o) => o.object).filter((o) => o.kind === kind);
const templateOf = (o) => (o.kind === "CronJob" ? o.spec?.jobTemplate?.spec?.template : o.spec?.template);
const podSpecOf = (o) => templateOf(o)?.spec;
const matches = (selector, labels) =>
  Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels?.[k] === v) &&
  (selector?.matchExpressions ?? []).every((e) => e.operator !== "In" || e.values.includes(labels?.[e.key]));

for (const workload of ["Deployment", "Job", "CronJob", "DaemonSet"].flatMap(byKind)) {
  const where = `${workload.kind}/${workload.metadata.name}`;
  const pod = podSpecOf(workload);
  const psc = pod?.securityContext ?? {};
  if (workload.kind === "DaemonSet") {
    // The log shipper reads the node's log files (root's, 0640): user 0, but read-only there and without capabilities.
    for (const mount of pod?.containers.flatMap((c) => c.volumeMounts ?? []) ?? []) {
      const volume = pod.volumes?.find((v) => v.name === mount.name);
      if (volume?.hostPath && mount.readOnly !== true && !volume.hostPath.path.startsWith("/var/fluent-bit/")) {
        fail(where, `host path ${volume.hostPath.path} must be mounted read-only`);
      }
    }
    if (pod?.hostNetwork || pod?.hostPID) fail(where, "must not use the host's network or process namespace");
  } else {
    if (psc.runAsNonRoot !== true) fail(where, "pod securityContext.runAsNonRoot must be true");
    if (psc.runAsUser !== 1000 || psc.runAsGroup !== 1000) fail(where, "pod must run as user and group 1000");
  }
  if (psc.seccompProfile?.type !== "RuntimeDefault") fail(where, "pod seccompProfile must be RuntimeDefault");
  if (pod?.automountServiceAccountToken !== false) fail(where, "automountServiceAccountToken must be false");
  // One identity per workload (<app>): the AWS estate gives IAM roles to some of them (qr-api, qr-worker, qr-backup).
  const ownAccount = templateOf(workload).metadata?.labels?.app;
  if (pod?.serviceAccountName !== ownAccount) fail(where, `must run as its own service account ${ownAccount}`);
  for (const container of [...(pod?.initContainers ?? []), ...(pod?.containers ?? [])]) {
    const cwhere = `${where} container ${container.name}`;
    const csc = container.securityContext ?? {};
    if (csc.allowPrivilegeEscalation !== false) fail(cwhere, "allowPrivilegeEscalation must be false");
    if (csc.readOnlyRootFilesystem !== true) fail(cwhere, "readOnlyRootFilesystem must be true");
    if (csc.privileged === true) fail(cwhere, "must not be privileged");
    if (!(csc.capabilities?.drop ?? []).includes("ALL")) fail(cwhere, "capabilities must drop ALL");
    if ((csc.capabilities?.add ?? []).length) fail(cwhere, "must not add capabilities");
    for (const part of ["requests", "limits"]) {
      for (const resource of ["cpu", "memory"]) {
        if (!container.resources?.[part]?.[resource]) fail(cwhere, `resources.${part}.${resource} missing`);
      }
    }
    // Least privilege: a workload reads its own Secret (<app>-secrets) and the shared ConfigMap, never another's Secret.
    const ownSecret = `${templateOf(workload).metadata?.labels?.app}-secrets`;
    const refs = (container.envFrom ?? []).map((e) => e.secretRef?.name ?? e.configMapRef?.name);
    // The shared settings (qr-config), or, in a namespace of its own (the log shipper), its own (<app>-env).
    const ownConfig = `${templateOf(workload).metadata?.labels?.app}-env`;
    if (!refs.includes(ownSecret) || !(refs.includes("qr-config") || refs.includes(ownConfig))) fail(cwhere, `must read ${ownSecret} and qr-config`);
    const secretsRead = [
      ...(container.envFrom ?? []).map((e) => e.secretRef?.name),
      ...(container.env ?? []).map((e) => e.valueFrom?.secretKeyRef?.name),
      ...(pod?.volumes ?? []).flatMap((v) => [v.secret?.secretName, ...(v.projected?.sources ?? []).map((s) => s.secret?.name)]),
    ].filter(Boolean);
    // A workload's binary secret (a certificate) is its own too, mounted as a file: <app>-certificate.
    const ownCertificate = `${templateOf(workload).metadata?.labels?.app}-certificate`;
    if (refs.includes(ownCertificate)) fail(cwhere, `${ownCertificate} is binary: mount it as a file, never through envFrom`);
    for (const name of secretsRead.filter((n) => n !== ownSecret && n !== ownCertificate)) fail(cwhere, `reads Secret ${name}, which belongs to another workload`);
    if (workload.kind === "Deployment") {
      if (container.readinessProbe?.httpGet?.path !== "/health") fail(cwhere, "readinessProbe must GET /health");
      if (container.livenessProbe?.httpGet?.path !== "/alive") fail(cwhere, "livenessProbe must GET /alive");
      // Operations endpoints stay private: probes and Prometheus use the management port, which no Service publishes.
      const management = (container.ports ?? []).find((p) => p.name === "management");
      if (!management) fail(cwhere, "must declare a container port named management (Management__Port)");
      if (container.readinessProbe?.httpGet?.port !== "management" || container.livenessProbe?.httpGet?.port !== "management") {
        fail(cwhere, "probes must use the management port");
      }
      const scrapePort = workload.spec.template.metadata?.annotations?.["prometheus.io/port"];
      if (management && String(scrapePort) !== String(management.containerPort)) fail(where, "prometheus.io/port must be the management port");
    }
  }

  if (workload.kind === "Deployment") {
    const labels = workload.spec.template.metadata.labels;
    if (!byKind("PodDisruptionBudget").some((p) => matches(p.spec.selector, labels))) {
      fail(where, "no PodDisruptionBudget selects its pods");
    }
    if (!byKind("NetworkPolicy").some((n) => n.spec.policyTypes?.includes("Ingress") && matches(n.spec.podSelector, labels) && Object.keys(n.spec.podSelector).length)) {
      fail(where, "no NetworkPolicy names who may reach it");
    }
  }
}

for (const service of byKind("Service")) {
  for (const port of service.spec?.ports ?? []) {
    if (port.targetPort === "management" || port.port === 8081 || port.targetPort === 8081) {
      fail(`Service/${service.metadata.name}`, "must not publish the management port (/health, /metrics)");
    }
  }
}

const expectedResources = {
  "qr-api": { requests: { memory: "256Mi", cpu: "250m" }, limits: { memory: "512Mi", cpu: "500m" } },
  "qr-redirector": { requests: { memory: "256Mi", cpu: "250m" }, limits: { memory: "512Mi", cpu: "500m" } },
  "qr-worker": { requests: { memory: "512Mi", cpu: "500m" }, limits: { memory: "1Gi", cpu: "1000m" } },
};
const hasWorkloads = byKind("Deployment").length > 0;
for (const name of hasWorkloads ? ["qr-api", "qr-redirector", "qr-worker", "qr-web"] : []) {
  const deployment = byKind("Deployment").find((d) => d.metadata.name === name);
  if (!deployment) {
    fail(`Deployment/${name}`, "missing");
    continue;
  }
  const actual = deployment.spec.template.spec.containers[0].resources ?? {};
  const differs = Object.entries(expectedResources[name] ?? {}).some(([part, values]) =>
    Object.entries(values).some(([resource, value]) => String(actual[part]?.[resource]) !== value));
  if (capacity && differs) {
    fail(`Deployment/${name}`, `resources must be ${JSON.stringify(expectedResources[name])}`);
  }
}
if (capacity && hasWorkloads && byKind("Deployment").find((d) => d.metadata.name === "qr-worker")?.spec.replicas !== 2) {
  fail("Deployment/qr-worker", "production runs 2 worker replicas");
}
for (const name of hasWorkloads ? ["qr-api", "qr-redirector", "qr-web"] : []) {
  const hpa = byKind("HorizontalPodAutoscaler").find((h) => h.spec.scaleTargetRef?.name === name);
  if (!hpa) {
    fail(`Deployment/${name}`, "no HorizontalPodAutoscaler");
    continue;
  }
  const target = (resource) => hpa.spec.metrics?.find((m) => m.resource?.name === resource)?.resource.target.averageUtilization;
  if (target("cpu") !== 70 || target("memory") !== 80) fail(`HPA/${hpa.metadata.name}`, "targets must be CPU 70 %, memory 80 %");
  if (capacity && name !== "qr-web" && (hpa.spec.minReplicas !== 3 || hpa.spec.maxReplicas !== 20)) fail(`HPA/${hpa.metadata.name}`, "replicas must be 3–20");
}
if (byKind("Deployment").length && !byKind("NetworkPolicy").some((n) => Object.keys(n.spec.podSelector ?? {}).length === 0 && n.spec.policyTypes?.includes("Ingress") && n.spec.policyTypes?.includes("Egress") && !n.spec.ingress && !n.spec.egress)) {
  fail("NetworkPolicy", "no default-deny-all policy");
}
if (byKind("Deployment").length && !byKind("Job").some((j) => j.metadata.labels?.["app.kubernetes.io/component"] === "migration")) {
  fail("Job", "no migration Job");
}
// Each workload's Secret holds only the keys it needs: only the Api signs tokens, only the Worker sends mail, the
// Redirector logs in as the read-only role, and only the migrator knows the owner role (and the read-only role's password).
const allowedSecretKeys = {
  "qr-migrate-secrets": ["DATABASE_URL", "REDIRECTOR_DATABASE_PASSWORD"],
  "qr-web-secrets": ["ConnectionStrings__redis", "WEB_KEYS_CERTIFICATE_PASSWORD"],
  "qr-web-certificate": ["keys-certificate.pfx"],
  "qr-backup-secrets": ["DATABASE_URL", "REDIS_URL", "REDIS_PASSWORD"],
  "qr-log-shipper-secrets": ["ELASTICSEARCH_USERNAME", "ELASTICSEARCH_PASSWORD"],
  "qr-api-secrets": ["DATABASE_URL", "REDIS_URL", "REDIS_PASSWORD", "JWT_SECRET", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"],
  "qr-redirector-secrets": ["DATABASE_URL", "REDIS_URL", "REDIS_PASSWORD"],
  "qr-worker-secrets": ["DATABASE_URL", "REDIS_URL", "REDIS_PASSWORD", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "SENDGRID_API_KEY", "SMTP_USERNAME", "SMTP_PASSWORD"],
};
const secretKeys = new Set(Object.values(allowedSecretKeys).flat());
for (const secret of byKind("Secret")) {
  const where = `Secret/${secret.metadata.name}`;
  const entries = { ...(secret.stringData ?? {}), ...(secret.data ?? {}) };
  if (Object.values(entries).some((v) => !String(v).includes("REPLACE_ME"))) fail(where, "holds a value that is not a REPLACE_ME placeholder");
  const allowed = allowedSecretKeys[secret.metadata.name];
  if (!allowed) {
    fail(where, `is not one of the per-workload Secrets (${Object.keys(allowedSecretKeys).join(", ")})`);
    continue;
  }
  for (const key of Object.keys(entries).filter((k) => !allowed.includes(k))) fail(where, `must not hold ${key}`);
  if (secret.metadata.name === "qr-redirector-secrets" && !/^postgres(ql)?:\/\/qr_redirector:/.test(entries.DATABASE_URL ?? "")) {
    fail(where, "DATABASE_URL must log in as the read-only role qr_redirector");
  }
}
// The Secrets are written by External Secrets: the keys of each target are its template's (or its data's) keys.
for (const external of byKind("ExternalSecret")) {
  const name = external.spec?.target?.name ?? external.metadata.name;
  const where = `ExternalSecret/${external.metadata.name}`;
  const keys = Object.keys(external.spec?.target?.template?.data ?? {});
  const written = keys.length ? keys : (external.spec?.data ?? []).map((d) => d.secretKey);
  const allowed = allowedSecretKeys[name];
  if (!allowed) {
    fail(where, `target ${name} is not one of the per-workload Secrets (${Object.keys(allowedSecretKeys).join(", ")})`);
    continue;
  }
  for (const key of written.filter((k) => !allowed.includes(k))) fail(where, `must not write ${key} into ${name}`);
  if (name === "qr-redirector-secrets" && !/^postgres(ql)?:\/\/qr_redirector:/.test(external.spec.target.template?.data?.DATABASE_URL ?? "")) {
    fail(where, "DATABASE_URL must log in as the read-only role qr_redirector");
  }
  for (const item of [...(external.spec?.data ?? []), ...(external.spec?.dataFrom ?? [])]) {
    const store = item.sourceRef?.storeRef ?? external.spec.secretStoreRef;
    if (store?.kind !== "ClusterSecretStore" || !byKind("ClusterSecretStore").some((s) => s.metadata.name === store.name)) {
      fail(where, `reads from ${store?.kind}/${store?.name}, which is not one of the ClusterSecretStores here`);
    }
    // Keys are relative: the store's prefix names the environment, so one environment never reads another's.
    if (/^\/?qraspire\//.test(item.remoteRef?.key ?? "")) fail(where, `remote key ${item.remoteRef.key} must be relative to the store's prefix`);
  }
}
// The environment's namespace (qraspire-logging holds only the log shipper, of every environment).
const namespaces = byKind("Namespace").map((n) => n.metadata.name).filter((n) => n !== "qraspire-logging");
for (const store of byKind("ClusterSecretStore")) {
  const where = `ClusterSecretStore/${store.metadata.name}`;
  const aws = store.spec?.provider?.aws;
  if (!aws || !["SecretsManager", "ParameterStore"].includes(aws.service)) fail(where, "must read AWS Secrets Manager or Parameter Store");
  if (!aws?.auth?.jwt?.serviceAccountRef) fail(where, "must authenticate with the controller's IRSA service account (auth.jwt), never a stored key");
  if (store.metadata.namespace) fail(where, "is cluster-scoped: it must have no namespace");
  // In an environment (an overlay names its namespace qraspire-<environment>), the prefix is that environment's path.
  for (const namespace of namespaces) {
    const environment = namespace.replace(/^qraspire-/, "");
    const expected = `${aws?.service === "ParameterStore" ? "/" : ""}qraspire/${environment}/`;
    if (aws?.prefix !== expected) fail(where, `prefix must be ${expected} in ${namespace}, got ${aws?.prefix}`);
  }
}
// Every Secret a workload reads is written by an ExternalSecret (no hand-made Secret), when the workloads are here.
const externalTargets = new Set(byKind("ExternalSecret").map((e) => e.spec?.target?.name ?? e.metadata.name));
if (byKind("Deployment").length) {
  for (const workload of ["Deployment", "Job", "CronJob", "DaemonSet"].flatMap(byKind)) {
    const name = `${templateOf(workload).metadata?.labels?.app}-secrets`;
    if (!externalTargets.has(name)) fail(`${workload.kind}/${workload.metadata.name}`, `no ExternalSecret writes ${name}`);
  }
  if (byKind("Secret").length) fail("Secret", "Secrets come from External Secrets; none belongs in the manifests");
}

// ---- the Ingress: only public paths, only app ports ----
const ingresses = byKind("Ingress");
if (byKind("Deployment").length && ingresses.length !== 1) fail("Ingress", `expected one Ingress, found ${ingresses.length}`);
for (const ingress of ingresses) {
  const where = `Ingress/${ingress.metadata.name}`;
  const annotations = ingress.metadata.annotations ?? {};
  if (ingress.spec.ingressClassName !== "alb") fail(where, "ingressClassName must be alb (AWS Load Balancer Controller)");
  if (!annotations["alb.ingress.kubernetes.io/certificate-arn"] || !(ingress.spec.tls ?? []).length) fail(where, "TLS: a certificate-arn annotation and spec.tls are required");
  if (!/"HTTPS":\s*443/.test(annotations["alb.ingress.kubernetes.io/listen-ports"] ?? "") || annotations["alb.ingress.kubernetes.io/ssl-redirect"] !== "443") {
    fail(where, "must listen on HTTPS 443 and redirect HTTP to it");
  }
  const routes = (ingress.spec.rules ?? []).flatMap((rule) =>
    (rule.http?.paths ?? []).map((p) => ({ host: rule.host, path: p.path, type: p.pathType, service: p.backend.service?.name, port: p.backend.service?.port })));
  const services = new Map(byKind("Service").map((s) => [s.metadata.name, s]));
  for (const route of routes) {
    const rwhere = `${where} ${route.host}${route.path}`;
    if (route.service === "not-found") {
      if (route.port?.name !== "use-annotation" || !annotations["alb.ingress.kubernetes.io/actions.not-found"]) fail(rwhere, "not-found must be the fixed-response action");
      continue;
    }
    const service = services.get(route.service);
    if (!service) {
      fail(rwhere, `routes to ${route.service}, which is no Service here`);
      continue;
    }
    const port = service.spec.ports.find((p) => p.name === route.port?.name || p.port === route.port?.number);
    if (!port || port.targetPort !== "http") fail(rwhere, "must route to a Service's app port (http), never the management port");
    if (["/metrics", "/health"].some((p) => route.path === p || route.path.startsWith(`${p}/`))) fail(rwhere, "routes an operations path to a pod");
  }
  // The public paths: short codes on the redirect host; /api/ and /docs on the Api; the rest to the console.
  const expectRoute = (host, path, service) => {
    if (!routes.some((r) => r.host === host && r.path === path && r.service === service)) fail(where, `${host}${path} must route to ${service}`);
  };
  const hostOf = (key) => { try { return new URL(byKind("ConfigMap").find((c) => c.metadata.name === "qr-config")?.data?.[key]).host; } catch { return undefined; } };
  const redirectHost = hostOf("REDIRECT_BASE_URL"), webHost = hostOf("WEB_BASE_URL");
  expectRoute(redirectHost, "/", "qr-redirector");
  expectRoute(webHost, "/api/", "qr-api");
  expectRoute(webHost, "/docs", "qr-api");
  expectRoute(webHost, "/", "qr-web");
  for (const host of [redirectHost, webHost]) {
    for (const path of ["/metrics", "/health"]) {
      if (!routes.some((r) => r.host === host && r.path === path && r.type === "Exact" && r.service === "not-found")) fail(where, `${host}${path} must answer the fixed 404`);
    }
  }
}

// ---- backups: PostgreSQL daily kept 30 days, Redis every 15 minutes kept 24 hours, to S3 ----
const backups = { postgres: { schedule: /^\d+ \d+ \* \* \*$/, hours: "720" }, redis: { schedule: /^\*\/15 \* \* \* \*$/, hours: "24" } };
for (const [kind, expected] of byKind("Deployment").length ? Object.entries(backups) : []) {
  const cron = byKind("CronJob").find((c) => podSpecOf(c)?.containers?.some((k) => k.command?.join(" ").includes(`upload ${kind}`)));
  if (!cron) {
    fail("CronJob", `no CronJob uploads the ${kind} backup`);
    continue;
  }
  const where = `CronJob/${cron.metadata.name}`;
  const pod = podSpecOf(cron);
  if (!expected.schedule.test(cron.spec.schedule)) fail(where, `schedule ${cron.spec.schedule} is not the ${kind} backup's`);
  if (cron.spec.concurrencyPolicy !== "Forbid") fail(where, "concurrencyPolicy must be Forbid");
  const upload = pod.containers.find((c) => c.command?.join(" ").includes(`upload ${kind}`));
  if (upload.env?.find((e) => e.name === "RETENTION_HOURS")?.value !== expected.hours) fail(where, `RETENTION_HOURS must be ${expected.hours}`);
  if (!(pod.initContainers ?? []).some((c) => c.command?.join(" ").includes(`dump ${kind}`))) fail(where, `no init container dumps ${kind}`);
  if (!pod.volumes?.some((v) => v.configMap?.name?.startsWith("qr-backup-script"))) fail(where, "must run backup.sh from the qr-backup-script ConfigMap");
}

for (const config of byKind("ConfigMap")) {
  for (const key of Object.keys(config.data ?? {}).filter((k) => secretKeys.has(k) && k !== "DATABASE_URL" && k !== "REDIS_URL")) {
    fail(`ConfigMap/${config.metadata.name}`, `must not hold ${key}: it belongs in a workload's Secret`);
  }
}

if (findings.length) {
  for (const finding of findings) console.error(`k8s-validate: ${finding}`);
  console.error(`k8s-validate: ${findings.length} finding(s)`);
  process.exit(1);
}
console.log(`k8s-validate: ${objects.length} objects in ${files.length} file(s): schema-valid (${schemaChecked}), policy clean${capacity ? " (capacity checked)" : ""}`);
