import { strict as assert } from "node:assert";
import { publicationProblems } from "./publication";
import { resetTarget } from "./sequences";
import { schemaProblems } from "./subscription";

describe("dr checks", () => {
  describe("resetTarget", () => {
    it("should return max + margin when the sequence is behind its data", async () => {
      assert.equal(resetTarget(41n, 1n, 1000n, 2n ** 63n - 1n), 1041n);
    });

    it("should leave a sequence alone when it is already ahead of its data", async () => {
      assert.equal(resetTarget(41n, 42n, 1000n, 2n ** 63n - 1n), undefined);
    });

    it("should reset a sequence whose next value equals the max in data", async () => {
      assert.equal(resetTarget(42n, 42n, 10n, 1000n), 52n);
    });

    it("should refuse a target beyond the sequence maximum", async () => {
      assert.throws(
        () => resetTarget(2147483000n, 1n, 1000n, 2147483647n, "public.accounts_id_seq"),
        /max\(id\) 2147483000 \+ margin 1000 exceeds the sequence maximum 2147483647; use a smaller --sequence-margin/,
      );
    });
  });

  describe("publicationProblems", () => {
    it("should name a missing schema", async () => {
      assert.deepEqual(publicationProblems([], ["ledger"], new Set()), [
        "schema ledger does not exist on the primary; create it (apply the migrations) or fix --schemas",
      ]);
    });

    it("should accept a table with replica identity full and no primary key", async () => {
      assert.deepEqual(
        publicationProblems(
          [{ schema: "public", name: "t", replicaIdentity: "f", hasPrimaryKey: false }],
          ["public"],
          new Set(["public"]),
        ),
        [],
      );
    });

    it("should name a table with no primary key and default replica identity", async () => {
      const problems = publicationProblems(
        [{ schema: "public", name: "t", replicaIdentity: "d", hasPrimaryKey: false }],
        ["public"],
        new Set(["public"]),
      );
      assert.match(problems[0] ?? "", /^table public\.t has no primary key or replica identity/);
    });
  });

  describe("schemaProblems", () => {
    const published = [{ schema: "public", name: "trades", columns: ["ref", "pair"] }];
    const primary = new Map([
      [
        "public.trades",
        new Map([
          ["ref", "bigint"],
          ["pair", "text"],
        ]),
      ],
    ]);

    it("should name a table missing on the standby", async () => {
      assert.deepEqual(schemaProblems(published, primary, new Map()), [
        "table public.trades is missing on the standby",
      ]);
    });

    it("should name a column whose type differs", async () => {
      const standby = new Map([
        [
          "public.trades",
          new Map([
            ["ref", "integer"],
            ["pair", "text"],
          ]),
        ],
      ]);
      assert.deepEqual(schemaProblems(published, primary, standby), [
        "column public.trades.ref is integer on the standby but bigint on the primary",
      ]);
    });

    it("should accept extra standby columns", async () => {
      const standby = new Map([
        [
          "public.trades",
          new Map([
            ["ref", "bigint"],
            ["pair", "text"],
            ["note", "text"],
          ]),
        ],
      ]);
      assert.deepEqual(schemaProblems(published, primary, standby), []);
    });
  });
});
