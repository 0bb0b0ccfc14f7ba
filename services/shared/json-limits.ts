/**
 * Limits for JSON that services store as received. JavaScript changes some JSON silently: a
 * `__proto__` member vanishes from objects built by copying, 1e400 becomes Infinity (and then
 * null), 12345678901234567890 loses digits, and deep nesting overflows the stack of any
 * recursive walk. These checks find each case without recursion, so the input can be refused
 * with a reason instead of being stored altered or crashing the service.
 */

/** The deepest nesting of objects and arrays in JSON text, found by scanning (no parse, no recursion). */
export function jsonNestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > max) max = depth;
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
  return max;
}

const NUMBER_TEXT = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/** A decimal number text as sign, significant digits and exponent, e.g. "1.50" → ("", "15", -1). */
function decimalParts(text: string): { sign: string; digits: string; exponent: number } | undefined {
  const m = NUMBER_TEXT.exec(text);
  if (!m) return undefined;
  const fraction = m[3] ?? "";
  let digits = `${m[2]}${fraction}`.replace(/^0+/, "");
  let exponent = Number(m[4] ?? 0) - fraction.length;
  const trailing = /0+$/.exec(digits)?.[0].length ?? 0;
  digits = digits.slice(0, digits.length - trailing);
  exponent += trailing;
  // Zero has no sign worth keeping: JSON.stringify(-0) is "0".
  return digits === "" ? { sign: "", digits: "0", exponent: 0 } : { sign: m[1] ?? "", digits, exponent };
}

/**
 * Why a JSON number, as written (`source`) and as parsed (`value`), cannot be stored exactly, or
 * undefined when the parsed double is the same decimal number (however it was spelled).
 */
export function inexactNumberProblem(source: string, value: number): string | undefined {
  if (!Number.isFinite(value)) return `${source} is beyond the range of a double and would be stored as null`;
  const written = decimalParts(source);
  const stored = decimalParts(String(value).replace("e+", "e"));
  if (!written || !stored) return undefined;
  if (written.sign === stored.sign && written.digits === stored.digits && written.exponent === stored.exponent)
    return undefined;
  return `${source} cannot be held exactly by a double and would be stored as ${String(value)}; send it as a string`;
}

/**
 * JSON.parse that refuses numbers it would change (Node 22's reviver sees the source text).
 * Call only on text whose depth was checked first: the reviver walk is recursive.
 */
export function parseJsonExactly(text: string): { readonly value: unknown } | { readonly problem: string } {
  let problem: string | undefined;
  const value: unknown = JSON.parse(text, (_key, v: unknown, context?: { source?: string }) => {
    if (problem === undefined && typeof v === "number" && context?.source !== undefined)
      problem = inexactNumberProblem(context.source, v);
    return v;
  });
  return problem === undefined ? { value } : { problem };
}

/**
 * Problems with a parsed JSON value that would be stored altered: nesting deeper than
 * `maxDepth` (the value itself is level 1), `__proto__` members, non-finite numbers. Walks with
 * an explicit stack; stops at the first few problems.
 */
export function storedJsonProblems(value: unknown, maxDepth: number, path = ""): string[] {
  const problems: string[] = [];
  const stack: Array<{ value: unknown; depth: number; path: string }> = [{ value, depth: 1, path }];
  while (stack.length > 0 && problems.length < 5) {
    const item = stack.pop() as { value: unknown; depth: number; path: string };
    const v = item.value;
    if (typeof v === "number" && !Number.isFinite(v)) problems.push(`${item.path || "value"}: numbers must be finite`);
    if (v === null || typeof v !== "object") continue;
    if (item.depth > maxDepth) {
      problems.push(`${item.path || "value"}: nested more than ${maxDepth} levels`);
      continue;
    }
    for (const key of Object.keys(v)) {
      const child = `${item.path}${item.path ? "." : ""}${key}`;
      if (key === "__proto__")
        problems.push(`${child}: a member named __proto__ cannot be stored (JavaScript drops it); rename it`);
      else stack.push({ value: (v as Record<string, unknown>)[key], depth: item.depth + 1, path: child });
    }
  }
  return problems;
}
