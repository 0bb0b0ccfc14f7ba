/**
 * The one way the repository's command lines are parsed (tools/ and the service CLIs):
 * node:util `parseArgs`, in its token mode so every problem is collected instead of only the
 * first one, each naming the flag. Values that look like a flag (`--a --b`) are not taken as
 * the value of `--a`: that is almost always a forgotten value, so `--a` is reported instead.
 */
import { parseArgs, type ParseArgsOptionsConfig } from "node:util";

export type FlagProblemKind = "unknown" | "missing-value" | "unexpected-value" | "repeated" | "positional";

export interface FlagProblem {
  readonly kind: FlagProblemKind;
  /** The flag as typed, e.g. `--stack` or `-x` (positional: the argument itself). */
  readonly flag: string;
  /** The default message; callers may phrase their own from kind and flag. */
  readonly message: string;
}

export type FlagValues = Record<string, string | boolean | string[] | undefined>;

export interface ParsedFlags {
  readonly values: FlagValues;
  readonly positionals: readonly string[];
  /** Every problem, in argument order; empty when the command line is well-formed. */
  readonly problems: readonly FlagProblem[];
}

export interface ParseFlagsOptions {
  /** Positional arguments allowed (default false: each is a problem). */
  readonly allowPositionals?: boolean;
}

const MESSAGES: Record<FlagProblemKind, (flag: string) => string> = {
  unknown: (flag) => `unknown flag ${JSON.stringify(flag)}`,
  "missing-value": (flag) => `${flag} needs a value`,
  "unexpected-value": (flag) => `${flag} takes no value`,
  repeated: (flag) => `${flag} given twice`,
  positional: (arg) => `unexpected argument ${JSON.stringify(arg)}`,
};

const problem = (kind: FlagProblemKind, flag: string): FlagProblem => ({ kind, flag, message: MESSAGES[kind](flag) });

type Token = NonNullable<ReturnType<typeof parseArgs>["tokens"]>[number];

/** parseArgs' tokens, except that a string flag never swallows a following `--flag` as its value. */
function tokenize(args: readonly string[], options: ParseArgsOptionsConfig): Token[] {
  const out: Token[] = [];
  let offset = 0;
  let rest = [...args];
  for (;;) {
    const { tokens } = parseArgs({ args: rest, options, strict: false, allowPositionals: true, tokens: true });
    const swallowed = tokens.findIndex(
      (t) =>
        t.kind === "option" &&
        options[t.name]?.type === "string" &&
        t.inlineValue === false &&
        typeof t.value === "string" &&
        t.value.startsWith("-") &&
        t.value.length > 1,
    );
    const keep = swallowed === -1 ? tokens : tokens.slice(0, swallowed + 1);
    for (const t of keep) out.push({ ...t, index: t.index + offset } as Token);
    if (swallowed === -1) return out;
    const t = tokens[swallowed] as Extract<Token, { kind: "option" }>;
    out[out.length - 1] = { ...t, index: t.index + offset, value: undefined, inlineValue: undefined };
    offset += t.index + 1;
    rest = rest.slice(t.index + 1);
  }
}

/**
 * Parses `args` against `options` (node:util's option config: type, short, multiple, default).
 * Never throws on a bad command line: the problems come back, each naming its flag.
 */
export function parseFlags(
  args: readonly string[],
  options: ParseArgsOptionsConfig,
  settings: ParseFlagsOptions = {},
): ParsedFlags {
  const values: FlagValues = {};
  const positionals: string[] = [];
  const problems: FlagProblem[] = [];
  let terminated = false;
  for (const t of tokenize(args, options)) {
    if (t.kind === "option-terminator") {
      terminated = true;
      continue;
    }
    if (t.kind === "positional") {
      if (settings.allowPositionals || terminated) positionals.push(t.value);
      else problems.push(problem("positional", t.value));
      continue;
    }
    const config = options[t.name];
    if (!config) {
      problems.push(problem("unknown", t.rawName));
      continue;
    }
    const flag = `--${t.name}`;
    if (config.type === "boolean") {
      if (t.inlineValue) problems.push(problem("unexpected-value", flag));
      else if (values[t.name] !== undefined && !config.multiple) problems.push(problem("repeated", flag));
      values[t.name] = true;
      continue;
    }
    if (t.value === undefined || t.value === "") {
      problems.push(problem("missing-value", flag));
      continue;
    }
    if (config.multiple) values[t.name] = [...((values[t.name] as string[] | undefined) ?? []), t.value];
    else if (values[t.name] !== undefined) problems.push(problem("repeated", flag));
    else values[t.name] = t.value;
  }
  for (const [name, config] of Object.entries(options))
    if (values[name] === undefined && config.default !== undefined) values[name] = config.default as string | boolean;
  return { values, positionals, problems };
}
