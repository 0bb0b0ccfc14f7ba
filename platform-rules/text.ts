/**
 * Text from outside (files, arguments, error messages) made safe to print: control characters,
 * terminal escape sequences included, are shown as \xNN and never reach the terminal.
 */

// eslint-disable-next-line no-control-regex -- escaping control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex -- the same, sparing tab (09) and line feed (0a)
const CONTROL_BUT_LAYOUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

const hex = (c: string) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`;

export interface PrintableOptions {
  /**
   * Keep line feeds and tabs (multi-line messages). Default true; false for a value that must
   * stay on one line (an argument quoted in an error).
   */
  readonly keepLayout?: boolean;
}

export function printable(text: string, options: PrintableOptions = {}): string {
  return text.replace(options.keepLayout === false ? CONTROL : CONTROL_BUT_LAYOUT, hex);
}
