/** A message catalogue: nested keys down to texts. */
export interface Catalogue {
  [key: string]: string | Catalogue;
}

/**
 * Merges the catalogue of the core (`<lang>.json`) with those of the feature areas
 * (`<area>/<lang>.json`), so each area keeps its texts in its own files. A key defined
 * twice is a bug and fails at load.
 */
export function mergeCatalogues(parts: Catalogue[], path = ""): Catalogue {
  const merged: Catalogue = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      const existing = merged[key];
      if (existing === undefined) merged[key] = value;
      else if (typeof existing === "object" && typeof value === "object")
        merged[key] = mergeCatalogues([existing, value], `${path}${key}.`);
      else throw new Error(`message key defined twice: ${path}${key}`);
    }
  }
  return merged;
}
