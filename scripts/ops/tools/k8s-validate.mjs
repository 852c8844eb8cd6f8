// Schema- and policy-checks rendered Kubernetes manifests.
//   node k8s-validate.mjs [--capacity] FILE...      (FILE: multi-document YAML, e.g. `kubectl kustomize` output)
// Schema: every object against the Kubernetes OpenAPI schema as shipped by the kubernetes-models package (types,
// required fields, enums, formats). Policy: what we ask of every workload — non-root
// user 1000, read-only root filesystem, no privilege escalation, all capabilities dropped, resources set, readiness
// on /health and liveness on /alive on the management port (which no Service publishes), a PodDisruptionBudget per Deployment, an HPA for api and redirector, a
// default-deny NetworkPolicy, each workload reading only its own Secret, each Secret holding only its workload's keys
// and no values. --capacity also checks production's capacity (HPA 3–20, CPU 70 %,
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
async function modelFor(apiVersion, kind) {
  const module = apiVersion.includes("/") ? `kubernetes-models/${apiVersion}` : `kubernetes-models/${apiVersion}`;
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
const podSpecOf = (o) => (o.kind === "Deployment" || o.kind === "Job" ? o.spec?.template?.spec : undefined);
const matches = (selector, labels) =>
  Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels?.[k] === v) &&
  (selector?.matchExpressions ?? []).every((e) => e.operator !== "In" || e.values.includes(labels?.[e.key]));

for (const workload of [...byKind("Deployment"), ...byKind("Job")]) {
  const where = `${workload.kind}/${workload.metadata.name}`;
  const pod = podSpecOf(workload);
  const psc = pod?.securityContext ?? {};
  if (psc.runAsNonRoot !== true) fail(where, "pod securityContext.runAsNonRoot must be true");
  if (psc.runAsUser !== 1000 || psc.runAsGroup !== 1000) fail(where, "pod must run as user and group 1000");
  if (psc.seccompProfile?.type !== "RuntimeDefault") fail(where, "pod seccompProfile must be RuntimeDefault");
  if (pod?.automountServiceAccountToken !== false) fail(where, "automountServiceAccountToken must be false");
  for (const container of pod?.containers ?? []) {
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
    const ownSecret = `${workload.spec.template.metadata?.labels?.app}-secrets`;
    const refs = (container.envFrom ?? []).map((e) => e.secretRef?.name ?? e.configMapRef?.name);
    if (!refs.includes(ownSecret) || !refs.includes("qr-config")) fail(cwhere, `must read ${ownSecret} and qr-config`);
    const secretsRead = [
      ...(container.envFrom ?? []).map((e) => e.secretRef?.name),
      ...(container.env ?? []).map((e) => e.valueFrom?.secretKeyRef?.name),
      ...(pod?.volumes ?? []).flatMap((v) => [v.secret?.secretName, ...(v.projected?.sources ?? []).map((s) => s.secret?.name)]),
    ].filter(Boolean);
    for (const name of secretsRead.filter((n) => n !== ownSecret)) fail(cwhere, `reads Secret ${name}, which belongs to another workload`);
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
for (const name of hasWorkloads ? ["qr-api", "qr-redirector", "qr-worker"] : []) {
  const deployment = byKind("Deployment").find((d) => d.metadata.name === name);
  if (!deployment) {
    fail(`Deployment/${name}`, "missing");
    continue;
  }
  const actual = deployment.spec.template.spec.containers[0].resources ?? {};
  const differs = Object.entries(expectedResources[name]).some(([part, values]) =>
    Object.entries(values).some(([resource, value]) => String(actual[part]?.[resource]) !== value));
  if (capacity && differs) {
    fail(`Deployment/${name}`, `resources must be ${JSON.stringify(expectedResources[name])}`);
  }
}
if (capacity && hasWorkloads && byKind("Deployment").find((d) => d.metadata.name === "qr-worker")?.spec.replicas !== 2) {
  fail("Deployment/qr-worker", "production runs 2 worker replicas");
}
for (const name of hasWorkloads ? ["qr-api", "qr-redirector"] : []) {
  const hpa = byKind("HorizontalPodAutoscaler").find((h) => h.spec.scaleTargetRef?.name === name);
  if (!hpa) {
    fail(`Deployment/${name}`, "no HorizontalPodAutoscaler");
    continue;
  }
  const target = (resource) => hpa.spec.metrics?.find((m) => m.resource?.name === resource)?.resource.target.averageUtilization;
  if (target("cpu") !== 70 || target("memory") !== 80) fail(`HPA/${hpa.metadata.name}`, "targets must be CPU 70 %, memory 80 %");
  if (capacity && (hpa.spec.minReplicas !== 3 || hpa.spec.maxReplicas !== 20)) fail(`HPA/${hpa.metadata.name}`, "replicas must be 3–20");
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
