import assert from "node:assert/strict";
import { parseArgs } from "../../services/dr/args";
import { runStack } from "../../stacks/offline/harness";
import {
  definedVariables,
  drArgv,
  RUNBOOKS,
  runbookCommands,
  shellCommands,
  shellWords,
  unsetVariables,
  usedVariables,
  type ShellCommand,
} from "./runbook";

const commands = runbookCommands();
const where = (c: ShellCommand) => `${c.file}:${c.line}: ${c.text}`;
/** Set by the shell or the login, not by the runbook. */
const AMBIENT = new Set(["HOME", "PATH", "USER"]);
/** Sections of the failover runbook on the critical path (until traffic is on Azure and verified). */
const CRITICAL = /^[0-6]\. /;

/** A placeholder for every variable, shaped like what the runbook puts there. */
function placeholderEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const c of commands) {
    for (const name of definedVariables(c.text)) {
      env[name] = /_URL$|CONNINFO$/.test(name)
        ? "postgres://u:p@db.example:5432/fx?sslmode=verify-full"
        : "x".repeat(24);
    }
  }
  return env;
}

describe("runbook commands (docs/runbooks)", () => {
  it("should find the session setup and the drill's promotion block", async () => {
    assert.ok(commands.some((c) => c.file === "docs/runbooks/failover.md" && c.section.startsWith("0. Session setup")));
    assert.ok(commands.some((c) => c.drill === "promote-primary-down"));
  });

  for (const file of RUNBOOKS) {
    it(`should define every variable before ${file} uses it`, async () => {
      const defined = new Set(AMBIENT);
      const problems: string[] = [];
      for (const c of commands.filter((x) => x.file === file)) {
        const own = definedVariables(c.text);
        for (const name of usedVariables(c.text))
          if (!defined.has(name) && !own.includes(name))
            problems.push(`${where(c)} uses $${name} before any definition`);
        for (const name of own) defined.add(name);
        for (const name of unsetVariables(c.text)) defined.delete(name);
      }
      assert.deepEqual(problems, []);
    });
  }

  it("should pass every npm run dr -- call through the CLI's parser", async () => {
    const env = placeholderEnv();
    const problems: string[] = [];
    for (const c of commands) {
      const argv = drArgv(c.text, env);
      if (!argv) continue;
      const parsed = parseArgs(argv, env);
      if (parsed.kind === "error") problems.push(`${where(c)} -> ${parsed.errors.join("; ")}`);
    }
    assert.deepEqual(problems, []);
    assert.ok(commands.filter((c) => drArgv(c.text) !== undefined).length >= 10);
  });

  it("should use sslmode=verify-full for every operator connection", async () => {
    const weak = commands.filter(
      (c) => /sslmode=(?!verify-full)/.test(c.text) && !/^export DR_SUBSCRIPTION_CONNINFO=/.test(c.text),
    );
    assert.deepEqual(weak.map(where), []);
  });

  it("should say why a subscription connection string to Aurora cannot verify the server", async () => {
    const subs = commands.filter((c) => /sslmode=require/.test(c.text));
    assert.ok(
      subs.every((c) => /server-side: Azure cannot hold the RDS CA/.test(c.comment)),
      subs.map(where).join("\n"),
    );
  });

  it("should read no stack output from Pulumi during a failover", async () => {
    assert.deepEqual(
      commands.filter((c) => c.file === "docs/runbooks/failover.md" && /pulumi\s/.test(c.text)).map(where),
      [],
    );
  });

  it("should mark every us-east-1 call on the failover's critical path as optional", async () => {
    const east = commands.filter(
      (c) =>
        c.file === "docs/runbooks/failover.md" &&
        CRITICAL.test(c.section) &&
        /us-east-1|aws\s+[a-z]/.test(c.text) &&
        !/--region "\$DR_GATE_REGION"/.test(c.text),
    );
    assert.deepEqual(east.filter((c) => !c.preface.includes("(only if AWS answers)")).map(where), []);
  });

  it("should read only outputs the prod stack exports", async function () {
    this.timeout(120_000);
    const outputs = (await runStack("prod")).outputs;
    const keys = commands.flatMap((c) =>
      [...c.text.matchAll(/jq -er \.([A-Za-z0-9_.]+) "\$DR_OUTPUTS"/g)].map((m) => m[1] as string),
    );
    const missing = keys.filter(
      (k) =>
        k.split(".").reduce<unknown>((o, part) => (o as Record<string, unknown> | undefined)?.[part], outputs) ===
        undefined,
    );
    assert.deepEqual([...new Set(missing)], []);
    assert.ok(keys.length >= 10);
  });
});

describe("shellCommands", () => {
  it("should join continuation lines and keep the comment apart", async () => {
    const [c] = shellCommands("x.md", "```sh\nnpm run dr -- lag \\\n  --standby-only   # note\n```\n");
    assert.deepEqual([c?.text, c?.comment], ["npm run dr -- lag --standby-only", "note"]);
  });

  it("should take the drill marker of the block right after it", async () => {
    const cs = shellCommands("x.md", "<!-- drill: promote-primary-down -->\n```sh\na\n```\n\n```sh\nb\n```\n");
    assert.deepEqual(
      cs.map((c) => c.drill),
      ["promote-primary-down", undefined],
    );
  });
});

describe("drArgv", () => {
  it("should return the arguments after npm run dr --, expanded, up to a pipe", async () => {
    assert.deepEqual(drArgv('npm run dr -- promote --standby-only 2>&1 | tee "p.log"'), ["promote", "--standby-only"]);
  });

  it("should read a call behind an environment assignment", async () => {
    assert.deepEqual(
      drArgv(
        'DR_APP_DB_PASSWORD="$(az keyvault secret show --id "$X" --query value -o tsv)" npm run dr -- set-app-password',
      ),
      ["set-app-password"],
    );
  });

  it("should ignore npm run dr:drill", async () => {
    assert.equal(drArgv("npm run dr:drill"), undefined);
  });

  it("should expand variables from the environment", async () => {
    assert.deepEqual(shellWords('a "$B" ${C}x', { B: "b b", C: "c" }), ["a", "b b", "cx"]);
  });
});

describe("usedVariables", () => {
  it("should ignore $ inside single quotes (awk, jq)", async () => {
    assert.deepEqual(usedVariables(`awk '{print $1}' "$TABLE"`), ["TABLE"]);
  });
});
