import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "@apollo/client/react";
import {
  Accordion,
  ActionIcon,
  Alert,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from "@mantine/core";
import { graphql } from "../../gql";
import { errorText } from "../../ui/errors";
import { useFormat } from "../../ui/format";
import { useEuro } from "./shared";
import "./portfolio.css";

const KpiCharts = lazy(() => import("./KpiCharts"));

const PortfolioKpisQuery = graphql(`
  query PortfolioKpis($programmeId: ID!, $period: String!, $mandateHolderId: ID) {
    portfolioKpis(programmeId: $programmeId, period: $period, mandateHolderId: $mandateHolderId) {
      period
      asOf
      figures {
        period
        proposalsSubmitted
        averageSmartScore
        realisedSavings
        actions {
          onTime
          due
          percent
        }
        milestones {
          onTime
          due
          percent
        }
        onTime {
          onTime
          due
          percent
        }
        satisfactionResponses
        satisfiedResponses
        satisfactionPercent
      }
      quarters {
        period
        proposalsSubmitted
        averageSmartScore
        realisedSavings
        actions {
          onTime
          due
          percent
        }
        milestones {
          onTime
          due
          percent
        }
        onTime {
          onTime
          due
          percent
        }
        satisfactionResponses
        satisfiedResponses
        satisfactionPercent
      }
    }
  }
`);

function InfoTip({ label, text }: { label: string; text: string }) {
  return (
    <Tooltip
      label={text}
      multiline
      w={300}
      withArrow
      events={{ hover: true, focus: true, touch: true }}
    >
      <ActionIcon variant="subtle" size="sm" aria-label={label} radius="xl">
        <span aria-hidden="true" style={{ fontWeight: 700 }}>
          i
        </span>
      </ActionIcon>
    </Tooltip>
  );
}

function KpiCard(props: {
  id: string;
  title: string;
  value: string;
  detail: string;
  definition: string;
  infoLabel: string;
}) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={`kpi-${props.id}`}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Text id={`kpi-${props.id}`} size="sm" fw={600} c="dimmed">
          {props.title}
        </Text>
        <InfoTip label={props.infoLabel} text={props.definition} />
      </Group>
      <Text className="kpi-figure" data-testid={`kpi-${props.id}`}>
        {props.value}
      </Text>
      <Text size="sm" c="dimmed">
        {props.detail}
      </Text>
    </Paper>
  );
}

