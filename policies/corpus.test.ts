/**
 * The peer corpus (policies/fixtures/corpus): violating and compliant cases rebuilt as stack
 * exports from checkov's and cdk-nag's own test examples, each naming its source. A violating
 * case is caught when its policy reports a mandatory finding on one of the case's resources; a
 * compliant case must draw none from its policy. Issue 14 asks for >= 95 % caught, 0 flagged.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { findPolicy, PACKS } from "./catalog";
import { runPolicyPacks } from "./runner";
import { parseInput } from "./runner/input-file";

const DIR = path.join(__dirname, "fixtures", "corpus");

interface CorpusCase {
  readonly id: string;
  readonly peer: string;
  readonly source: string;
  readonly expect: "violation" | "compliant";
  readonly policy: string;
  readonly file: string;
}

const { cases } = JSON.parse(fs.readFileSync(path.join(DIR, "cases.json"), "utf8")) as { cases: CorpusCase[] };
const files = new Map<string, ReturnType<typeof parseInput>>();
const load = (file: string) => {
  if (!files.has(file)) files.set(file, parseInput(JSON.parse(fs.readFileSync(path.join(DIR, file), "utf8")), file));
  return files.get(file)!;
};

async function verdict(c: CorpusCase): Promise<boolean> {
  const input = load(c.file);
  const mine = input.resources.filter((r) => r.name.startsWith(`${c.id}--`));
  const shared = input.resources.filter((r) => !r.name.includes("--"));
  const entry = findPolicy(c.policy)!;
  const pack = PACKS.find((p) => p.name === entry.pack)!;
  const findings = await runPolicyPacks([...shared, ...mine], {
    stack: "corpus",
    project: "platform",
    packs: [{ ...pack, policies: [entry.definition] }],
  });
  const urns = new Set(mine.map((r) => r.urn));
  return findings.some((f) => f.enforcementLevel === "mandatory" && (f.urn === undefined || urns.has(f.urn)));
}

describe("peer corpus (checkov and cdk-nag failing examples)", () => {
  it("should name only policies of the catalog and cases with resources", async () => {
    const bad = cases.filter(
      (c) => !findPolicy(c.policy) || load(c.file).resources.every((r) => !r.name.startsWith(`${c.id}--`)),
    );
    assert.deepEqual(
      bad.map((c) => c.id),
      [],
    );
  });

  it("should catch at least 95 % of the violating cases", async () => {
    const violating = cases.filter((c) => c.expect === "violation");
    const missed: string[] = [];
    for (const c of violating) if (!(await verdict(c))) missed.push(`${c.id} (${c.policy}; ${c.source})`);
    const rate = (violating.length - missed.length) / violating.length;
    console.log(
      `      corpus: caught ${violating.length - missed.length} / ${violating.length} violating ` +
        `cases (${(rate * 100).toFixed(1)} ` +
        `%)${missed.length ? `; missed: ${missed.join("; ")}` : ""}`,
    );
    assert.ok(rate >= 0.95, `caught ${(rate * 100).toFixed(1)} %; missed:\n  ${missed.join("\n  ")}`);
  });

  it("should flag no compliant case", async () => {
    const flagged: string[] = [];
    for (const c of cases.filter((x) => x.expect === "compliant"))
      if (await verdict(c)) flagged.push(`${c.id} (${c.policy})`);
    assert.deepEqual(flagged, []);
  });

  it("should cover every policy of the baseline pack with a violating case", async () => {
    const covered = new Set(cases.filter((c) => c.expect === "violation").map((c) => c.policy));
    assert.deepEqual(
      PACKS.find((p) => p.name === "baseline")!
        .policies.map((p) => p.name)
        .filter((n) => !covered.has(n)),
      [],
    );
  });
});
