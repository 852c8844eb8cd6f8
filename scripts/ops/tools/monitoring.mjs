// Helpers for the monitoring checks (scripts/ops/monitoring-check.sh, scripts/ops/prometheus-check.sh).
//   node monitoring.mjs lint-dashboards          the four boards with their required panels; every target has a query
//   node monitoring.mjs exprs                    every dashboard PromQL query and every rule expression, as JSON lines
//   node monitoring.mjs sql                      every dashboard SQL query (the analytics panels), as JSON lines
//   node monitoring.mjs series                   every metric name a dashboard query or rule reads (not a recorded one)
//   node monitoring.mjs alerts                   every alert name, one a line
//   node monitoring.mjs static-sd IN OUT         IN with kubernetes_sd_configs replaced by static_configs (see below)
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse, stringify } from "yaml";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const monitoring = join(root, "deploy/monitoring");
const dashboardsDir = join(monitoring, "grafana/dashboards");
const rulesDir = join(monitoring, "prometheus/rules");

// The four boards and the panels each must have (docs/operations/monitoring.md#dashboards).
const requiredBoards = {
  "overview.json": ["Request rate (req/s)", "Error rate (%)", "P50/P95/P99 latency", "Active users"],
  "qr-generation.json": ["Generations per minute", "Generation latency", "By type (static/dynamic)", "By format (PNG/SVG/etc.)"],
  "redirects.json": ["Redirects per second", "Redirect latency", "Cache hit rate", "Geographic distribution"],
  "infrastructure.json": ["CPU usage (cores)", "Memory usage (working set)", "Pod count", "Database connections", "Redis memory"],
};

const dashboards = () =>
  readdirSync(dashboardsDir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((file) => ({ file, board: JSON.parse(readFileSync(join(dashboardsDir, file), "utf8")) }));

const rules = () =>
  readdirSync(rulesDir)
    .filter((f) => f.endsWith(".yml"))
    .sort()
    .flatMap((file) => parse(readFileSync(join(rulesDir, file), "utf8")).groups.flatMap((g) => g.rules.map((rule) => ({ file, rule }))));

const promql = () => [
  ...dashboards().flatMap(({ file, board }) =>
    board.panels.flatMap((panel) => panel.targets.filter((t) => t.expr).map((t) => ({ source: `${file}: ${panel.title} (${t.refId})`, expr: t.expr })))),
  ...rules().map(({ file, rule }) => ({ source: `${file}: ${rule.alert ?? rule.record}`, expr: rule.expr })),
];

// The metric names a PromQL expression reads: identifiers that are not functions (followed by "("), keywords,
// label names (inside {…} or by/without/on/ignoring/group_x (…)), durations or Grafana variables.
const keywords = new Set(["by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset", "inf", "nan"]);
function metricNames(expr) {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""')
    .replace(/\{[^}]*\}/g, " ")
    .replace(/\[[^\]]*\]/g, " ")
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, " ")
    .replace(/\$\{?\w+\}?/g, " ");
  const names = new Set();
  for (const match of stripped.matchAll(/(?<![\w:.])[A-Za-z_:][A-Za-z0-9_:]*(?=\s*(\()?)/g)) {
    if (match[1] || keywords.has(match[0].toLowerCase()) || /^\d/.test(match[0])) continue;
    names.add(match[0]);
  }
  return names;
}

const [command, ...rest] = process.argv.slice(2);
switch (command) {
  case "lint-dashboards": {
    const problems = [];
    const boards = dashboards();
    for (const [file, titles] of Object.entries(requiredBoards)) {
      const found = boards.find((b) => b.file === file);
      if (!found) {
        problems.push(`${file}: missing (a required board)`);
        continue;
      }
      const have = found.board.panels.map((p) => p.title);
      for (const title of titles) if (!have.includes(title)) problems.push(`${file}: no panel "${title}"`);
    }
    for (const { file, board } of boards) {
      if (!board.uid || !board.title) problems.push(`${file}: no uid or title`);
      const ids = new Set();
      for (const panel of board.panels) {
        if (ids.has(panel.id)) problems.push(`${file}: duplicate panel id ${panel.id}`);
        ids.add(panel.id);
        if (!panel.gridPos) problems.push(`${file}: panel "${panel.title}" has no gridPos`);
        if (!panel.targets?.length) problems.push(`${file}: panel "${panel.title}" has no query`);
        for (const target of panel.targets ?? []) {
          // Prometheus panels query ${datasource}; analytics panels (SQL over the scans and sessions tables) ${analytics}.
          const sql = target.datasource?.type === "grafana-postgresql-datasource";
          if (sql ? !target.rawSql?.trim() : !target.expr?.trim()) problems.push(`${file}: panel "${panel.title}" target ${target.refId} has no ${sql ? "rawSql" : "expr"}`);
          if (target.datasource?.uid !== (sql ? "${analytics}" : "${datasource}")) problems.push(`${file}: panel "${panel.title}" is not bound to the ${sql ? "analytics" : "datasource"} variable`);
          if (sql && !board.templating?.list?.some((v) => v.name === "analytics")) problems.push(`${file}: no analytics variable`);
        }
      }
    }
    if (problems.length) {
      problems.forEach((p) => console.error(`dashboards: ${p}`));
      process.exit(1);
    }
    const panels = boards.reduce((n, b) => n + b.board.panels.length, 0);
    console.log(`dashboards: ${boards.length} boards, ${panels} panels: the required boards and panels are there, every panel has a query`);
    break;
  }
  case "exprs":
    for (const { source, expr } of promql()) console.log(JSON.stringify({ source, expr }));
    break;
  case "sql":
    for (const { file, board } of dashboards()) {
      for (const panel of board.panels) {
        for (const target of panel.targets.filter((t) => t.rawSql)) console.log(JSON.stringify({ source: `${file}: ${panel.title} (${target.refId})`, sql: target.rawSql }));
      }
    }
    break;
  case "series": {
    const recorded = new Set(rules().map(({ rule }) => rule.record).filter(Boolean));
    const names = new Map();
    for (const { source, expr } of promql()) {
      for (const name of metricNames(expr)) if (!recorded.has(name)) names.set(name, [...(names.get(name) ?? []), source]);
    }
    for (const [name, sources] of [...names].sort()) console.log(JSON.stringify({ name, sources }));
    break;
  }
  case "alerts":
    for (const { rule } of rules()) if (rule.alert) console.log(rule.alert);
    break;
  case "static-sd": {
    // Debian's Prometheus is built without Kubernetes service discovery, so its promtool cannot parse
    // kubernetes_sd_configs. This writes a copy with each such block replaced by a static target, so that the
    // rest of the file (relabelling, rule files, alerting) is still checked by promtool.
    const [input, output] = rest;
    const config = parse(readFileSync(input, "utf8"));
    for (const scrape of config.scrape_configs ?? []) {
      if (scrape.kubernetes_sd_configs) {
        delete scrape.kubernetes_sd_configs;
        scrape.static_configs = [{ targets: ["kubernetes-sd.invalid:8080"] }];
      }
    }
    config.rule_files = (config.rule_files ?? []).map((f) => resolve(dirname(input), f));
    writeFileSync(output, stringify(config));
    break;
  }
  default:
    console.error("usage: node monitoring.mjs lint-dashboards | exprs | sql | series | alerts | static-sd IN OUT");
    process.exit(64);
}
