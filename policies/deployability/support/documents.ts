/** Reads IAM-style policy documents (JSON text or objects) as lists of statements. */
import { asArray, asObject, asString, parseJsonish } from "../../lib/props";

export interface Statement {
  readonly sid: string | undefined;
  readonly effect: string | undefined;
  /** `Action` and `NotAction` entries, each as written. */
  readonly actions: readonly string[];
  readonly principal: unknown;
  readonly condition: Readonly<Record<string, unknown>>;
}

/** The statements of a policy document; [] when the document is absent or not JSON. */
export function statements(document: unknown): Statement[] {
  const doc = asObject(parseJsonish(document));
  const raw = doc?.["Statement"];
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.flatMap((s) => {
    const o = asObject(s);
    if (!o) return [];
    const actions = [o["Action"], o["NotAction"]].flatMap((a) => (Array.isArray(a) ? a : a === undefined ? [] : [a]));
    return [
      {
        sid: asString(o["Sid"]),
        effect: asString(o["Effect"]),
        actions: actions.map((a) => String(a)),
        principal: o["Principal"],
        condition: asObject(o["Condition"]) ?? {},
      },
    ];
  });
}

/** Service principals a statement names (`Principal.Service`, string or list). */
export function servicePrincipals(statement: Statement): string[] {
  return asArray([asObject(statement.principal)?.["Service"]].flat()).filter((s): s is string => typeof s === "string");
}

/** Condition keys used anywhere in a statement's Condition block, lower-cased. */
export function conditionKeys(statement: Statement): string[] {
  return Object.values(statement.condition).flatMap((block) =>
    Object.keys(asObject(block) ?? {}).map((k) => k.toLowerCase()),
  );
}

/** "Statement 2 (Sid DenyInsecureTransport)" for messages. */
export function statementLabel(statement: Statement, index: number): string {
  return `statement ${index + 1}${statement.sid ? ` (Sid ${statement.sid})` : ""}`;
}
