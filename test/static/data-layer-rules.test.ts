import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The data layer must run on FerretDB v1 and MongoDB alike
 * (../shared/research/ferretdb-compat.md, rule 15): these calls are rejected or
 * silently ignored by FerretDB v1, so they must not appear in server code.
 */
const FORBIDDEN: [RegExp, string][] = [
  [/\.pull\(/, "doc-array pull() is a silent no-op on FerretDB: reassign a filtered array"],
  [
    /\$lookup|\$facet|\$graphLookup|\$replaceRoot/,
    "unsupported aggregation stage: use populate and compute in TS",
  ],
  [/withTransaction|startSession|\.transaction\(/, "no transactions: ordered idempotent steps"],
  [/\.watch\(/, "no change streams: publish after the write"],
  [
    /arrayFilters|\$position|\.\$\.|\$\[\]/,
    "positional updates and $push modifiers fail or are ignored",
  ],
  [/\.collation\(|collation:/, "no collation: normalized shadow fields"],
  [
    /expires:|expireAfterSeconds|partialFilterExpression|sparse:\s*true/,
    "TTL, partial and sparse indexes are unsupported",
  ],
  [/type:\s*["']text["']|\$text/, "no text indexes"],
];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "embedded-db" ? [] : sourceFiles(full);
    return /\.ts$/.test(entry.name) && !/\.test\.ts$|generated\.ts$/.test(entry.name) ? [full] : [];
  });
}

describe("data-layer rules", () => {
  // shared/ holds no data-layer code (no mongoose there), so only server/ is checked.
  const files = sourceFiles("server");

  it("finds the server sources", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(FORBIDDEN.map(([pattern, why]) => [String(pattern), pattern, why] as const))(
    "server code does not use %s",
    (_name, pattern, why) => {
      const hits = files.flatMap((file) =>
        fs
          .readFileSync(file, "utf8")
          .split("\n")
          .map((line, i) => ({ line, where: `${file}:${i + 1}` }))
          .filter(
            ({ line }) =>
              pattern.test(line) &&
              !line.trimStart().startsWith("//") &&
              !line.trimStart().startsWith("*"),
          ),
      );
      expect(hits.map((h) => `${h.where}  (${why})`)).toEqual([]);
    },
  );
});
