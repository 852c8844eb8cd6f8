// Manifest steps of scripts/ops/deploy.sh (no cluster needed, so CI tests them on every run).
//   node rollout.mjs split RENDERED IMAGE_PREFIX VERSION OUTDIR
//       RENDERED: `kubectl kustomize` output. Sets every QrAspire image to IMAGE_PREFIX-<service>:VERSION and writes
//       OUTDIR/migrate.yaml (the migration Job, renamed qr-migrate-<version> so each release gets a fresh Job) and
//       OUTDIR/app.yaml (everything else) and OUTDIR/prereq.yaml (what the Job needs first: namespace, settings…).
//   node rollout.mjs canary APP_YAML DEPLOYMENT PERCENT STABLE_REPLICAS
//       Prints a Deployment <DEPLOYMENT>-canary with the new images and track=canary, sized so that it has PERCENT of
//       the pods behind the Service (the Service selects both tracks): canary = ceil(stable × p / (100 − p)).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments, stringify } from "yaml";

const readObjects = (file) => parseAllDocuments(readFileSync(file, "utf8")).map((d) => d.toJS()).filter(Boolean);
const writeObjects = (file, objects) => writeFileSync(file, objects.map((o) => stringify(o)).join("---\n"));
const fail = (message) => {
  console.error(`rollout: ${message}`);
  process.exit(1);
};

// Kubernetes names: lower case alphanumerics and '-', at most 63 characters.
export const versionSuffix = (version) =>
  version.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40);

const [command, ...args] = process.argv.slice(2);
if (command === "split") {
  const [rendered, imagePrefix, version, outDir] = args;
  if (!rendered || !imagePrefix || !version || !outDir) fail("usage: split RENDERED IMAGE_PREFIX VERSION OUTDIR");
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(version)) fail(`'${version}' is not a valid image tag`);
  const objects = readObjects(rendered);
  let images = 0;
  for (const object of objects) {
    for (const container of object.spec?.template?.spec?.containers ?? []) {
      // Third-party images (the log shipper's Fluent Bit) keep their pinned versions; ours take the release's.
      if (!/(^|\/)qraspire[-/]/.test(container.image)) continue;
      const service = /qraspire[-/](api|redirector|worker|migrator|web)(:[^/]*)?$/.exec(container.image)?.[1];
      if (!service) fail(`${object.kind}/${object.metadata.name}: image ${container.image} is not a QrAspire image`);
      container.image = `${imagePrefix}-${service}:${version}`;
      images++;
    }
    if (object.kind === "Deployment" || object.kind === "Job") {
      object.metadata.labels = { ...object.metadata.labels, "app.kubernetes.io/version": versionSuffix(version) };
    }
  }
  const isMigration = (o) => o.kind === "Job" && o.metadata.labels?.["app.kubernetes.io/component"] === "migration";
  const migrations = objects.filter(isMigration);
  if (migrations.length !== 1) fail(`expected one migration Job, found ${migrations.length}`);
  migrations[0].metadata.name = `qr-migrate-${versionSuffix(version)}`;
  mkdirSync(outDir, { recursive: true });
  writeObjects(join(outDir, "migrate.yaml"), migrations);
  writeObjects(join(outDir, "app.yaml"), objects.filter((o) => !isMigration(o)));
  // What the Job needs before it can run in a fresh namespace: the namespace, settings, identity, network rules, and
  // its Secret (External Secrets writes it from the stores).
  const prerequisites = ["Namespace", "ConfigMap", "ServiceAccount", "NetworkPolicy", "ClusterSecretStore", "ExternalSecret"];
  writeObjects(join(outDir, "prereq.yaml"), objects.filter((o) => prerequisites.includes(o.kind)));
  console.log(`rollout: ${images} images set to ${imagePrefix}-*:${version}; migration Job ${migrations[0].metadata.name}; ${objects.length - 1} other objects`);
} else if (command === "canary") {
  const [appYaml, name, percentText, stableText] = args;
  const percent = Number(percentText);
  const stable = Number(stableText);
  if (!(percent > 0 && percent < 100) || !(stable >= 1)) fail("usage: canary APP_YAML DEPLOYMENT PERCENT(1-99) STABLE_REPLICAS(>=1)");
  const deployment = readObjects(appYaml).find((o) => o.kind === "Deployment" && o.metadata.name === name);
  if (!deployment) fail(`no Deployment ${name} in ${appYaml}`);
  const canary = structuredClone(deployment);
  canary.metadata.name = `${name}-canary`;
  canary.metadata.labels = { ...canary.metadata.labels, track: "canary" };
  canary.spec.selector.matchLabels.track = "canary";
  canary.spec.template.metadata.labels.track = "canary";
  canary.spec.replicas = Math.max(1, Math.ceil((stable * percent) / (100 - percent)));
  process.stdout.write(stringify(canary));
} else {
  fail("usage: rollout.mjs split … | canary …");
}
