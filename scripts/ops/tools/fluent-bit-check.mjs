// Checks the log shipper's Fluent Bit configuration (deploy/k8s/base/logging.yaml) and runs real log lines through it.
//   node fluent-bit-check.mjs MANIFESTS [LOGFILE...]
// MANIFESTS: rendered manifests (kubectl kustomize output) holding the qr-log-shipper ConfigMap and DaemonSet.
// LOGFILE: lines the services wrote to standard output (scripts/backup/drill.sh passes the ones its Api and Redirector
// just wrote; fixtures/service-log-lines.jsonl holds lines a Redirector wrote). Debian does not package Fluent Bit, so
// `fluent-bit --dry-run` cannot run here; instead this reads the classic-format configuration as Fluent Bit does and:
//   - every section names a plugin we use, every Parser it names is defined, every Match selects the input's tag,
//     every ${VARIABLE} is given to the container, the DaemonSet mounts the files where the image reads them;
//   - the tail Path matches a kubelet log file of a QrAspire pod and nothing else (not the shipper's own), and Tag_Regex
//     turns that file name into the tag the filters and the output match;
//   - each log line, wrapped as the kubelet writes it (CRI: time, stream, flag, line), goes through the cri parser's
//     regex and time format, then the JSON parser: an object with its Time_Key in its Time_Format, a level and a
//     message. One line that does not parse fails the check.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const [manifests, ...logFiles] = process.argv.slice(2);
if (!manifests) {
  console.error("usage: node fluent-bit-check.mjs MANIFESTS [LOGFILE...]");
  process.exit(64);
}
const findings = [];
const fail = (message) => findings.push(message);
const objects = parseAllDocuments(readFileSync(manifests, "utf8")).map((d) => d.toJS()).filter(Boolean);
const config = objects.find((o) => o.kind === "ConfigMap" && o.metadata.name.startsWith("qr-log-shipper-config"));
const daemonSet = objects.find((o) => o.kind === "DaemonSet" && o.metadata.name === "qr-log-shipper");
if (!config || !daemonSet) {
  console.error("fluent-bit-check: no qr-log-shipper ConfigMap and DaemonSet in " + manifests);
  process.exit(1);
}

// Classic format: [SECTION] lines, then "Key Value" lines; '#' starts a comment.
function sections(text) {
  const result = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const header = /^\[([A-Z_]+)\]$/.exec(line);
    if (header) result.push({ type: header[1], keys: {} });
    else if (!result.length) fail(`a setting outside any section: ${line}`);
    else {
      const [, key, value] = /^(\S+)\s+(.*)$/.exec(line) ?? [];
      if (!key) fail(`[${result.at(-1).type}] "${line}" is not "Key Value"`);
      else result.at(-1).keys[key.toLowerCase()] = value.trim();
    }
  }
  return result;
}
const main = sections(config.data["fluent-bit.conf"] ?? "");
const service = main.find((s) => s.type === "SERVICE");
const parsersFile = service?.keys.parsers_file;
if (!parsersFile || !config.data[parsersFile]) fail(`[SERVICE] Parsers_File ${parsersFile} is not in the ConfigMap`);
const parsers = Object.fromEntries(sections(config.data[parsersFile] ?? "").filter((s) => s.type === "PARSER").map((p) => [p.keys.name, p.keys]));

const known = { INPUT: ["tail"], FILTER: ["parser"], OUTPUT: ["es"] };
for (const section of main) {
  if (section.type === "SERVICE") continue;
  if (!known[section.type]) fail(`unknown section [${section.type}]`);
  else if (!known[section.type].includes(section.keys.name)) fail(`[${section.type}] Name ${section.keys.name} is not a plugin this check knows`);
  if (section.keys.parser && !parsers[section.keys.parser]) fail(`[${section.type}] Parser ${section.keys.parser} is not defined in ${parsersFile}`);
}
const input = main.find((s) => s.type === "INPUT");
const filters = main.filter((s) => s.type === "FILTER");
const output = main.find((s) => s.type === "OUTPUT");
if (!input || !output) fail("needs one [INPUT] and one [OUTPUT]");

// Variables: Fluent Bit substitutes ${NAME} from the environment; the DaemonSet must give each one.
const container = daemonSet.spec.template.spec.containers[0];
const provided = new Set((container.env ?? []).map((e) => e.name));
for (const from of container.envFrom ?? []) {
  if (from.configMapRef) for (const key of Object.keys(objects.find((o) => o.kind === "ConfigMap" && o.metadata.name === from.configMapRef.name)?.data ?? {})) provided.add(key);
  if (from.secretRef) {
    const external = objects.find((o) => o.kind === "ExternalSecret" && (o.spec.target?.name ?? o.metadata.name) === from.secretRef.name);
    for (const key of Object.keys(external?.spec.target?.template?.data ?? {})) provided.add(key);
  }
}
for (const [, name] of config.data["fluent-bit.conf"].matchAll(/\$\{(\w+)\}/g)) if (!provided.has(name)) fail(`\${${name}} is not given to the container`);
const mount = container.volumeMounts?.find((m) => daemonSet.spec.template.spec.volumes.find((v) => v.name === m.name)?.configMap?.name === config.metadata.name);
if (mount?.mountPath.replace(/\/$/, "") !== "/fluent-bit/etc") fail("the ConfigMap must be mounted at /fluent-bit/etc, where the image reads fluent-bit.conf");
if (output) {
  if (output.keys.tls !== "On" || output.keys["tls.verify"] !== "On") fail("[OUTPUT] es must use TLS and verify the certificate");
  if (!output.keys.host || !output.keys.http_user || !output.keys.http_passwd) fail("[OUTPUT] es needs Host, HTTP_User and HTTP_Passwd");
}

