import { useTranslation } from "react-i18next";
import { Button, Group } from "@mantine/core";
import { useFormat } from "../../ui/format";
import { SCOREBOARD_FORMATS, scoreboardExportUrl } from "./downloads";
import { IconDownload } from "../../ui/icons";
import "./transfer.css";

interface Props {
  planId: string;
  /** The quarter, as the routes write it: "2026-Q1". */
  period: string;
}

/**
 * The scoreboard of one quarter as files: plain links (the session cookie goes along), so
 * the browser's own download handling applies and nothing is held in memory here.
 */
export function ScoreboardExportMenu({ planId, period }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const periodLabel = format.period(period);
  return (
    <Group
      gap={6}
      role="group"
      aria-label={t("transfer.export.label", { period: periodLabel })}
      className="export-links no-print"
      wrap="nowrap"
    >
      {SCOREBOARD_FORMATS.map((kind) => (
        <Button
          key={kind}
          component="a"
          href={scoreboardExportUrl(planId, period, kind)}
          download
          variant="default"
          size="sm"
          leftSection={<IconDownload size={16} />}
          aria-label={t("transfer.export.linkLabel", {
            format: t(`transfer.export.${kind}`),
            period: periodLabel,
          })}
        >
          {t(`transfer.export.${kind}`)}
        </Button>
      ))}
    </Group>
  );
}
