/**
 * Reads the shell commands out of the runbooks (docs/runbooks/*.md): every line of every ```sh
 * block, with continuation lines joined. The drill runs the failover runbook's "primary down"
 * promotion block from here, so it promotes exactly as the runbook says; the runbook test checks
 * every `npm run dr -- …` call against the CLI's parser and every variable for a definition.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";

export const ROOT = resolve(__dirname, "..", "..");
export const RUNBOOKS = ["docs/runbooks/failover.md", "docs/runbooks/failback.md"] as const;

export interface ShellCommand {
  readonly file: string;
  /** 1-based line of the command's first line. */
  readonly line: number;
  /** The command, continuation lines joined, comment removed. */
  readonly text: string;
  /** The trailing `# …` comment, if any. */
  readonly comment: string;
  /** The `<!-- drill: NAME -->` marker right before the block, if any. */
  readonly drill?: string;
  /** The last `## ` heading before the command. */
  readonly section: string;
  /** The prose between the previous block (or heading) and this command's block. */
  readonly preface: string;
}

/** Removes a trailing shell comment (a `#` that starts a word outside quotes). */
function splitComment(line: string): { code: string; comment: string } {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === "\\" && quote === '"') i++;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "\\") i++;
    else if (c === "#" && (i === 0 || /\s/.test(line[i - 1] ?? "")))
      return { code: line.slice(0, i).trimEnd(), comment: line.slice(i + 1).trim() };
  }
  return { code: line, comment: "" };
}

/** Every command of every ```sh block of a Markdown text. Pure. */
export function shellCommands(file: string, markdown: string): ShellCommand[] {
  const lines = markdown.split("\n");
  const out: ShellCommand[] = [];
  let inBlock = false;
  let drill: string | undefined;
  let pendingDrill: string | undefined;
  let buffer: { line: number; parts: string[]; comments: string[] } | undefined;
  let section = "";
  let prose: string[] = [];
  let preface = "";
  lines.forEach((raw, index) => {
    const fence = /^\s*```(\S*)/.exec(raw);
    if (fence) {
      if (inBlock) {
        inBlock = false;
        drill = undefined;
      } else if (fence[1] === "sh" || fence[1] === "bash") {
        inBlock = true;
        drill = pendingDrill;
        preface = prose.join(" ");
        prose = [];
      }
      pendingDrill = undefined;
      return;
    }
    if (!inBlock) {
      if (raw.startsWith("## ")) {
        section = raw.slice(3).trim();
        prose = [];
      } else if (raw.trim() !== "") prose.push(raw.trim());
      const marker = /<!--\s*drill:\s*([a-z-]+)\s*-->/.exec(raw);
      if (marker) pendingDrill = marker[1];
      else if (raw.trim() !== "") pendingDrill = undefined;
      return;
    }
    const { code, comment } = splitComment(raw);
    if (code.trim() === "" && !buffer) return;
    const continued = /\\$/.test(code);
    const piece = continued ? code.replace(/\\$/, "").trim() : code.trim();
    buffer ??= { line: index + 1, parts: [], comments: [] };
    buffer.parts.push(piece);
    if (comment) buffer.comments.push(comment);
    if (!continued) {
      out.push({
        file,
        line: buffer.line,
        text: buffer.parts.filter(Boolean).join(" "),
        comment: buffer.comments.join(" "),
        section,
        preface,
        ...(drill ? { drill } : {}),
      });
      buffer = undefined;
    }
  });
  return out;
}

export function runbookCommands(root = ROOT): ShellCommand[] {
  return RUNBOOKS.flatMap((file) => shellCommands(file, readFileSync(join(root, file), "utf8")));
}

/**
 * Splits a shell command into words the way sh would for the simple commands the runbooks use:
 * quotes, backslashes, `$VAR`/`${VAR}` expanded from `env` (unknown: empty), and the first `|`,
 * `;`, `&&`, `||` or redirection ending the command. Pure.
 */
export function shellWords(command: string, env: Readonly<Record<string, string | undefined>> = {}): string[] {
  const words: string[] = [];
  let word = "";
  let has = false;
  let i = 0;
  const expand = (): string => {
    const braced = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(command.slice(i));
    const plain = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(command.slice(i));
    const m = braced ?? plain;
    if (!m) {
      i++;
      return "$";
    }
    i += m[0].length;
    return env[m[1] as string] ?? "";
  };
  while (i < command.length) {
    const c = command[i] as string;
    if (/\s/.test(c)) {
      if (has) words.push(word);
      word = "";
      has = false;
      i++;
    } else if (
      c === "|" ||
      c === ";" ||
      c === "&" ||
      c === ">" ||
      c === "<" ||
      (c === "2" && command[i + 1] === ">" && !has)
    ) {
      break;
    } else if (c === "'") {
      const end = command.indexOf("'", i + 1);
      word += command.slice(i + 1, end < 0 ? undefined : end);
      has = true;
      i = end < 0 ? command.length : end + 1;
    } else if (c === '"') {
      i++;
      while (i < command.length && command[i] !== '"') {
        if (command[i] === "\\" && i + 1 < command.length) {
          word += command[i + 1];
          i += 2;
        } else if (command[i] === "$") word += expand();
        else word += command[i++];
      }
      i++;
      has = true;
    } else if (c === "\\") {
      word += command[i + 1] ?? "";
      i += 2;
      has = true;
    } else if (c === "$") {
      word += expand();
      has = true;
    } else {
      word += c;
      i++;
      has = true;
    }
  }
  if (has) words.push(word);
  return words;
}

/** The arguments after `npm run dr --` (or `npm run --silent dr --`), or undefined when the command is no such call. */
export function drArgv(command: string, env: Readonly<Record<string, string | undefined>> = {}): string[] | undefined {
  const m = /(?:^|[\s;&|(])npm\s+run\s+(?:--\S+\s+)*dr(?:\s+--)?(?=\s|$)(.*)$/.exec(command);
  if (!m) return undefined;
  return shellWords(m[1] as string, env);
}

/** Variables a command defines: `export X=`, `X=…` assignments (also before a command), `read … X`, `for X in`. */
export function definedVariables(command: string): string[] {
  const names = new Set<string>();
  for (const m of command.matchAll(/(?:^|[\s;&|])(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=/g)) names.add(m[1] as string);
  for (const m of command.matchAll(/(?:^|[\s;&|])read\s+(?:-[a-z]+\s+)*([A-Za-z_][A-Za-z0-9_]*)/g))
    names.add(m[1] as string);
  for (const m of command.matchAll(/(?:^|[\s;&|])for\s+([A-Za-z_][A-Za-z0-9_]*)\s+in\b/g)) names.add(m[1] as string);
  return [...names];
}

/** Variables a command expands (`$X`, `${X…}`), outside single quotes. */
export function usedVariables(command: string): string[] {
  const unquoted = command.replace(/'[^']*'/g, "''");
  return [...new Set([...unquoted.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1] as string))];
}

/** `unset X Y` */
export function unsetVariables(command: string): string[] {
  return [...command.matchAll(/(?:^|[\s;&|])unset\s+([A-Za-z_][A-Za-z0-9_ ]*)/g)].flatMap((m) =>
    (m[1] as string).trim().split(/\s+/),
  );
}
