/**
 * Recognises what one cleaned line of a plan document is: a numbered heading
 * ("SD nr. 1:", "Meetpunt 1.3 (…):", "KRACHTLIJN 2", "Point de mesure 1.1 :"), a label
 * ("Te bereiken streefwaarde:", "Deadline:", "Échéance :", "*Indicatoren:*"), a known
 * section heading without content ("Transversale doelstellingen") or plain text.
 * Matching runs on folded text (lower case, no accents) so "Échéance" and "echeance",
 * "stratégique" and OCR's "strategique" are one word.
 */
import { foldText } from "./normalize";
import type { NodeKind } from "./types";

export type LineClass =
  /** `kind` null: a generic "Doelstelling 2" whose level depends on where it stands. */
  | { type: "heading"; kind: NodeKind | null; code: string; rest: string }
  | { type: "target"; rest: string }
  | { type: "deadline"; rest: string }
  | { type: "indicators"; rest: string }
  | { type: "kpi"; rest: string }
  | { type: "furniture"; isSection: boolean }
  | { type: "text" };

const CODE = "(\\d{1,2}(?:\\.\\d{1,2}){0,3})";
const NUMBER_WORD = "(?:\\s*(?:nr|n°|no|nummer|numero|num)\\.?)?\\s*";
const CODE_END = "\\.?(?=$|[\\s:;)(\\-–—,'‘’“”\"«])";

const HEADING_WORDS: [NodeKind | null, string][] = [
  [
    "strategic_line",
    "krachtlijn|kracht lijn|strategische lijn|strategische as|beleidslijn|beleidsas|axe strategique|axe|ligne strategique|ligne de force|strategic line|strategic axis|pijler|pilier|pillar",
  ],
  [
    "strategic_objective",
    "strategische doelstelling|strategisch doel|sd|s\\.d\\.|objectif strategique|os|strategic objective|strategic goal",
  ],
  [
    "transversal_objective",
    "transversale doelstelling|transversaal doel|td|objectif transversal|ot|transversal objective|cross-cutting objective",
  ],
  [
    "operational_objective",
    "operationele doelstelling|operationeel doel|od|o\\.d\\.|objectif operationnel|oo|operational objective",
  ],
  [
    "measurement_point",
    "meetpunt|point de mesure|point de mesurage|measurement point|measuring point",
  ],
  ["action", "actie|actiepunt|maatregel|action|mesure"],
  [null, "doelstelling|doel|objectif|objective|goal"],
];
const HEADINGS = HEADING_WORDS.map(
  ([kind, words]) => [kind, new RegExp(`^(?:${words})${NUMBER_WORD}${CODE}${CODE_END}`)] as const,
);

/** OCR reads a Word bullet as "e", "o", "©" or "¢" before the label. */
const OCR_BULLET = "(?:[eo0°¢©«»•·*-]\\s+)?";
const ORDINAL =
  "(?:(?:eerste|tweede|derde|vierde|vijfde|1e|2e|3e|4e|1ste|2de|3de|premier|premiere|deuxieme|second|seconde|troisieme|quatrieme|first|third|fourth)\\s+)?";
const LABEL_END = "(?:\\s*\\d{1,2})?\\s*[:;]\\s*";
const buildLabelPattern = (words: string) =>
  new RegExp(`^${OCR_BULLET}${ORDINAL}(?:${words})${LABEL_END}`);

const TARGET = buildLabelPattern(
  "te\\s+(?:bereiken|behalen)\\s+(?:streefwaarde|target|doel|resultaat)|streefwaarde|target|doelwaarde|beoogde?\\s+resultaat|objectif\\s+a\\s+atteindre|cible(?:\\s+a\\s+atteindre)?|valeur\\s+cible|resultat\\s+attendu|target\\s+to\\s+(?:reach|achieve)|expected\\s+result",
);
const DEADLINE = buildLabelPattern(
  "tijdschema|tijdpad|timing|deadline|termijn|uiterste\\s+datum|einddatum|planning|echeance|echeancier|calendrier|delai|date\\s+limite|date\\s+butoir|timeline|due\\s+date|due",
);
const INDICATORS = buildLabelPattern(
  "indicatoren|meetindicatoren|indicator|kpi'?s|kpi|indicateurs?|indicators?",
);
const KPI = new RegExp(`^${OCR_BULLET}(?:kpi|indicator|indicateur)\\s*\\d{1,2}\\s*[:.\\-–]\\s*`);
/** Section titles that name a level of the tree: what follows is outside the last objective. */
const SECTION =
  /^(?:strategische doelstellingen|transversale doelstellingen|operationele doelstellingen|bijdrage aan de transversale doelstellingen|krachtlijnen|objectifs (?:strategiques|transversaux|operationnels)|contribution aux objectifs transversaux|axes strategiques|strategic objectives|transversal objectives|operational objectives|strategic lines|contribution to the transversal objectives)\s*:?$/;
