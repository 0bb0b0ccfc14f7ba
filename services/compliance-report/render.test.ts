import assert from "node:assert/strict";
import { escapeHtml, escapeMarkdown, render } from "./render";
import { buildReport } from "./report";

const report = buildReport({
  region: "us-east-1",
  generatedAt: new Date("2026-01-01T06:00:00Z"),
  rules: [
    {
      name: "pci-<b>x</b>",
      identifier: "S3_BUCKET_SSL_REQUESTS_ONLY",
      compliance: "NON_COMPLIANT",
      nonCompliantResources: [
        {
          resourceType: "AWS::S3::Bucket",
          resourceId: "a<script>alert(1)</script>",
          annotation: "\"quoted\" & 'single' | pipe",
        },
      ],
    },
  ],
});

describe("compliance report rendering", () => {
  it("should escape every HTML special character when rendering HTML", async () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });

  it("should never emit a resource's markup when rendering HTML", async () => {
    const html = render(report, "html");
    assert.ok(!html.includes("<script>") && html.includes("a&lt;script&gt;alert(1)&lt;/script&gt;"));
  });

  it("should escape rule names in HTML headings and cells when they contain tags", async () => {
    assert.ok(!render(report, "html").includes("<b>x</b>"));
  });

  it("should escape pipes so table cells stay intact when rendering Markdown", async () => {
    assert.equal(escapeMarkdown("a|b\nc"), "a\\|b c");
  });

  it("should list each non-compliant resource with its annotation when rendering Markdown", async () => {
    assert.match(
      render(report, "md"),
      /AWS::S3::Bucket `a<script>alert\(1\)<\/script>`: "quoted" & 'single' \\\| pipe/,
    );
  });

  it("should produce JSON that parses back to the report when rendering JSON", async () => {
    assert.deepEqual(JSON.parse(render(report, "json")), JSON.parse(JSON.stringify(report)));
  });

  it("should say what to check when no rules were found", async () => {
    const empty = buildReport({ region: "us-east-1", generatedAt: new Date(0), rules: [] });
    assert.match(render(empty, "md"), /No AWS Config rules found.*--rules-prefix/);
  });

  it("should render a 200,000-rule report in every format without running out of stack", async () => {
    const big = buildReport({
      region: "us-east-1",
      generatedAt: new Date("2026-01-01T06:00:00Z"),
      rules: Array.from({ length: 200_000 }, (_, i) => ({
        name: `pci-rule-${i}`,
        identifier: "S3_BUCKET_SSL_REQUESTS_ONLY",
        compliance: "COMPLIANT" as const,
        nonCompliantResources: [],
      })),
    });
    for (const format of ["md", "json", "html"] as const)
      assert.ok(render(big, format).includes("pci-rule-199999"), format);
  });
});

describe("compliance report rendering of exceptions", () => {
  const excepted = buildReport({
    region: "us-east-1",
    generatedAt: new Date("2026-01-01T06:00:00Z"),
    rules: [
      {
        name: "pci-s3-default-encryption-kms",
        identifier: "S3_DEFAULT_ENCRYPTION_KMS",
        compliance: "NON_COMPLIANT",
        nonCompliantResources: [
          { resourceType: "AWS::S3::Bucket", resourceId: "platform-prod-access-logs-123456789012" },
        ],
      },
    ],
  });

  it("should print the exception's reason, compensating control and approver next to the resource in Markdown", async () => {
    assert.match(
      render(excepted, "md"),
      /`platform-prod-access-logs-123456789012` — DOCUMENTED EXCEPTION .*SSE-S3.*Compensating control: .*Approved by compliance-team \(provisional\); review by 2027-01-31\./,
    );
  });

  it("should label the rule NON_COMPLIANT (documented exceptions only) in Markdown", async () => {
    assert.match(render(excepted, "md"), /\| NON_COMPLIANT \(documented exceptions only\) \| 1 \|/);
  });

  it("should print the exception in HTML", async () => {
    assert.match(render(excepted, "html"), /<em>DOCUMENTED EXCEPTION/);
  });
});
