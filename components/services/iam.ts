/**
 * IAM policy documents built without invokes (the offline engine refuses unknown invokes, and a
 * document from `pulumi.jsonStringify` previews with its unknowns marked). Statements are
 * passed in by callers, so each function's role names exactly what it uses.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Problems } from "../common";

/** One Allow statement: actions on resources, optionally conditioned. */
export interface PolicyStatement {
  /** Statement id: letters and digits only. Optional. */
  readonly sid?: string;
  /** Actions like `dynamodb:GetItem`; a bare `*` or `service:*` is refused (least privilege). */
  readonly actions: readonly string[];
  /** Resource ARNs; at least one. `*` only for actions that support no resource scoping. */
  readonly resources: readonly pulumi.Input<string>[];
  /** IAM condition block, e.g. `{ StringEquals: { "kms:ViaService": "dynamodb.us-east-1.amazonaws.com" } }`. */
  readonly condition?: pulumi.Input<
    Record<string, Record<string, pulumi.Input<string | readonly pulumi.Input<string>[]>>>
  >;
}

/** `service:Action`, with `*` allowed only inside the action part after at least one letter. */
const ACTION = /^[a-z0-9-]+:[A-Za-z][A-Za-z0-9*]*$/;

/** Adds every problem with a list of statements to `p`, each naming `<field>[i]`. */
export function addStatementProblems(p: Problems, field: string, statements: readonly PolicyStatement[]): void {
  statements.forEach((s, i) => {
    const at = `${field}[${i}]`;
    if (s.sid !== undefined && !/^[A-Za-z0-9]+$/.test(s.sid))
      p.add(`${at}.sid`, `must be letters and digits only; got ${JSON.stringify(s.sid)}`);
    if (s.actions.length === 0) p.add(`${at}.actions`, "list at least one action");
    s.actions.forEach((a, j) => {
      if (!ACTION.test(a)) {
        p.add(
          `${at}.actions[${j}]`,
          `${JSON.stringify(a)} is not a scoped action; name it as service:Action (wildcards like "*" or "s3:*" are refused)`,
        );
      }
    });
    if (s.resources.length === 0) p.add(`${at}.resources`, "list at least one resource ARN");
  });
}

/** An IAM policy document (JSON text) from plain statement objects that may hold Outputs. */
export function policyDocument(statements: readonly pulumi.Input<Record<string, unknown>>[]): pulumi.Output<string> {
  return pulumi.jsonStringify({ Version: "2012-10-17", Statement: statements });
}

/** The IAM JSON form of a PolicyStatement. */
export function allowStatement(s: PolicyStatement): Record<string, unknown> {
  return {
    ...(s.sid ? { Sid: s.sid } : {}),
    Effect: "Allow",
    Action: [...s.actions],
    Resource: [...s.resources],
    ...(s.condition ? { Condition: s.condition } : {}),
  };
}

/**
 * Denies every action requested for a region outside `regions`. Nothing is exempted: the
 * functions call only regional services in the allowed regions (STS through its regional
 * endpoint, which the SDK v3 uses by default).
 */
export function regionDenyStatement(regions: readonly string[]): Record<string, unknown> {
  return {
    Sid: "DenyOutsideAllowedRegions",
    Effect: "Deny",
    Action: "*",
    Resource: "*",
    Condition: { StringNotEquals: { "aws:RequestedRegion": [...regions] } },
  };
}

/** Trust policy letting one AWS service assume a role. */
export function serviceTrustPolicy(service: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
  });
}
