import { badInput } from "../../errors";
import { localizedFrom, optionalText, requireText } from "../plans";
import type { Locale } from "../../../shared/domain";
import type { LocalizedValue } from "../../../shared/localized";
import {
  PROPOSAL_LIMITS,
  SMART_CRITERIA,
  deriveSmartScore,
  type SmartCriteria,
} from "../../../shared/proposals";
import type { Proposal } from "./model";

export interface ProposalInput {
  title?: string | null;
  problem?: string | null;
  proposal?: string | null;
  justification?: { text: string; source?: string | null }[] | null;
  expectedImpact?: {
    savingsPerYear?: number | null;
    quality?: string | null;
    fte?: number | null;
  } | null;
  smart?: SmartCriteria | null;
  attachments?: { label: string; url: string }[] | null;
}

function checkAmount(value: number | null | undefined, field: string, max: number) {
  if (value == null) return 0;
  if (!Number.isFinite(value) || value < 0 || value > max)
    throw badInput(field, "proposals.errors.amount", { max });
  return Math.round(value * 100) / 100;
}

function checkUrl(url: string, field: string): string {
  const trimmed = url.trim();
  let parsed: URL | null = null;
  try {
    parsed = new URL(trimmed);
  } catch {
    parsed = null;
  }
  // Links only: no javascript: or data: URLs that would run in a reader's browser.
  if (!parsed || !["http:", "https:"].includes(parsed.protocol))
    throw badInput(field, "proposals.errors.url");
  return trimmed;
}

/** The database fields an input changes, validated; texts go into the actor's language. */
export function fieldsFromInput(
  input: ProposalInput,
  locale: Locale,
  existing?: Pick<Proposal, "title" | "problem" | "proposal"> | null,
): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  if (input.title != null || !existing) {
    const title = requireText(input.title, "input.title", PROPOSAL_LIMITS.title);
    set.title = localizedFrom(title, locale, existing?.title);
  }
  for (const key of ["problem", "proposal"] as const) {
    if (input[key] === undefined) continue;
    const text = optionalText(input[key], `input.${key}`, PROPOSAL_LIMITS.text);
    set[key] = localizedFrom(text, locale, (existing?.[key] as LocalizedValue | null) ?? null);
  }
  if (input.justification != null) {
    if (input.justification.length > PROPOSAL_LIMITS.justificationItems)
      throw badInput("input.justification", "errors.tooLong", {
        max: PROPOSAL_LIMITS.justificationItems,
      });
    set.justification = input.justification.map((point, i) => ({
      text: requireText(point.text, `input.justification.${i}.text`, 2000),
      source: optionalText(point.source, `input.justification.${i}.source`, 500),
    }));
  }
  if (input.expectedImpact != null) {
    set.expectedImpact = {
      savingsPerYear: checkAmount(
        input.expectedImpact.savingsPerYear,
        "input.expectedImpact.savingsPerYear",
        1e10,
      ),
      quality: optionalText(input.expectedImpact.quality, "input.expectedImpact.quality", 2000),
      fte: checkAmount(input.expectedImpact.fte, "input.expectedImpact.fte", 10_000),
    };
  }
  if (input.smart != null) {
    const criteria: Record<string, { met: boolean; justification: string | null }> = {};
    for (const key of SMART_CRITERIA) {
      const check = input.smart[key];
      criteria[key] = {
        met: !!check?.met,
        justification: optionalText(check?.justification, `input.smart.${key}.justification`, 2000),
      };
    }
    set.smart = { criteria, score: deriveSmartScore(criteria) };
  }
  if (input.attachments != null) {
    if (input.attachments.length > PROPOSAL_LIMITS.attachments)
      throw badInput("input.attachments", "errors.tooLong", { max: PROPOSAL_LIMITS.attachments });
    set.attachments = input.attachments.map((a, i) => ({
      label: requireText(a.label, `input.attachments.${i}.label`, 200),
      url: checkUrl(a.url, `input.attachments.${i}.url`),
    }));
  }
  return set;
}
