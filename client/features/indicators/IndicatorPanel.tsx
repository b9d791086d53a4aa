import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Badge, Group, Paper, Skeleton, Stack, Table, Text } from "@mantine/core";
import { graphql, getFragmentData, type FragmentType } from "../../gql";
import type { Comparator } from "../../gql/graphql";
import { useFormat } from "../../ui/format";
import { comparePeriods } from "../../ui/quarters";

// recharts stays out of the first bundle: it is fetched when a chart is first drawn.
const IndicatorChart = lazy(() => import("./IndicatorChart"));

export const IndicatorPanelFragment = graphql(`
  fragment IndicatorPanel_indicator on Indicator {
    id
    name {
      text
    }
    unit
    direction
    baseline
    targetValue
    frequency
    measurements {
      id
      period
      value
      comment
      recordedBy {
        id
        name
      }
      recordedAt
    }
  }
`);

interface Props {
  indicator: FragmentType<typeof IndicatorPanelFragment>;
  /** The numeric goal of the target this indicator is measured against, if any. */
  goal?: { value: number; comparator: Comparator } | null;
}

/** One indicator: its chart against the target, a summary as text, and the table of values. */
export function IndicatorPanel(props: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const indicator = getFragmentData(IndicatorPanelFragment, props.indicator);
  const measurements = [...indicator.measurements].sort((a, b) =>
    comparePeriods(a.period, b.period),
  );
  const targetValue = props.goal?.value ?? indicator.targetValue;
  const comparator: Comparator =
    props.goal?.comparator ?? (indicator.direction === "lower_is_better" ? "at_most" : "at_least");
  const targetText =
    targetValue === null || targetValue === undefined
      ? null
      : t(`comparator.${comparator}`, { value: format.number(targetValue, indicator.unit) });
  const latest = measurements.at(-1);
  const first = measurements[0];
  const captionId = `caption-${indicator.id}`;

  const summary = !latest
    ? t("chart.noData")
    : t("chart.summary", {
        count: measurements.length,
        from: format.period(first!.period),
        to: format.period(latest.period),
        latest: format.number(latest.value, indicator.unit),
      }) + (targetText ? ` ${t("chart.summaryTarget", { target: targetText })}` : "");

  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="section"
      aria-labelledby={`ind-${indicator.id}`}
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <div>
            <Text component="h3" fw={650} size="lg" id={`ind-${indicator.id}`} m={0}>
              {indicator.name.text}
            </Text>
            <Text size="sm" c="dimmed">
              {[
                indicator.unit && t("indicator.unit", { unit: indicator.unit }),
                t(`direction.${indicator.direction}`),
                t(`frequency.${indicator.frequency}`),
                indicator.baseline !== null &&
                  indicator.baseline !== undefined &&
                  t("indicator.baseline", {
                    value: format.number(indicator.baseline, indicator.unit),
                  }),
              ]
                .filter(Boolean)
                .join(" · ")}
            </Text>
          </div>
          {targetText && (
            <Badge variant="outline" color="red" size="lg" className="target-badge">
              {t("chart.target", { target: targetText })}
            </Badge>
          )}
        </Group>
        <figure className="chart-figure" aria-labelledby={captionId}>
          {measurements.length > 0 ? (
            <Suspense fallback={<Skeleton height={280} aria-label={t("chart.loading")} />}>
              <IndicatorChart
                points={measurements.map((m) => ({ period: m.period, value: m.value }))}
                target={targetValue}
                targetLabel={targetText ? t("chart.target", { target: targetText }) : ""}
                unit={indicator.unit}
                seriesLabel={indicator.name.text}
              />
            </Suspense>
          ) : null}
          <figcaption id={captionId}>
            <Text size="sm" c={measurements.length ? undefined : "dimmed"}>
              {summary}
            </Text>
          </figcaption>
        </figure>
        {measurements.length > 0 && (
          <Table.ScrollContainer minWidth={480}>
            <Table striped verticalSpacing="xs">
              <Table.Caption>
                {t("chart.tableCaption", { name: indicator.name.text })}
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("measurement.period")}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t("measurement.value")}
                  </Table.Th>
                  <Table.Th scope="col">{t("measurement.comment")}</Table.Th>
                  <Table.Th scope="col">{t("measurement.recordedBy")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[...measurements].reverse().map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Th scope="row" fw={500}>
                      {format.period(m.period)}
                    </Table.Th>
                    <Table.Td ta="right" className="num">
                      {format.number(m.value, indicator.unit)}
                    </Table.Td>
                    <Table.Td>{m.comment ?? "—"}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{m.recordedBy.name}</Text>
                      <Text size="xs" c="dimmed">
                        {format.dateTime(m.recordedAt)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}
