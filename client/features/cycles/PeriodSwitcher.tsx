import { useTranslation } from "react-i18next";
import { ActionIcon, Group, Select, Tooltip } from "@mantine/core";
import { useFormat } from "../../ui/format";
import { IconChevronLeft, IconChevronRight } from "../../ui/icons";
import { parseQuarter, quarterOf, shiftQuarter } from "../../ui/quarters";

interface Props {
  period: string;
  /** First and last year of the plan: the quarters offered. */
  fromYear: number;
  toYear: number;
  onChange(period: string): void;
}

/** Previous / next quarter and a list of the plan's quarters. */
export function PeriodSwitcher({ period, fromYear, toYear, onChange }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const now = quarterOf();
  const first = `${Math.min(fromYear, parseQuarter(period)?.year ?? fromYear)}-Q1`;
  const last = `${Math.max(toYear, parseQuarter(period)?.year ?? toYear)}-Q4`;
  const options: string[] = [];
  for (let q = last; q >= first; q = shiftQuarter(q, -1)) options.push(q);
  const previous = shiftQuarter(period, -1);
  const next = shiftQuarter(period, 1);

  return (
    <Group gap={4} wrap="nowrap" className="no-print">
      <Tooltip label={format.period(previous)}>
        <ActionIcon
          variant="default"
          size="lg"
          aria-label={t("period.previous", { period: format.period(previous) })}
          onClick={() => onChange(previous)}
          disabled={previous < first}
        >
          <IconChevronLeft />
        </ActionIcon>
      </Tooltip>
      <Select
        aria-label={t("period.choose")}
        data={options.map((q) => ({
          value: q,
          label: q === now ? `${format.period(q)} (${t("period.current")})` : format.period(q),
        }))}
        value={period}
        onChange={(v) => v && onChange(v)}
        allowDeselect={false}
        w={190}
      />
      <Tooltip label={format.period(next)}>
        <ActionIcon
          variant="default"
          size="lg"
          aria-label={t("period.next", { period: format.period(next) })}
          onClick={() => onChange(next)}
          disabled={next > last}
        >
          <IconChevronRight />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
