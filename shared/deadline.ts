import { isIsoDate, lastDayOfMonth, parsePeriod } from "./periods";

export type DeadlineKind = "date" | "month" | "quarter" | "year" | "continuous" | "event";

/** When a target is due. `from`/`until` bound the period meant (YYYY-MM-DD, inclusive). */
export interface Deadline {
  kind: DeadlineKind;
  from?: string | null;
  until?: string | null;
  text: string;
}

/**
 * Builds a deadline from what a form sends: the kind and a value in the kind's
 * own notation. Returns an error key when the value does not fit the kind.
 */
export function deadlineFromInput(
  kind: DeadlineKind,
  value: string | null | undefined,
  text: string | null | undefined,
): { deadline: Deadline } | { error: string } {
  const v = (value ?? "").trim();
  const label = (text ?? "").trim();
  switch (kind) {
    case "date":
      if (!isIsoDate(v)) return { error: "errors.deadlineDate" };
      return { deadline: { kind, from: v, until: v, text: label || v } };
    case "month": {
      const p = parsePeriod(v);
      if (p?.kind !== "month") return { error: "errors.deadlineMonth" };
      return { deadline: { kind, from: p.start, until: p.end, text: label || v } };
    }
    case "quarter": {
      const p = parsePeriod(v);
      if (p?.kind !== "quarter") return { error: "errors.deadlineQuarter" };
      return { deadline: { kind, from: p.start, until: p.end, text: label || v } };
    }
    case "year": {
      const p = parsePeriod(v);
      if (p?.kind !== "year") return { error: "errors.deadlineYear" };
      return { deadline: { kind, from: p.start, until: p.end, text: label || v } };
    }
    case "continuous":
      if (v && !isIsoDate(v)) return { error: "errors.deadlineDate" };
      return {
        deadline: {
          kind,
          from: v || null,
          until: null,
          text: label || (v ? `≥ ${v}` : "continuous"),
        },
      };
    case "event":
      if (!label) return { error: "errors.deadlineEvent" };
      return { deadline: { kind, from: null, until: null, text: label } };
  }
}

/** The last day a dated deadline allows; null for continuous and event deadlines. */
export function dueDateOf(deadline: Deadline | null | undefined): string | null {
  if (!deadline) return null;
  if (deadline.kind === "continuous" || deadline.kind === "event") return null;
  return deadline.until ?? null;
}

export { lastDayOfMonth };
