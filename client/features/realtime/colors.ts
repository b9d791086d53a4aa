/**
 * Collaborator colours: each is dark enough for white text (WCAG AA, ≥ 4.5:1; a test checks
 * it), because a caret's name label is small white text on that colour.
 */
export const COLLABORATOR_COLORS = [
  "#c2255c",
  "#087f5b",
  "#a34700",
  "#6741d9",
  "#0b7285",
  "#c92a2a",
  "#364fc7",
  "#1864ab",
  "#862e9c",
  "#2b7a3b",
] as const;

/** A stable colour per user, the same in every collaborator's browser. */
export function colorFor(userId: string): string {
  // FNV-1a then a final mix: ids made one after the other (ObjectIds differ in their last
  // digits) still land on different colours.
  let hash = 0x811c9dc5;
  for (const ch of userId) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193);
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  hash = (hash ^ (hash >>> 16)) >>> 0;
  return COLLABORATOR_COLORS[hash % COLLABORATOR_COLORS.length]!;
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5]
    .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG contrast ratio between two `#rrggbb` colours. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** Up to two initials for an avatar: "Ann Admin" → "AA". */
export function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return parts
    .slice(0, 2)
    .map((p) => p[0]!.toUpperCase())
    .join("");
}
