import { useTranslation } from "react-i18next";
import { useQuery } from "@apollo/client/react";
import { Alert, Anchor, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router-dom";
import { graphql } from "../../gql";
import { errorText } from "../../ui/errors";
import { useFormat } from "../../ui/format";
import { ActionsDue } from "./ActionsDue";
import { MissingMeasurements } from "./MissingMeasurements";
import { MyPlans } from "./MyPlans";

export const HomePageQuery = graphql(`
  query HomePage {
    myWork {
      period
      actionsDue {
        ...ActionsDue_action
      }
      missingMeasurements {
        ...MissingMeasurements_item
      }
      plans {
        ...MyPlans_plan
      }
    }
  }
`);

/** What needs the viewer now: actions due, measurements to record, their plans. */
export default function HomePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { data, loading, error } = useQuery(HomePageQuery, { fetchPolicy: "cache-and-network" });
  const work = data?.myWork;

  return (
    <Stack gap="xl">
      <div>
        <Title order={1}>{t("myWork.title")}</Title>
        <Text c="dimmed" mt={4}>
          {work
            ? t("myWork.intro", { period: format.period(work.period) })
            : t("myWork.introLoading")}
        </Text>
      </div>
      {error && (
        <Alert color="red" role="alert">
          {errorText(error, t)}
        </Alert>
      )}
      {loading && !work ? (
        <Group gap="sm" role="status">
          <Loader size="sm" />
          <Text>{t("app.loading")}</Text>
        </Group>
      ) : work ? (
        <>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <Paper withBorder p="md" component="section" aria-labelledby="actions-due-heading">
              <ActionsDue actions={work.actionsDue} headingId="actions-due-heading" />
            </Paper>
            <Paper withBorder p="md" component="section" aria-labelledby="missing-heading">
              <MissingMeasurements
                items={work.missingMeasurements}
                period={work.period}
                headingId="missing-heading"
              />
            </Paper>
          </SimpleGrid>
          <section aria-labelledby="my-plans-heading">
            <Group justify="space-between" align="baseline" mb="sm">
              <Title order={2} size="h3" id="my-plans-heading">
                {t("myWork.plans.title")}
              </Title>
              <Anchor component={Link} to="/plans" size="sm">
                {t("myWork.plans.all")}
              </Anchor>
            </Group>
            <MyPlans plans={work.plans} />
          </section>
        </>
      ) : null}
    </Stack>
  );
}
