// Helpers for the monitoring checks (scripts/ops/monitoring-check.sh, scripts/ops/prometheus-check.sh).
//   node monitoring.mjs lint-dashboards          the four boards with their required panels; every target has a query
//   node monitoring.mjs exprs                    every dashboard query and every rule expression, as JSON lines
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
          if (!target.expr?.trim()) problems.push(`${file}: panel "${panel.title}" target ${target.refId} has no expr`);
          if (target.datasource?.uid !== "${datasource}") problems.push(`${file}: panel "${panel.title}" is not bound to the datasource variable`);
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
    for (const { file, board } of dashboards()) {
      for (const panel of board.panels) {
        for (const target of panel.targets) console.log(JSON.stringify({ source: `${file}: ${panel.title} (${target.refId})`, expr: target.expr }));
      }
    }
    for (const { file, rule } of rules()) {
      console.log(JSON.stringify({ source: `${file}: ${rule.alert ?? rule.record}`, expr: rule.expr }));
    }
    break;
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
    console.error("usage: node monitoring.mjs lint-dashboards | exprs | alerts | static-sd IN OUT");
    process.exit(64);
}
