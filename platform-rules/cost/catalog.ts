/**
 * The price catalog (price-catalog.json beside this file): every unit price the cost estimate
 * uses, with its unit, the date it was read and its source, and for every resource type the
 * stacks create whether it is priced, free or billed by usage only (with the reason). Its JSON
 * Schema (price-catalog.schema.json) is generated from `PriceCatalogSchema` by `npm run docs`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD");

export const PriceSchema = z
  .object({
    usd: z.number().nonnegative().describe("Unit price in USD"),
    unit: z.string().min(1).describe("What one unit is, e.g. 'hour' or '1M requests'"),
    freePerMonth: z.number().nonnegative().optional().describe("Units a month that are always free (per account)"),
    read: isoDate.describe("When the price was read"),
    source: z.string().min(1).describe("Where it was read: the provider's pricing page"),
  })
  .strict();

export const TypeEntrySchema = z.discriminatedUnion("class", [
  z.object({ class: z.literal("priced") }).strict(),
  z.object({ class: z.literal("free"), reason: z.string().min(1) }).strict(),
  z.object({ class: z.literal("usage-only"), reason: z.string().min(1) }).strict(),
]);

export const PriceCatalogSchema = z
  .object({
    $schema: z.string().optional(),
    currency: z.literal("USD"),
    pricesAsOf: isoDate,
    hoursPerMonth: z.number().positive(),
    note: z.string().optional(),
    /** `<region>/<item>`; region `global` for global services (Route 53, Azure DNS). */
    prices: z.record(z.string().regex(/^[a-z0-9-]+\/[A-Za-z0-9-]+$/, "a key <region>/<item>"), PriceSchema),
    types: z.record(z.string().min(1), TypeEntrySchema),
  })
  .strict();

export type Price = z.infer<typeof PriceSchema>;
export type TypeEntry = z.infer<typeof TypeEntrySchema>;
export type PriceCatalog = z.infer<typeof PriceCatalogSchema>;

export const PRICE_CATALOG_PATH = join(__dirname, "price-catalog.json");

/** Parses a catalog document; throws one error naming every bad path. */
export function parsePriceCatalog(doc: unknown, source = PRICE_CATALOG_PATH): PriceCatalog {
  const result = PriceCatalogSchema.safeParse(doc);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `  ${i.path.join(".") || "(root)"}: ${i.message}`);
  throw new Error(`price catalog ${source} is invalid:\n${problems.join("\n")}`);
}

let cached: PriceCatalog | undefined;
/** The repository's catalog, read and validated once. */
export function loadPriceCatalog(): PriceCatalog {
  cached ??= parsePriceCatalog(JSON.parse(readFileSync(PRICE_CATALOG_PATH, "utf8")));
  return cached;
}

/** The JSON Schema of the catalog file, as committed next to it. */
export function priceCatalogJsonSchema(): unknown {
  return z.toJSONSchema(PriceCatalogSchema, { target: "draft-2020-12" });
}
