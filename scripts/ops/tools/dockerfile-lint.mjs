// Lints Dockerfiles with dockerfile-utils (the validator behind the VS Code Docker language server: instruction
// syntax, arguments, flags, stage references) plus our rules for every runtime stage: a pinned base (a
// version tag, never latest), USER 1000, an ENTRYPOINT in exec form. Exits 1 on any finding.
//   node dockerfile-lint.mjs FILE...
import { readFileSync } from "node:fs";
import { validate } from "dockerfile-utils";

let findings = 0;
const report = (file, line, message) => {
  console.error(`${file}:${line}: ${message}`);
  findings++;
};
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, "utf8");
  for (const d of validate(text)) report(file, d.range.start.line + 1, `${d.severity === 1 ? "error" : "warning"}: ${d.message}`);

  const lines = text.split("\n");
  const args = Object.fromEntries(lines.map((l) => /^ARG\s+(\w+)=(\S+)/.exec(l)).filter(Boolean).map((m) => [m[1], m[2]]));
  const stages = [];
  lines.forEach((line, index) => {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) stages.push({ image: from[1].replace(/\$\{(\w+)\}/, (_, n) => args[n] ?? ""), name: from[2], line: index + 1, body: [] });
    else if (stages.length) stages.at(-1).body.push(line);
  });
  const names = new Set(stages.map((s) => s.name));
  for (const stage of stages) {
    if (names.has(stage.image)) continue; // built on an earlier stage
    if (!/:[0-9][^:]*$/.test(stage.image) || /:latest$/.test(stage.image)) report(file, stage.line, `base image ${stage.image} is not pinned to a version tag`);
  }
  // A runtime stage is one no other stage builds on or copies from.
  const used = new Set([...stages.map((s) => s.image), ...[...text.matchAll(/--from=(\S+)/g)].map((m) => m[1])]);
  for (const stage of stages.filter((s) => !used.has(s.name))) {
    const body = stage.body.join("\n");
    if (!/^USER 1000(:1000)?$/m.test(body)) report(file, stage.line, `runtime stage ${stage.name} does not run as USER 1000`);
    if (!/^ENTRYPOINT \[/m.test(body)) report(file, stage.line, `runtime stage ${stage.name} has no exec-form ENTRYPOINT`);
    if (/^RUN /m.test(body)) report(file, stage.line, `runtime stage ${stage.name} runs commands: copy only what runs`);
  }
  if (!findings) console.log(`dockerfile-lint: ${file}: ${stages.length} stages, clean`);
}
process.exit(findings ? 1 : 0);
