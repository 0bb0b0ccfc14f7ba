/**
 * Argument validation shared by every component: collect every problem, name the field, skip
 * values not known yet, and throw once. Components call this first, before creating children.
 *
 *   validateArgs("platform:kms:Keys", name, (p) => {
 *     if (known(args.deletionWindowDays) && args.deletionWindowDays < 7) p.add("deletionWindowDays", "must be at least 7");
 *   });
 */
import * as pulumi from "@pulumi/pulumi";

/** Bad component arguments. A RunError, so `pulumi up` prints the message without a stack trace. */
export class ArgsError extends pulumi.RunError {
  constructor(
    /** The component type token, e.g. `platform:kms:Keys`. */
    readonly component: string,
    /** The component's logical name. */
    readonly resourceName: string,
    /** Every problem, each `<field>: <what is wrong and what is allowed>`. */
    readonly problems: readonly string[],
  ) {
    super(
      `${component} "${resourceName}" has ${problems.length} invalid argument${problems.length === 1 ? "" : "s"}:\n` +
        problems.map((p) => `  - ${p}`).join("\n"),
    );
    this.name = "ArgsError";
  }
}

/** Collects problems; each names the field it is about. */
export class Problems {
  private readonly list: string[] = [];

  /** Records a problem with `field` (a dotted path such as `tables[2].ttlAttribute`). */
  add(field: string, message: string): void {
    this.list.push(`${field}: ${message}`);
  }

  get all(): readonly string[] {
    return this.list;
  }
}

/**
 * Runs `check` with a fresh problem list and returns every problem found (no throw). Pure: use
 * it in tests to assert a message, and in `validateArgs` to enforce.
 */
export function collectProblems(check: (problems: Problems) => void): readonly string[] {
  const problems = new Problems();
  check(problems);
  return problems.all;
}

/** Throws one ArgsError listing every problem `check` finds; returns quietly when there are none. */
export function validateArgs(component: string, resourceName: string, check: (problems: Problems) => void): void {
  const problems = collectProblems(check);
  if (problems.length > 0) throw new ArgsError(component, resourceName, problems);
}

/**
 * True when a Pulumi Input holds a plain value now. Outputs and promises are not known while
 * the component is constructed, so validation skips them (the provider checks them later).
 */
export function known<T>(value: pulumi.Input<T> | undefined): value is T {
  if (value === undefined) return false;
  if (pulumi.Output.isInstance(value)) return false;
  if (value !== null && typeof (value as { then?: unknown }).then === "function") return false;
  return true;
}

/** Throws one ArgsError when `problems` (from a pure `…ArgsProblems` function) is not empty. */
export function assertValid(component: string, resourceName: string, problems: readonly string[]): void {
  if (problems.length > 0) throw new ArgsError(component, resourceName, problems);
}