/** The OPTIris KPIs of a period as figures, a chart per quarter and their definitions. */
export function KpiPanel(props: {
  programmeId: string;
  period: string;
  mandateHolderId: string | null;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const euro = useEuro();
  const { data, loading, error } = useQuery(PortfolioKpisQuery, {
    variables: {
      programmeId: props.programmeId,
      period: props.period,
      mandateHolderId: props.mandateHolderId,
    },
    fetchPolicy: "cache-and-network",
  });
  const pct = (v: number | null | undefined) => (v == null ? "–" : `${format.number(v)} %`);
  if (error)
    return (
      <Alert color="red" role="alert">
        {errorText(error, t)}
      </Alert>
    );
  if (!data)
    return (
      <Group gap="sm" role="status">
        <Loader size="sm" />
        <Text>{t("app.loading")}</Text>
      </Group>
    );
  const k = data.portfolioKpis;
  const f: FigureData = k.figures;
  const quarters: FigureData[] = k.quarters;
  const info = t("portfolio.kpi.howComputed");
  return (
    <Stack gap="md" aria-busy={loading}>
      <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }} spacing="md">
        <KpiCard
          id="proposals"
          title={t("portfolio.kpi.proposals")}
          value={format.number(f.proposalsSubmitted)}
          detail={t("portfolio.kpi.smartDetail", { score: pct(f.averageSmartScore) })}
          definition={t("portfolio.kpi.def.proposals")}
          infoLabel={`${info}: ${t("portfolio.kpi.proposals")}`}
        />
        <KpiCard
          id="savings"
          title={t("portfolio.kpi.savings")}
          value={euro(f.realisedSavings)}
          detail={t("portfolio.kpi.perYear")}
          definition={t("portfolio.kpi.def.savings")}
          infoLabel={`${info}: ${t("portfolio.kpi.savings")}`}
        />
        <KpiCard
          id="onTime"
          title={t("portfolio.kpi.onTime")}
          value={pct(f.onTime.percent)}
          detail={t("portfolio.kpi.onTimeDetail", {
            actions: f.actions.onTime,
            actionsDue: f.actions.due,
            milestones: f.milestones.onTime,
            milestonesDue: f.milestones.due,
          })}
          definition={t("portfolio.kpi.def.onTime")}
          infoLabel={`${info}: ${t("portfolio.kpi.onTime")}`}
        />
        <KpiCard
          id="satisfaction"
          title={t("portfolio.kpi.satisfaction")}
          value={pct(f.satisfactionPercent)}
          detail={t("portfolio.kpi.satisfactionDetail", {
            satisfied: f.satisfiedResponses,
            total: f.satisfactionResponses,
          })}
          definition={t("portfolio.kpi.def.satisfaction")}
          infoLabel={`${info}: ${t("portfolio.kpi.satisfaction")}`}
        />
      </SimpleGrid>
      <Paper withBorder p="md" radius="md" component="figure" m={0}>
        <Title order={3} size="h5" mb="xs">
          {t("portfolio.kpi.perQuarter", { year: props.period.slice(0, 4) })}
        </Title>
        <Suspense fallback={<Loader size="sm" aria-label={t("app.loading")} />}>
          <KpiCharts
            quarters={quarters.map((q) => ({
              period: q.period,
              proposalsSubmitted: q.proposalsSubmitted,
              onTimePercent: q.onTime.percent,
              satisfactionPercent: q.satisfactionPercent,
            }))}
            labels={{
              proposals: t("portfolio.kpi.proposals"),
              onTime: t("portfolio.kpi.onTime"),
              satisfaction: t("portfolio.kpi.satisfaction"),
            }}
          />
        </Suspense>
        <Table.ScrollContainer minWidth={520}>
          <Table striped mt="sm" fz="sm">
            <Table.Caption>{t("portfolio.kpi.tableCaption")}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("portfolio.kpi.quarter")}</Table.Th>
                <Table.Th ta="right">{t("portfolio.kpi.proposals")}</Table.Th>
                <Table.Th ta="right">{t("portfolio.kpi.smart")}</Table.Th>
                <Table.Th ta="right">{t("portfolio.kpi.savings")}</Table.Th>
                <Table.Th ta="right">{t("portfolio.kpi.onTime")}</Table.Th>
                <Table.Th ta="right">{t("portfolio.kpi.satisfaction")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {quarters.map((q) => (
                <Table.Tr key={q.period}>
                  <Table.Th scope="row">{format.period(q.period)}</Table.Th>
                  <Table.Td ta="right">{q.proposalsSubmitted}</Table.Td>
                  <Table.Td ta="right">{pct(q.averageSmartScore)}</Table.Td>
                  <Table.Td ta="right">{euro(q.realisedSavings)}</Table.Td>
                  <Table.Td ta="right">{pct(q.onTime.percent)}</Table.Td>
                  <Table.Td ta="right">{pct(q.satisfactionPercent)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <Accordion variant="contained">
        <Accordion.Item value="definitions">
          <Accordion.Control>{t("portfolio.kpi.definitions")}</Accordion.Control>
          <Accordion.Panel>
            <Stack gap="xs">
              {(
                [
                  "proposals",
                  "smart",
                  "savings",
                  "onTime",
                  "satisfaction",
                  "mandateHolder",
                ] as const
              ).map((key) => (
                <Text size="sm" key={key}>
                  <strong>{t(`portfolio.kpi.defTitle.${key}`)}</strong>{" "}
                  {t(`portfolio.kpi.def.${key}`)}
                </Text>
              ))}
              <Text size="sm" c="dimmed">
                {t("portfolio.kpi.asOf", { date: format.date(k.asOf) })}
              </Text>
            </Stack>
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
    </Stack>
  );
}

interface Ratio {
  onTime: number;
  due: number;
  percent: number | null;
}
interface FigureData {
  period: string;
  proposalsSubmitted: number;
  averageSmartScore: number | null;
  realisedSavings: number;
  actions: Ratio;
  milestones: Ratio;
  onTime: Ratio;
  satisfactionResponses: number;
  satisfiedResponses: number;
  satisfactionPercent: number | null;
}
