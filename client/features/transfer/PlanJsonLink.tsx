import { useTranslation } from "react-i18next";
import { Button } from "@mantine/core";
import { planJsonUrl } from "./downloads";
import { IconDownload } from "../../ui/icons";

/** "Download plan (JSON)": the whole plan as a Koers plan export, to keep or move. */
export function PlanJsonLink({ planId }: { planId: string }) {
  const { t } = useTranslation();
  return (
    <Button
      component="a"
      href={planJsonUrl(planId)}
      download
      variant="light"
      leftSection={<IconDownload size={16} />}
      title={t("transfer.planJson.hint")}
      className="no-print"
    >
      {t("transfer.planJson.label")}
    </Button>
  );
}
