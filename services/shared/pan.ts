/**
 * Primary account numbers (card numbers) must never be booked, stored or logged in clear
 * (PCI DSS v4.0.1 3.3, 3.4). The platform has no use for one, so anything that looks like a PAN,
 * 13–19 digits that pass the Luhn check, written in one run or in the groupings cards are printed
 * in (4-4-4-4[-1..3], 4-6-5 or 4-6-4, split by a space or a dash), is refused at the edge and
 * masked in every log line (13-digit runs only when they start with 4, as Visa's did: an epoch in
 * milliseconds has 13 digits too). Other digit groupings ("<pid>-<epoch ms>") are left alone: joining any
 * digits across separators would flag one in ten of them.
 */

const CANDIDATE = new RegExp(
  [
    "[0-9]{13,19}",
    "[0-9]{4}([ -])[0-9]{4}\\1[0-9]{4}\\1[0-9]{4}(?:\\1[0-9]{1,3})?",
    "[0-9]{4}([ -])[0-9]{6}\\2[0-9]{4,5}",
  ]
    .map((form) => `(?<![0-9])${form}(?![0-9])`)
    .join("|"),
  "g",
);

/** The Luhn (mod 10) check over a string of digits. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i -= 1) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

function isPan(candidate: string): boolean {
  const digits = candidate.replace(/[ -]/g, "");
  if (digits.length < 13 || digits.length > 19) return false;
  // Only Visa ever issued 13-digit cards; other 13-digit runs are mostly epoch milliseconds.
  if (digits.length === 13 && !digits.startsWith("4")) return false;
  return passesLuhn(digits);
}

/** True when the text contains something that looks like a card number. */
export function containsPan(text: string): boolean {
  for (const match of text.matchAll(CANDIDATE)) if (isPan(match[0])) return true;
  return false;
}

/** Replaces every PAN-like run with asterisks, keeping only its last four digits (PCI DSS 3.4.1). */
export function maskPans(text: string): string {
  if (text.length < 13) return text;
  return text.replace(CANDIDATE, (candidate) => {
    if (!isPan(candidate)) return candidate;
    const digits = candidate.replace(/[ -]/g, "");
    return `${"*".repeat(digits.length - 4)}${digits.slice(-4)}`;
  });
}

/** A JSON.stringify replacer that masks PANs in every string value (Powertools' jsonReplacerFn). */
export function maskPansReplacer(_key: string, value: unknown): unknown {
  return typeof value === "string" ? maskPans(value) : value;
}
