import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer, type AddressInfo } from "node:net";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { main, parseCliArgs, UsageError } from "./cli";
import {
  startFakeConfigService,
  SAMPLE_RULES,
  type FakeConfigService,
} from "../../services/compliance-report/testing/fake-config-service";
import { TS_REGISTER } from "../run-ts";

const ROOT = resolve(__dirname, "../..");
const CLI = join(ROOT, "tools/compliance-report/cli.ts");

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Spawns the real CLI with only the environment given (plus PATH), like `npm run compliance:report`. */
function runCli(args: readonly string[], env: Record<string, string>): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["-r", TS_REGISTER, CLI, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", TS_NODE_TRANSPILE_ONLY: "true", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", fail);
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}

describe("compliance:report CLI", () => {
  let home: string;
  let fake: FakeConfigService;
  let denied: FakeConfigService;
  let throttling: FakeConfigService;
  let compliant: FakeConfigService;
  const creds = () => ({
    HOME: home,
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    AWS_EC2_METADATA_DISABLED: "true",
  });

  before(async () => {
    home = await mkdtemp(join(tmpdir(), "compliance-report-"));
    [fake, denied, throttling, compliant] = await Promise.all([
      startFakeConfigService({ rules: SAMPLE_RULES }),
      startFakeConfigService({ rules: SAMPLE_RULES, denyAll: true }),
      startFakeConfigService({ rules: SAMPLE_RULES, throttleFirst: 1 }),
      startFakeConfigService({ rules: SAMPLE_RULES.filter((r) => r.compliance !== "NON_COMPLIANT") }),
    ]);
  });
  after(async () => {
    await Promise.all([fake, denied, throttling, compliant].map((f) => f?.close()));
    await rm(home, { recursive: true, force: true });
  });

  it("should exit 1 and list the non-compliant buckets when a rule fails", async () => {
    const run = await runCli(["--endpoint", fake.url, "--region", "us-east-1"], creds());
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /## 4\.2\.1 [\s\S]*analytics-1`: No aws:SecureTransport deny/);
  });

  it("should exit 0 when every evaluated rule complies", async () => {
    const run = await runCli(["--endpoint", compliant.url], creds());
    assert.equal(run.code, 0, run.stderr);
  });

  it("should report only the stack's rules when a prefix is given", async () => {
    const run = await runCli(["--endpoint", fake.url, "--format", "json", "--rules-prefix", "pci-test-"], creds());
    const names = JSON.parse(run.stdout).requirements.flatMap((s: any) => s.rules.map((r: any) => r.name));
    assert.equal(names.includes("other-team-rule"), false);
  });

  it("should write escaped HTML to the file when --format html --out is given", async () => {
    const out = join(home, "report.html");
    const run = await runCli(["--endpoint", fake.url, "--format", "html", "--out", out], creds());
    const html = await readFile(out, "utf8");
    assert.equal(run.code, 1, run.stderr);
    assert.ok(html.includes("ingestion-&lt;script&gt;") && !html.includes("<script>"));
  });

  it("should succeed after a throttled request when AWS Config throttles once", async () => {
    const run = await runCli(["--endpoint", throttling.url, "--format", "json"], creds());
    assert.equal(run.code, 1, run.stderr);
    assert.equal(JSON.parse(run.stdout).summary.rules, SAMPLE_RULES.length);
  });

  it("should exit 2 with what permissions are missing when access is denied", async () => {
    const run = await runCli(["--endpoint", denied.url], creds());
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^compliance:report: Access denied by AWS Config .*config:DescribeConfigRules/m);
  });

  it("should exit 2 telling how to log in when no credentials exist", async () => {
    const run = await runCli(["--endpoint", fake.url], { HOME: home, AWS_EC2_METADATA_DISABLED: "true" });
    assert.equal(run.code, 2);
    // One line of ours; other lines on stderr (e.g. the AWS SDK's Node-version notice) are not ours to pin.
    assert.match(
      run.stderr,
      /^compliance:report: No AWS credentials found: set AWS_PROFILE or run `aws sso login` \(or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY\)\.$/m,
    );
    assert.doesNotMatch(run.stderr, /\n\s+at /);
  });

  it("should send no request when no credentials exist", async () => {
    const before = fake.calls.length;
    await runCli(["--endpoint", fake.url], { HOME: home, AWS_EC2_METADATA_DISABLED: "true" });
    assert.equal(fake.calls.length, before);
  });

  it("should exit 2 with usage and no stack trace when a flag is unknown", async () => {
    const run = await runCli(["--formt", "md"], creds());
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^compliance:report: Unknown option '--formt'[\s\S]*Usage:/);
    assert.doesNotMatch(run.stderr, /\n\s+at /);
  });
});

