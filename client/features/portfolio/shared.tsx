import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";

export type Rag = "green" | "amber" | "red";
export type MilestoneState = "onTime" | "doneLate" | "overdue" | "planned" | "cancelled";

export const RAG_COLOR: Record<Rag, string> = { green: "green", amber: "orange", red: "red" };

/** The RAG status as a badge with its word (never colour alone). */
export function RagBadge({ status, size = "md" }: { status: Rag; size?: "sm" | "md" | "lg" }) {
  const { t } = useTranslation();
  return (
    <Badge color={RAG_COLOR[status]} variant="filled" size={size}>
      {t(`portfolio.rag.${status}`)}
    </Badge>
  );
}

export interface MilestoneLike {
  status: string;
  dueDate: string;
  doneDate?: string | null;
  doneOnTime?: boolean | null;
  late: boolean;
}

/** How a milestone looks: done on time, done late, overdue, still planned or cancelled. */
export function milestoneState(m: MilestoneLike): MilestoneState {
  if (m.status === "cancelled") return "cancelled";
  if (m.status === "done") return m.doneOnTime === false ? "doneLate" : "onTime";
  return m.late ? "overdue" : "planned";
}

const STATE_COLOR: Record<MilestoneState, string> = {
  onTime: "green",
  doneLate: "orange",
  overdue: "red",
  planned: "blue",
  cancelled: "gray",
};

export function MilestoneStateBadge({ milestone }: { milestone: MilestoneLike }) {
  const { t } = useTranslation();
  const state = milestoneState(milestone);
  return (
    // Never narrower than its words: a table column would otherwise cut it off.
    <Badge color={STATE_COLOR[state]} variant="light" style={{ minWidth: "max-content" }}>
      {t(`portfolio.milestoneState.${state}`)}
    </Badge>
  );
}

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

export const todayIso = () => new Date().toISOString().slice(0, 10);
