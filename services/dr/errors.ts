/**
 * A DR precondition or check that failed: the operator must act before retrying. The CLI
 * prints `problems` one per line and exits 1; it never prints a stack trace for these.
 */
export class DrError extends Error {
  readonly problems: readonly string[];

  constructor(summary: string, problems: readonly string[] = []) {
    super(problems.length === 0 ? summary : `${summary}:\n  - ${problems.join("\n  - ")}`);
    this.name = "DrError";
    this.problems = problems;
  }
}