describe("compliance:report flags", () => {
  it("should reject an unknown format naming the allowed ones", async () => {
    assert.throws(
      () => parseCliArgs(["--format", "pdf"], {}),
      new UsageError('--format must be one of md, json, html; got "pdf"'),
    );
  });

  it("should reject an endpoint that is not an http(s) URL", async () => {
    assert.throws(() => parseCliArgs(["--endpoint", "localhost:4566"], {}), /--endpoint must be an http\(s\) URL/);
  });

  it("should reject a malformed region", async () => {
    assert.throws(() => parseCliArgs(["--region", "useast1"], {}), /--region must be an AWS region such as us-east-1/);
  });

  it("should take the region from AWS_REGION when no flag is given", async () => {
    assert.equal((parseCliArgs([], { AWS_REGION: "eu-west-1" }) as { region: string }).region, "eu-west-1");
  });

  it("should default to us-east-1 and Markdown when nothing is given", async () => {
    const options = parseCliArgs([], {});
    assert.deepEqual(options, {
      region: "us-east-1",
      endpoint: undefined,
      format: "md",
      out: undefined,
      rulesPrefix: undefined,
      timeoutSeconds: 300,
    });
  });

  describe("compliance:report CLI (an endpoint that never answers)", () => {
    it("should give up with exit 2 and say so when the endpoint accepts but never answers", async () => {
      const sockets: import("node:net").Socket[] = [];
      const silent = createServer((socket) => void sockets.push(socket)); // reads nothing, answers nothing
      await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      const home = await mkdtemp(join(tmpdir(), "compliance-report-"));
      try {
        const started = Date.now();
        const run = await runCli(["--endpoint", url, "--timeout", "2"], {
          HOME: home,
          AWS_ACCESS_KEY_ID: "test",
          AWS_SECRET_ACCESS_KEY: "test",
          AWS_EC2_METADATA_DISABLED: "true",
        });
        assert.equal(run.code, 2, run.stderr);
        assert.match(run.stderr, /did not answer within 2 s/);
        assert.ok(Date.now() - started < 60_000);
      } finally {
        for (const socket of sockets) socket.destroy();
        silent.close();
        await rm(home, { recursive: true, force: true });
      }
    });

    it("should refuse a --timeout that is not a whole number of seconds", async () => {
      assert.throws(() => parseCliArgs(["--timeout", "0"], {}), /--timeout must be a whole number of seconds/);
    });
  });
});

describe("compliance:report CLI entry (main)", () => {
  /**
   * Runs main() in a child whose event loop is kept alive by an interval (as a pending SDK retry
   * would), with a runCli that fails unexpectedly; gives up after 10 s.
   */
  const unexpectedFailure = (): Promise<Run> =>
    new Promise((done, fail) => {
      const script =
        `setInterval(() => {}, 1000);` +
        `require(${JSON.stringify(CLI)}).main([], { stdout: process.stdout, stderr: process.stderr, env: {} }, ` +
        `() => Promise.reject(new Error("boom")));`;
      const child = spawn(process.execPath, ["-r", TS_REGISTER, "-e", script], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? "", TS_NODE_TRANSPILE_ONLY: "true" },
      });
      const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      child.on("error", fail);
      child.on("close", (code) => {
        clearTimeout(killer);
        done({ code, stdout, stderr });
      });
    });

  it("should exit 2 after printing the failure when runCli fails unexpectedly while the event loop is busy", async () => {
    const run = await unexpectedFailure();
    assert.deepEqual([run.code, run.stderr], [2, "compliance:report: unexpected failure: boom\n"]);
  });

  it("should exit with runCli's code only after stdout has flushed", async () => {
    const order: string[] = [];
    const stream = (label: string) =>
      ({
        write: (text: string, done?: () => void) => {
          order.push(`${label}:${JSON.stringify(text)}`);
          setImmediate(() => done?.());
          return true;
        },
      }) as unknown as NodeJS.WritableStream;
    await main(
      [],
      { stdout: stream("stdout"), stderr: stream("stderr"), env: {} },
      async () => 1,
      (code) => order.push(`exit:${code}`),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(order, ['stdout:""', 'stderr:""', "exit:1"]);
  });
});
