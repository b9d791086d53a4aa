/**
 * Reads a deadline phrase ("Tijdschema: doorlopend vanaf december 2025", "Échéance : T2 2026",
 * "tegen januari 2028", "einde mandaat") into a kind and the period it bounds. Dutch,
 * French and English; tolerant of OCR noise in month names and years.
 *
 * The order of the checks is the contract: a start ("vanaf X") and a range win over a
 * bare date, "doorlopend" wins over a date it mentions, a date wins over a vague
 * qualifier ("december 2025, afhankelijk van …"), and only a phrase with no date,
 * no period and no known event word is "not understood".
 */
import { findSpans, repairYears } from "./calendar";
import { foldText } from "./normalize";
import type { Deadline, DeadlineKind } from "./types";

export interface DeadlineReading {
  deadline: Deadline;
  /** False when the phrase matched nothing and was kept as an event by default. */
  isUnderstood: boolean;
}

const CONTINUOUS =
  /\b(?:doorlopend|continu|continue|continuous|continuously|permanent|permanente|voortdurend|ongoing|blijvend|structureel|en permanence)\b/;
const RECURRING = new RegExp(
  [
    "\\b(?:elke|iedere|elk|ieder)\\s+(?:dag|week|maand|kwartaal|trimester|semester|jaar)\\b",
    "\\bper\\s+(?:dag|week|maand|kwartaal|trimester|semester|jaar|day|week|month|quarter|year)\\b",
    "\\b(?:jaarlijks|maandelijks|driemaandelijks|wekelijks|halfjaarlijks|tweejaarlijks)\\b",
    "\\b(?:het\\s+hele|heel\\s+het|gans\\s+het)\\s+jaar\\b",
    "\\b(?:chaque|tous\\s+les|toutes\\s+les)\\s+(?:jour|semaine|mois|trimestre|semestre|an|annee)s?\\b",
    "\\bpar\\s+(?:jour|semaine|mois|trimestre|semestre|an|annee)\\b",
    "\\b(?:annuel|mensuel|trimestriel|hebdomadaire|semestriel)(?:le)?(?:ment)?s?\\b",
    "\\btout(?:e)?\\s+(?:au\\s+long\\s+de\\s+)?l'annee\\b",
    "\\bevery\\s+(?:day|week|month|quarter|year)\\b",
    "\\b(?:yearly|monthly|quarterly|weekly|annually|all\\s+year)\\b",
    "\\b(?:keer|maal)\\s+per\\b|\\bfois\\s+par\\b|\\btimes\\s+a\\b",
  ].join("|"),
);
const COUNT =
  "(?:\\d+|een|twee|drie|vier|vijf|zes|negen|twaalf|un|une|deux|trois|six|douze|one|two|three|six|twelve)";
const STRONG_EVENT = new RegExp(
  [
    "\\beinde?\\s+(?:van\\s+)?(?:het\\s+|de\\s+|zijn\\s+|haar\\s+)?(?:mandaat|mandaatperiode|legislatuur|regeerperiode|bestuursperiode)\\b",
    "\\bfin\\s+(?:du|de|de\\s+la|de\\s+son)\\s+(?:mandat|legislature)\\b",
    "\\bend\\s+of\\s+(?:the\\s+)?(?:mandate|term)\\b",
    `\\b(?:binnen|na)\\s+(?:de\\s+)?${COUNT}\\s+(?:dag|dagen|week|weken|maand|maanden|jaar|jaren)\\b`,
    `\\b${COUNT}\\s+(?:dagen|weken|maanden|jaar)\\s+na\\b`,
    `\\bdans\\s+(?:les\\s+|un\\s+delai\\s+de\\s+)?${COUNT}\\s+(?:jours|semaines|mois|ans|annees)\\b`,
    `\\b${COUNT}\\s+(?:jours|semaines|mois|ans)\\s+apres\\b`,
    `\\bwithin\\s+${COUNT}\\s+(?:days|weeks|months|years)\\b`,
  ].join("|"),
);
const WEAK_EVENT =
  /\b(?:afhankelijk\s+van|volgens|naargelang|zodra|na\s+afloop|na\s+(?:de|het)|bij\s+(?:de|het|elke|iedere)|voor\s+en\s+na|selon|en\s+fonction\s+d|des\s+que|apres|lors\s+d|avant\s+chaque|depending\s+on|according\s+to|as\s+soon\s+as|after|upon|before\s+each)\b/;
const UNTIL_BEFORE =
  /(?:^|\s)(?:tegen|uiterlijk(?:\s+(?:tegen|op|in|eind))?|ten\s+laatste(?:\s+(?:op|in|tegen|eind))?|voor|tot|eind|einde|eind\s+van|fin|fin\s+de|d'ici(?:\s+(?:a|fin))?|avant|au\s+plus\s+tard(?:\s+(?:le|en|fin))?|jusqu'?(?:a|au|en)?|by|before|until|no\s+later\s+than|end\s+of|the\s+end\s+of)\s*$/;
const FROM_BEFORE =
  /(?:^|\s)(?:vanaf|van\s+af|met\s+ingang\s+van|sinds|a\s+partir\s+d(?:e|u|'|es)?|des|depuis|from|starting(?:\s+(?:from|in))?|as\s+of)\s*$/;
const FROM_ANYWHERE =
  /(?:^|\s)(?:vanaf|met\s+ingang\s+van|a\s+partir\s+d|depuis|starting\s+from|as\s+of)\b/;
const RANGE_CONNECTOR =
  /^(?:-|–|—|\/|tot|tot\s+en\s+met|t\.e\.m\.?|a|au|jusqu'?(?:a|au|en)?|to|until|till|through)$/;

/** The phrase as the document writes it, without Markdown marks and trailing punctuation. */
export function cleanDeadlineText(text: string): string {
  return text
    .replace(/\*\*|__/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[.;,]+$/, "")
    .trim();
}

function buildDeadline(kind: DeadlineKind, text: string, from?: string, until?: string): Deadline {
  return { kind, ...(from ? { from } : {}), ...(until ? { until } : {}), text };
}

/** Reads a deadline phrase; null when it is empty. */
export function parseDeadline(phrase: string): DeadlineReading | null {
  const text = cleanDeadlineText(phrase);
  if (!text) return null;
  const folded = repairYears(foldText(text));
  const spans = findSpans(folded);
  const understood = (deadline: Deadline) => ({ deadline, isUnderstood: true });

  const started = spans.find((s) => FROM_BEFORE.test(folded.slice(0, s.start)));
  if (started) return understood(buildDeadline("continuous", text, started.from));

  for (let i = 0; i + 1 < spans.length; i++) {
    const [first, last] = [spans[i]!, spans[i + 1]!];
    if (RANGE_CONNECTOR.test(folded.slice(first.end, last.start).trim())) {
      return understood(buildDeadline(last.kind, text, first.from, last.until));
    }
  }
  if (CONTINUOUS.test(folded)) return understood(buildDeadline("continuous", text));
  if (STRONG_EVENT.test(folded)) return understood(buildDeadline("event", text));

  const first = spans[0];
  if (first) {
    const isUntilOnly = UNTIL_BEFORE.test(folded.slice(0, first.start));
    return understood(
      buildDeadline(first.kind, text, isUntilOnly ? undefined : first.from, first.until),
    );
  }
  if (RECURRING.test(folded) || FROM_ANYWHERE.test(folded)) {
    return understood(buildDeadline("continuous", text));
  }
  if (WEAK_EVENT.test(folded)) return understood(buildDeadline("event", text));
  return { deadline: buildDeadline("event", text), isUnderstood: false };
}
