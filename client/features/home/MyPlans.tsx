import { useTranslation } from "react-i18next";
import { Anchor, Group, Paper, Progress, SimpleGrid, Text } from "@mantine/core";
import { Link } from "react-router-dom";
import { graphql, getFragmentData, type FragmentType } from "../../gql";
import type { PointStatusValue } from "../../gql/graphql";
import { POINT_STATUSES, PointStatusBadge, STATUS_COLORS } from "../../ui/StatusBadge";

export const MyPlansFragment = graphql(`
  fragment MyPlans_plan on Plan {
    id
    title {
      text
    }
    kind
    status
    periodStart
    periodEnd
    orgUnit {
      id
      code
    }
    rollup {
      value
      onTrack
      atRisk
      offTrack
      done
      noData
      total
    }
  }
`);

/** The viewer's plans as cards: plan status, worst point status and the distribution. */
export function MyPlans(props: { plans: FragmentType<typeof MyPlansFragment>[] }) {
  const { t } = useTranslation();
  const plans = getFragmentData(MyPlansFragment, props.plans);
  if (plans.length === 0)
    return (
      <Paper withBorder p="lg">
        <Text c="dimmed">{t("myWork.plans.empty")}</Text>
        <Anchor component={Link} to="/plans" size="sm">
          {t("myWork.plans.browse")}
        </Anchor>
      </Paper>
    );
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" component="ul" className="plain-list">
      {plans.map((plan) => {
        const r = plan.rollup;
        const counts: Record<PointStatusValue, number> = {
          on_track: r.onTrack,
          at_risk: r.atRisk,
          off_track: r.offTrack,
          done: r.done,
          no_data: r.noData,
        };
        const present = POINT_STATUSES.filter((s) => counts[s] > 0);
        return (
          <Paper withBorder p="md" component="li" key={plan.id} className="plan-card">
            <Anchor component={Link} to={`/plans/${plan.id}`} fw={650} className="plan-card__link">
              {plan.title.text}
            </Anchor>
            <Text size="xs" c="dimmed" mt={2}>
              {[
                t(`kinds.${plan.kind}`),
                plan.orgUnit?.code,
                t("home.period", { start: plan.periodStart, end: plan.periodEnd }),
                t(`statuses.${plan.status}`),
              ]
                .filter(Boolean)
                .join(" · ")}
            </Text>
            <Group mt="sm" gap="xs">
              <PointStatusBadge status={r.value} size="sm" />
            </Group>
            {r.total > 0 ? (
              <>
                <Progress.Root size={10} aria-hidden="true" mt="sm">
                  {present.map((s) => (
                    <Progress.Section
                      key={s}
                      value={(counts[s] / r.total) * 100}
                      color={STATUS_COLORS[s] === "gray" ? "gray.4" : STATUS_COLORS[s]}
                    />
                  ))}
                </Progress.Root>
                <Text size="xs" mt={6}>
                  {present.map((s) => `${counts[s]} ${t(`status.${s}`).toLowerCase()}`).join(", ")}
                  {" — "}
                  {t("myWork.plans.points", { count: r.total })}
                </Text>
              </>
            ) : (
              <Text size="xs" c="dimmed" mt="sm">
                {t("myWork.plans.noPoints")}
              </Text>
            )}
          </Paper>
        );
      })}
    </SimpleGrid>
  );
}
