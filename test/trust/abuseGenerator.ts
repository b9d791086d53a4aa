import fc from "fast-check";
import {
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from "graphql";

/**
 * Malformed GraphQL requests generated from the schema as it is at run time:
 * for every root field, operations with wrong, missing, oversized, injected or
 * garbage arguments, at the top level and inside input objects. Deterministic
 * for a seed (a small PRNG for choices, fast-check for the garbage values).
 */
export interface GeneratedRequest {
  field: string;
  kind: string;
  query: string;
  variables: Record<string, unknown>;
}

/** Real ids of the test database, so that some requests reach deep into resolvers. */
export interface IdPool {
  ids: string[];
  docNames: string[];
}

type Rng = () => number;

/** mulberry32: tiny, deterministic. */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

export const OPERATORS: unknown[] = [
  { $ne: null },
  { $gt: "" },
  { $where: "sleep(1000) || true" },
  { $regex: ".*" },
  { $in: ["a", "b"] },
  { $nor: [{ _id: null }] },
  { $expr: { $eq: [1, 1] } },
  ["$ne", null],
  "$ne",
  { __proto__: { isAdmin: true } },
  JSON.parse('{"__proto__": {"polluted": true}}'),
  { constructor: { prototype: { polluted: true } } },
];

export const BAD_IDS: unknown[] = [
  "",
  " ",
  "x",
  "0",
  "000000000000000000000000",
  "ffffffffffffffffffffffff",
  "zzzzzzzzzzzzzzzzzzzzzzzz",
  "5f".repeat(13),
  "../../../etc/passwd",
  "plan/../../x",
  "' OR 1=1 --",
  "a\u0000b",
  "\u0000",
  "💥".repeat(12),
  "%00%2e%2e",
  "$where",
  "a.b",
  "x".repeat(10_000),
  -1,
  1e21,
  true,
];

export const BAD_DATES: unknown[] = [
  "2026-13-45",
  "yesterday",
  "",
  "0000-00-00T00:00:00Z",
  "+275760-09-13T00:00:00.001Z",
  "-271821-04-20T00:00:00.000Z",
  "2026-02-30T25:61:61Z",
  "1e400",
  1e20,
  -1,
  0,
  "NaN",
  "Infinity",
  "2026-01-01T00:00:00Z\u0000",
];

export const BAD_INTS: unknown[] = [
  2 ** 31,
  -(2 ** 31) - 1,
  1.5,
  -1,
  0,
  1e308,
  "1",
  "",
  Number.MAX_SAFE_INTEGER,
  -0,
  1e9,
  101,
];

export const BAD_FLOATS: unknown[] = [1e308, -1e308, "1.5", "Infinity", "NaN", 5e-324, -0, ""];

/** Lengths around the limits we know of: titles, texts, the 1 MB body. */
export const HUGE_LENGTHS = [201, 256, 1001, 2001, 5001, 10_001, 100_001, 600_000];

const WRONG_TYPES: unknown[] = [
  42,
  -1.5,
  true,
  false,
  [],
  [1, 2],
  {},
  { a: 1 },
  "string",
  [[[[["nested"]]]]],
];

const garbageValues = fc.sample(
  fc.oneof(
    fc.anything({ maxDepth: 4, withNullPrototype: true, withSparseArray: false }),
    fc.string({ unit: "binary", maxLength: 200 }),
    fc.string({ unit: "grapheme", maxLength: 50 }),
    fc.double(),
  ),
  { seed: 20261127, numRuns: 400 },
);
/** JSON turns Infinity and -0 into something else; keep what survives as itself. */
const jsonSafeGarbage = garbageValues.map((v) => {
  try {
    return JSON.parse(JSON.stringify(v ?? null)) as unknown;
  } catch {
    return null;
  }
});

function unwrap(type: GraphQLInputType): GraphQLInputType {
  return isNonNullType(type) ? (type.ofType as GraphQLInputType) : type;
}

/** A plausible value for a type: what a real client would send. */
function plausible(type: GraphQLInputType, rng: Rng, pool: IdPool, depth = 0): unknown {
  const inner = unwrap(type);
  if (isListType(inner)) {
    return depth > 3 ? [] : [plausible(inner.ofType as GraphQLInputType, rng, pool, depth + 1)];
  }
  if (isEnumType(inner)) return pick(rng, inner.getValues()).value;
  if (isInputObjectType(inner)) {
    const out: Record<string, unknown> = {};
    for (const field of Object.values(inner.getFields())) {
      if (isNonNullType(field.type) || rng() < 0.5)
        out[field.name] = depth > 3 ? null : plausible(field.type, rng, pool, depth + 1);
    }
    return out;
  }
  if (isScalarType(inner)) {
    switch (inner.name) {
      case "ID":
        return rng() < 0.8 && pool.ids.length
          ? pick(rng, pool.ids)
          : pick(rng, BAD_IDS.slice(0, 6));
      case "Int":
        return pick(rng, [1, 2, 10, 2026, 50]);
      case "Float":
        return pick(rng, [0, 1.5, 42, 100]);
      case "Boolean":
        return rng() < 0.5;
      case "DateTime":
        return new Date(Date.UTC(2026, 0, 1 + Math.floor(rng() * 365))).toISOString();
      default:
        return rng() < 0.3 && pool.docNames.length
          ? pick(rng, pool.docNames)
          : pick(rng, ["Test", "2026-Q1", "2026", "nl", "plan", "Beleid & visie"]);
    }
  }
  return null;
}

/** A malformed value for a type, and the name of the trick used. */
function malformed(type: GraphQLInputType, rng: Rng): { kind: string; value: unknown } {
  const named = getNamedType(type);
  const roll = rng();
  if (roll < 0.12) return { kind: "operator", value: pick(rng, OPERATORS) };
  if (roll < 0.2) return { kind: "wrongType", value: pick(rng, WRONG_TYPES) };
  if (roll < 0.27) return { kind: "garbage", value: pick(rng, jsonSafeGarbage) };
  if (roll < 0.32) return { kind: "null", value: null };
  if (isEnumType(named)) {
    const values = named.getValues().map((v) => v.name);
    return {
      kind: "enum",
      value: pick(rng, [
        "NOT_A_VALUE",
        values[0]!.toUpperCase() === values[0]
          ? values[0]!.toLowerCase()
          : values[0]!.toUpperCase(),
        `${values[0]} `,
        "",
        0,
        "__proto__",
      ]),
    };
  }
  if (isInputObjectType(named)) {
    return {
      kind: "inputObject",
      value: pick(rng, [
        { unknownField: 1 },
        { $where: "1" },
        [],
        "input",
        Object.fromEntries(Object.keys(named.getFields()).map((k) => [k, { $ne: null }])),
      ]),
    };
  }
  switch (named.name) {
    case "ID":
      return { kind: "badId", value: pick(rng, BAD_IDS) };
    case "Int":
      return { kind: "badInt", value: pick(rng, BAD_INTS) };
    case "Float":
      return { kind: "badFloat", value: pick(rng, BAD_FLOATS) };
    case "Boolean":
      return { kind: "wrongType", value: pick(rng, ["true", 1, 0, "yes"]) };
    case "DateTime":
      return { kind: "badDate", value: pick(rng, BAD_DATES) };
    default:
      if (rng() < 0.6) {
        const length = pick(rng, HUGE_LENGTHS);
        return {
          kind: `huge${length}`,
          value: pick(rng, ["x", "é", "💥", "<", "\u0000"]).repeat(length),
        };
      }
      return {
        kind: "badString",
        value: pick(rng, [
          "",
          " ",
          "\u0000",
          "\ud800",
          "<script>alert(1)</script>",
          "{{x}}",
          "%s%n",
          "plan/x",
        ]),
      };
  }
}

/** Replaces one leaf (or a whole object) somewhere inside `value` along the type. */
function mutateInside(
  type: GraphQLInputType,
  value: unknown,
  rng: Rng,
): { kind: string; value: unknown } {
  const inner = unwrap(type);
  if (isInputObjectType(inner) && value && typeof value === "object" && rng() < 0.75) {
    const fields = Object.values(inner.getFields());
    const field = pick(rng, fields);
    const copy = { ...(value as Record<string, unknown>) };
    if (isNonNullType(field.type) && rng() < 0.15) {
      delete copy[field.name];
      return { kind: `missing ${field.name}`, value: copy };
    }
    const inside = mutateInside(field.type, copy[field.name] ?? plausibleStub(field.type), rng);
    copy[field.name] = inside.value;
    return { kind: `${field.name}.${inside.kind}`, value: copy };
  }
  if (isListType(inner) && rng() < 0.5) {
    const item = mutateInside(inner.ofType as GraphQLInputType, null, rng);
    return { kind: `[${item.kind}]`, value: [item.value] };
  }
  return malformed(type, rng);
}

const plausibleStub = (type: GraphQLInputType) =>
  isInputObjectType(getNamedType(type)) ? {} : null;

/** A selection for a field's result: enough to run its resolvers, cheap enough to pass. */
function selectionFor(field: GraphQLField<unknown, unknown>): string {
  const named = getNamedType(field.type);
  if (!isCompositeType(named)) return "";
  if (isObjectType(named) && "id" in named.getFields()) return " { __typename id }";
  return " { __typename }";
}

function typeString(type: GraphQLInputType): string {
  return String(type);
}

/** Builds `count` requests, round robin over every root field of the schema. */
export function generateRequests(
  schema: GraphQLSchema,
  pool: IdPool,
  count: number,
  seed: number,
): GeneratedRequest[] {
  const rng = createRng(seed);
  const roots = [
    ["query", schema.getQueryType()],
    ["mutation", schema.getMutationType()],
    ["subscription", schema.getSubscriptionType()],
  ] as const;
  const fields: { op: string; root: string; field: GraphQLField<unknown, unknown> }[] = [];
  for (const [op, type] of roots) {
    if (!type) continue;
    for (const field of Object.values(type.getFields()))
      fields.push({ op, root: type.name, field });
  }
  const requests: GeneratedRequest[] = [];
  for (let i = 0; i < count; i++) {
    const { op, root, field } = fields[i % fields.length]!;
    const args = field.args as readonly GraphQLArgument[];
    const values: Record<string, unknown> = {};
    for (const arg of args)
      if (isNonNullType(arg.type) || rng() < 0.5) values[arg.name] = plausible(arg.type, rng, pool);
    let kind = "plausible";
    let declared = args.filter((a) => a.name in values);
    let inlined: { name: string; literal: string } | null = null;
    const target = args.length ? pick(rng, args) : null;
    const roll = rng();
    if (target && roll < 0.1 && isNonNullType(target.type)) {
      // A required argument that is missing: from the document, or only its value.
      kind = `missing ${target.name}`;
      delete values[target.name];
      if (rng() < 0.5) declared = declared.filter((a) => a !== target);
    } else if (target && roll < 0.2) {
      // The bad value written into the document itself, not as a variable.
      const bad = malformed(target.type, rng);
      kind = `literal ${target.name}.${bad.kind}`;
      delete values[target.name];
      declared = declared.filter((a) => a !== target);
      inlined = { name: target.name, literal: toLiteral(bad.value) };
    } else if (target && roll < 0.3) {
      // A variable declared with the wrong type.
      kind = `declared ${target.name} as String`;
      values[target.name] = pick(rng, ["x", { $ne: null }, 1]);
      declared = declared.filter((a) => a !== target);
      inlined = { name: target.name, literal: `$${target.name}` };
      declaredWrong.set(target.name, "String");
    } else if (target && roll < 0.93) {
      const bad = mutateInside(
        target.type,
        values[target.name] ?? plausible(target.type, rng, pool),
        rng,
      );
      kind = `${target.name}.${bad.kind}`;
      values[target.name] = bad.value;
      if (!declared.includes(target)) declared.push(target);
    }
    // else: plausible values only (page sizes, ids of other units, …).
    const varDefs = declared.map((a) => `$${a.name}: ${typeString(a.type)}`);
    const argList = declared.map((a) => `${a.name}: $${a.name}`);
    if (inlined) {
      const wrong = declaredWrong.get(inlined.name);
      if (wrong) varDefs.push(`$${inlined.name}: ${wrong}`);
      argList.push(`${inlined.name}: ${inlined.literal}`);
    }
    declaredWrong.clear();
    const query =
      `${op} Abuse${varDefs.length ? `(${varDefs.join(", ")})` : ""} ` +
      `{ ${field.name}${argList.length ? `(${argList.join(", ")})` : ""}${selectionFor(field)} }`;
    requests.push({ field: `${root}.${field.name}`, kind, query, variables: values });
  }
  return requests;
}

const declaredWrong = new Map<string, string>();

/** A value as a GraphQL literal (objects with `$` keys become strings: not names). */
function toLiteral(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "null";
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(toLiteral).join(", ")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) =>
      /^[_A-Za-z][_0-9A-Za-z]*$/.test(k)
        ? `${k}: ${toLiteral(v)}`
        : `${JSON.stringify(k)}: ${toLiteral(v)}`,
    );
    return `{ ${entries.join(", ")} }`;
  }
  return "null";
}
