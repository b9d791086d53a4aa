import { useTranslation } from "react-i18next";
import { useQuery } from "@apollo/client/react";
import {
  Alert,
  Anchor,
  Button,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { Link } from "react-router-dom";
import { graphql } from "../../gql";
import { errorText } from "../../ui/errors";
import { useFormat } from "../../ui/format";
import { IconChart, IconCycle } from "../../ui/icons";
import { quarterOf } from "../../ui/quarters";
import { PointStatusBadge } from "../../ui/StatusBadge";
import { StatusSummary } from "./StatusSummary";
import "../../ui/tracking.css";

const ScoreboardsPageQuery = graphql(`
  query ScoreboardsPage {
    plans(first: 30) {
      nodes {
        id
        title {
          text
        }
        kind
        rollup {
          value
          total
          ...StatusSummary_rollup
        }
      }
    }
  }
`);

/** Every plan's board for the current quarter, one card each, to jump to its scoreboard or cycle. */
export default function ScoreboardsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { data, loading, error } = useQuery(ScoreboardsPageQuery);
  const quarter = quarterOf();
  const period = format.period(quarter);

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t("scoreboards.title")}</Title>
        <Text c="dimmed">{t("scoreboards.intro", { period })}</Text>
      </div>
      {error && (
        <Alert color="red" role="alert">
          {errorText(error, t)}
        </Alert>
      )}
      {loading && !data ? (
        <Group gap="sm" role="status">
          <Loader size="sm" />
          <Text>{t("app.loading")}</Text>
        </Group>
      ) : data?.plans.nodes.length === 0 ? (
        <Paper withBorder p="xl" ta="center">
          <Text c="dimmed">{t("home.empty")}</Text>
        </Paper>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          {data?.plans.nodes.map((plan) => (
            <Paper withBorder p="md" radius="md" key={plan.id} component="article">
              <Stack gap="sm">
                <Group justify="space-between" align="flex-start" wrap="nowrap">
                  <div>
                    <Text size="xs" c="dimmed">
                      {t(`kinds.${plan.kind}`)}
                    </Text>
                    <Anchor component={Link} to={`/plans/${plan.id}`} fw={650} size="lg">
                      {plan.title.text}
                    </Anchor>
                  </div>
                  {plan.rollup.total > 0 && <PointStatusBadge status={plan.rollup.value} />}
                </Group>
                <StatusSummary rollup={plan.rollup} label={period} />
                <Group gap="xs">
                  <Button
                    component={Link}
                    to={`/plans/${plan.id}/scoreboard/${quarter}`}
                    size="xs"
                    variant="light"
                    leftSection={<IconChart size={14} />}
                    aria-label={`${t("plan.scoreboardOf", { period })} — ${plan.title.text}`}
                  >
                    {t("plan.scoreboardOf", { period })}
                  </Button>
                  <Button
                    component={Link}
                    to={`/plans/${plan.id}/cycles/${quarter}`}
                    size="xs"
                    variant="default"
                    leftSection={<IconCycle size={14} />}
                    aria-label={`${t("plan.cycleOf", { period })} — ${plan.title.text}`}
                  >
                    {t("plan.cycleOf", { period })}
                  </Button>
                </Group>
              </Stack>
            </Paper>
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
