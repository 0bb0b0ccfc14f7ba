/**
 * A loopback stand-in for the AWS Config API: JSON 1.1 protocol (POST /, X-Amz-Target
 * StarlingDoveService.<Operation>, application/x-amz-json-1.1), small pages with NextToken,
 * errors as {"__type", "message"} with their HTTP status. Tests only.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeRule {
  readonly name: string;
  readonly identifier?: string;
  readonly description?: string;
  readonly compliance?: "COMPLIANT" | "NON_COMPLIANT" | "NOT_APPLICABLE" | "INSUFFICIENT_DATA";
  readonly nonCompliant?: readonly { readonly type: string; readonly id: string; readonly annotation?: string }[];
}

export interface FakeConfigOptions {
  readonly rules: readonly FakeRule[];
  /** Items per page for every paginated operation. Default 2. */
  readonly pageSize?: number;
  /** The first N requests answer ThrottlingException. Default 0. */
  readonly throttleFirst?: number;
  /** Every request answers AccessDeniedException. */
  readonly denyAll?: boolean;
}

export interface FakeConfigService {
  readonly url: string;
  /** Operation names in the order received (throttled ones included). */
  readonly calls: string[];
  close(): Promise<void>;
}

type Handler = (body: Record<string, any>, o: FakeConfigOptions) => unknown;

function page<T>(items: readonly T[], token: string | undefined, size: number): { items: T[]; next?: string } {
  const start = token ? Number(token) : 0;
  const end = start + size;
  return { items: items.slice(start, end), next: end < items.length ? String(end) : undefined };
}

const HANDLERS: Readonly<Record<string, Handler>> = {
  DescribeConfigRules: (body, o) => {
    const p = page(o.rules, body.NextToken, o.pageSize ?? 2);
    return {
      ConfigRules: p.items.map((r) => ({
        ConfigRuleName: r.name,
        ConfigRuleArn: `arn:aws:config:us-east-1:123456789012:config-rule/${r.name}`,
        Description: r.description,
        Source: r.identifier
          ? { Owner: "AWS", SourceIdentifier: r.identifier }
          : { Owner: "CUSTOM_LAMBDA", SourceIdentifier: "arn:aws:lambda:us-east-1:123456789012:function:x" },
        ConfigRuleState: "ACTIVE",
      })),
      NextToken: p.next,
    };
  },
  DescribeComplianceByConfigRule: (body, o) => {
    const evaluated = o.rules.filter((r) => r.compliance !== undefined);
    const p = page(evaluated, body.NextToken, o.pageSize ?? 2);
    return {
      ComplianceByConfigRules: p.items.map((r) => ({
        ConfigRuleName: r.name,
        Compliance: {
          ComplianceType: r.compliance,
          ...(r.compliance === "NON_COMPLIANT"
            ? { ComplianceContributorCount: { CappedCount: r.nonCompliant?.length ?? 0, CapExceeded: false } }
            : {}),
        },
      })),
      NextToken: p.next,
    };
  },
  GetComplianceDetailsByConfigRule: (body, o) => {
    const rule = o.rules.find((r) => r.name === body.ConfigRuleName);
    if (!rule)
      return { error: 400, type: "NoSuchConfigRuleException", message: `rule ${body.ConfigRuleName} not found` };
    const p = page(rule.nonCompliant ?? [], body.NextToken, Math.min(body.Limit ?? 100, o.pageSize ?? 2));
    return {
      EvaluationResults: p.items.map((res) => ({
        EvaluationResultIdentifier: {
          EvaluationResultQualifier: { ConfigRuleName: rule.name, ResourceType: res.type, ResourceId: res.id },
        },
        ComplianceType: "NON_COMPLIANT",
        ResultRecordedTime: 1767225600,
        Annotation: res.annotation,
      })),
      NextToken: p.next,
    };
  },
};

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    "content-type": "application/x-amz-json-1.1",
    "x-amzn-requestid": "00000000-0000-0000-0000-000000000000",
  });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startFakeConfigService(options: FakeConfigOptions): Promise<FakeConfigService> {
  const calls: string[] = [];
  let throttled = 0;
  const server = createServer(async (req, res) => {
    const target = String(req.headers["x-amz-target"] ?? "");
    const [service, operation = ""] = target.split(".");
    const raw = await readBody(req);
    calls.push(operation);
    if (
      req.method !== "POST" ||
      service !== "StarlingDoveService" ||
      !String(req.headers["content-type"]).startsWith("application/x-amz-json-1.1")
    ) {
      return send(res, 400, {
        __type: "SerializationException",
        message: "expected POST / with X-Amz-Target StarlingDoveService.<Operation>",
      });
    }
    if (options.denyAll) {
      return send(res, 400, {
        __type: "AccessDeniedException",
        message: `User: arn:aws:iam::123456789012:user/test is not authorized to perform: config:${operation}`,
      });
    }
    if (throttled < (options.throttleFirst ?? 0)) {
      throttled++;
      return send(res, 400, { __type: "ThrottlingException", message: "Rate exceeded" });
    }
    const handler = HANDLERS[operation];
    if (!handler)
      return send(res, 400, { __type: "UnknownOperationException", message: `operation ${operation} is not faked` });
    const out = handler(raw ? JSON.parse(raw) : {}, options) as { error?: number; type?: string; message?: string };
    if (out.error) return send(res, out.error, { __type: out.type, message: out.message });
    send(res, 200, out);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A small account: one failing S3 rule (three resources), one compliant, one without data, one custom. */
export const SAMPLE_RULES: readonly FakeRule[] = [
  {
    name: "pci-test-s3-bucket-ssl-requests-only",
    identifier: "S3_BUCKET_SSL_REQUESTS_ONLY",
    compliance: "NON_COMPLIANT",
    nonCompliant: [
      {
        type: "AWS::S3::Bucket",
        id: "ingestion-<script>alert(1)</script>",
        annotation: "Bucket policy allows HTTP & | pipes",
      },
      { type: "AWS::S3::Bucket", id: "analytics-1", annotation: "No aws:SecureTransport deny" },
      { type: "AWS::S3::Bucket", id: "archive-1" },
    ],
  },
  {
    name: "pci-test-cmk-backing-key-rotation-enabled",
    identifier: "CMK_BACKING_KEY_ROTATION_ENABLED",
    compliance: "COMPLIANT",
  },
  { name: "pci-test-vpc-flow-logs-enabled", identifier: "VPC_FLOW_LOGS_ENABLED" },
  {
    name: "pci-test-custom-tagging",
    description: "Custom check. PCI DSS v4.0.1: 12.5.1",
    compliance: "NOT_APPLICABLE",
  },
  {
    name: "other-team-rule",
    identifier: "IAM_PASSWORD_POLICY",
    compliance: "NON_COMPLIANT",
    nonCompliant: [{ type: "AWS::::Account", id: "123456789012" }],
  },
];
