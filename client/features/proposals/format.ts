import { useTranslation } from "react-i18next";
import type { ProposalStage } from "../../../shared/proposals";

/** Euro amounts without cents, in the user's locale. */
export function useEuro() {
  const { i18n } = useTranslation();
  const locale = i18n.language === "en" ? "en-GB" : `${i18n.language}-BE`;
  const format = new Intl.NumberFormat(locale, {
    style: "currency",
    currency: "EUR",
    maximumFractionDigits: 0,
  });
  return (value: number | null | undefined) => (value == null ? "–" : format.format(value));
}

/** Badge colour per stage: grey while with the author, blue on the way, green/red when decided. */
export const STAGE_COLOR: Record<ProposalStage, string> = {
  draft: "gray",
  adjustments_requested: "orange",
  submitted: "blue",
  forwarded: "blue",
  validated: "indigo",
  advised: "violet",
  approved: "green",
  approved_with_amendments: "teal",
  rejected: "red",
  deferred: "yellow",
  in_implementation: "cyan",
  realised: "green",
};

/** SMART score colour: the share of criteria met and justified. */
export const scoreColor = (score: number) =>
  score >= 80 ? "green" : score >= 60 ? "yellow" : "red";