/** Words that introduce a list inside an objective ("Doelstellingen:"), no content of their own. */
const LIST_LABEL =
  /^(?:doelstellingen|meetpunten|acties|actieplan|objectifs|points de mesure|actions|plan d'action|objectives|measurement points|action plan)\s*:?$/;
const BARE_CODE = /^(\d{1,2}(?:\.\d{1,2}){1,3})\.?(?:\s*[:.)\-–—]\s*|\s+)(?=\S)/;
const PURE_CODE = /^(\d{1,2}(?:\.\d{1,2}){0,3})\.?$/;
/** Words a plan title never starts with; OCR leaves such fragments above the first heading. */
const NOT_A_TITLE =
  /^(?:meetpunt|point de mesure|actie|action|kpi|indicat|target|deadline|tijdschema|te bereiken|te behalen|streefwaarde|echeance|cible)/;

/** Classifies one line of text whose Markdown marks and bullet are already removed. */
export function classifyLine(text: string): LineClass {
  const folded = foldText(text);
  for (const [kind, pattern] of HEADINGS) {
    const match = pattern.exec(folded);
    if (match) return { type: "heading", kind, code: match[1]!, rest: text.slice(match[0].length) };
  }
  const kpi = KPI.exec(folded);
  if (kpi) return { type: "kpi", rest: text.slice(kpi[0].length).trim() };
  for (const [type, pattern] of [
    ["target", TARGET],
    ["deadline", DEADLINE],
    ["indicators", INDICATORS],
  ] as const) {
    const match = pattern.exec(folded);
    if (match) return { type, rest: text.slice(match[0].length).trim() };
  }
  const trimmed = folded.trim();
  if (SECTION.test(trimmed)) return { type: "furniture", isSection: true };
  if (LIST_LABEL.test(trimmed)) return { type: "furniture", isSection: false };
  return { type: "text" };
}

/** Reads "1.2 Title" / "1.2.3. Title": a number of two levels or more, then text. */
export function matchBareCode(text: string): { code: string; rest: string } | null {
  const match = BARE_CODE.exec(text.trim());
  return match ? { code: match[1]!, rest: text.trim().slice(match[0].length) } : null;
}

/** Reads a table cell that holds only a number ("1.1.1", "2."). */
export function matchPureCode(text: string): string | null {
  return PURE_CODE.exec(text.trim())?.[1] ?? null;
}

/** Tells whether a line can be the plan's title. */
export function isTitleCandidate(text: string): boolean {
  return (
    text.length >= 3 && text.length <= 300 && !NOT_A_TITLE.test(foldText(text)) && !/\t/.test(text)
  );
}

/**
 * Tells whether a line that directly follows another one starts a new item. A wrapped
 * line rarely starts with a capital followed by a label ("Tijdschema:", "Meetpunt 2.1"),
 * so a label in lower case there is taken as running text.
 */
export function startsWithCapital(text: string): boolean {
  return /^(?:[eo0°¢©«»]\s+)?[\p{Lu}\d]/u.test(text.trim());
}

const QUOTES: Record<string, string> = {
  "'": "'’",
  "‘": "’'",
  "“": '”"',
  '"': '"”',
  "«": "»",
  "„": "“”",
};
const SECTION_SUFFIX =
  /^[:\s–-]*(?:bijkomende meetpunten|aanvullende meetpunten|points de mesure (?:supplementaires|complementaires)|additional measurement points)?\s*$/;

/**
 * Turns what follows a heading's number into a title: "(Digitale toegang): tekst" gives
 * "Digitale toegang: tekst", "'Kwaliteit van de diensten': bijkomende meetpunten" gives
 * "Kwaliteit van de diensten".
 */
export function extractTitle(rest: string): string {
  let text = rest.replace(/^[\s:;.)\-–—]+/, "").trim();
  const open = text[0] ?? "";
  if (open === "(") {
    const close = text.indexOf(")");
    if (close > 0) {
      const name = text.slice(1, close).trim();
      const after = text
        .slice(close + 1)
        .replace(/^[\s:;.\-–—]+/, "")
        .trim();
      return after ? `${name}: ${after}` : name;
    }
  }
  const closers = QUOTES[open];
  if (closers) {
    for (let i = text.length - 1; i > 0; i--) {
      if (!closers.includes(text[i]!)) continue;
      const after = text.slice(i + 1);
      if (SECTION_SUFFIX.test(foldText(after))) return text.slice(1, i).trim();
      break;
    }
  }
  const suffix = /[:\s–-]+(?:bijkomende meetpunten|points de mesure suppl[ée]mentaires)\s*$/i.exec(
    text,
  );
  if (suffix) text = text.slice(0, suffix.index);
  return text.replace(/[\s:]+$/, "").trim();
}