// The tail path and tag, on the file names the kubelet writes: <pod>_<namespace>_<container>-<64 hex>.log.
// An application namespace of the rendered environment (the shipper itself runs in qraspire-logging).
const namespace = objects.find((o) => o.kind === "Namespace" && o.metadata.name !== "qraspire-logging")?.metadata.name ?? "qraspire-staging";
const expand = (text) => text;
const globToRegex = (glob) => new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*")}$`);
const id = "0123456789abcdef".repeat(4);
const ours = `/var/log/containers/qr-api-7d9f8c6b5-x2k4q_${namespace}_api-${id}.log`;
const others = [
  `/var/log/containers/coredns-5d78c9869d-abcde_kube-system_coredns-${id}.log`,
  `/var/log/containers/qr-api-7d9f8c6b5-x2k4q_other-ns_api-${id}.log`,
  `/var/log/containers/qr-log-shipper-x2k4q_qraspire-logging_fluent-bit-${id}.log`,
];
let tag;
if (input) {
  const path = globToRegex(expand(input.keys.path ?? ""));
  const excluded = (input.keys.exclude_path ?? "").split(",").filter(Boolean).map((p) => globToRegex(p.trim()));
  const tails = (file) => path.test(file) && !excluded.some((e) => e.test(file));
  if (!tails(ours)) fail(`[INPUT] Path ${input.keys.path} does not tail ${ours}`);
  for (const other of others) if (tails(other)) fail(`[INPUT] Path ${input.keys.path} also tails ${other}`);
  const groups = new RegExp(input.keys.tag_regex ?? "").exec(ours)?.groups;
  if (!groups) fail(`[INPUT] Tag_Regex does not match ${ours}`);
  else tag = (input.keys.tag ?? "").replace(/<(\w+)>/g, (_, n) => groups[n] ?? `<${n}>`);
  if (groups && (groups.pod !== "qr-api-7d9f8c6b5-x2k4q" || groups.namespace !== namespace || groups.container !== "api")) fail("[INPUT] Tag_Regex reads the wrong pod, namespace or container");
  for (const section of [...filters, output].filter(Boolean)) {
    if (tag && !globToRegex(section.keys.match ?? "").test(tag)) fail(`[${section.type}] Match ${section.keys.match} does not select the tag ${tag}`);
  }
}

// strptime formats as Fluent Bit reads them (%L: fractional seconds, any digits).
const timeRegex = (format) => new RegExp(`^${format.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/%([YmdHMSLz])/g, (_, c) =>
  ({ Y: "\\d{4}", m: "\\d{2}", d: "\\d{2}", H: "\\d{2}", M: "\\d{2}", S: "\\d{2}", L: "\\d+", z: "(?:Z|[+-]\\d{2}:?\\d{2})" })[c])}$`);
const cri = parsers[input?.keys.parser];
const json = parsers[filters.find((f) => f.keys.name === "parser")?.keys.parser];
if (cri?.format !== "regex" || json?.format !== "json") fail("the input parser must be a regex (CRI) and the filter's a json parser");
let lines = 0;
const levels = new Map();
for (const file of logFiles) {
  for (const line of readFileSync(file, "utf8").split("\n").filter((l) => l.trim())) {
    lines++;
    const criLine = `2026-11-27T18:18:19.240123456Z stdout F ${line}`;
    const record = new RegExp(cri?.regex ?? "$^").exec(criLine)?.groups;
    if (!record) {
      fail(`${file}: the cri parser does not match: ${criLine.slice(0, 120)}`);
      continue;
    }
    if (!timeRegex(cri.time_format).test(record[cri.time_key])) fail(`${file}: "${record[cri.time_key]}" is not in the cri Time_Format ${cri.time_format}`);
    let parsed;
    try {
      parsed = JSON.parse(record[filters.find((f) => f.keys.name === "parser")?.keys.key_name ?? "log"]);
    } catch {
      fail(`${file}: not JSON, would be shipped unparsed: ${line.slice(0, 120)}`);
      continue;
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) fail(`${file}: not a JSON object: ${line.slice(0, 120)}`);
    else if (!timeRegex(json.time_format).test(String(parsed[json.time_key]))) fail(`${file}: ${json.time_key} "${parsed[json.time_key]}" is not in the Time_Format ${json.time_format}`);
    else if (!parsed.level || !parsed.message) fail(`${file}: no level or message: ${line.slice(0, 120)}`);
    else levels.set(parsed.level, (levels.get(parsed.level) ?? 0) + 1);
  }
}
if (logFiles.length && !lines) fail(`no log lines in ${logFiles.join(", ")}`);

if (findings.length) {
  for (const finding of findings) console.error(`fluent-bit-check: ${finding}`);
  process.exit(1);
}
console.log(`fluent-bit-check: configuration consistent (tag ${tag}); ${lines} real log lines parsed into records (${[...levels].map(([l, n]) => `${n} ${l}`).join(", ") || "none given"})`);
