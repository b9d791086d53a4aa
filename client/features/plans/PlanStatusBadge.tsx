import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { PlanStatus } from "../../gql/graphql";

const COLORS: Record<PlanStatus, string> = {
  draft: "gray",
  in_consultation: "yellow",
  approved: "green",
  archived: "dark",
};

export function PlanStatusBadge({ status }: { status: PlanStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[status]} variant="light">
      {t(`statuses.${status}`)}
    </Badge>
  );
}
