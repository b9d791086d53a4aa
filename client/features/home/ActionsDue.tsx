import { useTranslation } from "react-i18next";
import { Anchor, Badge, Group, Text, Title } from "@mantine/core";
import { Link } from "react-router-dom";
import { graphql, getFragmentData, type FragmentType } from "../../gql";
import { useFormat } from "../../ui/format";

export const ActionsDueFragment = graphql(`
  fragment ActionsDue_action on Action {
    id
    title {
      text
    }
    dueDate
    status
    progress
    plan {
      id
      title {
        text
      }
    }
    measurementPoint {
      id
      code
    }
  }
`);

const DAY = 24 * 60 * 60 * 1000;

/** Whole days from today to a calendar date ("2026-12-31"), negative when past. */
export function daysUntil(date: string, today = new Date()): number {
  const [y, m, d] = date.slice(0, 10).split("-").map(Number);
  const due = Date.UTC(y!, (m ?? 1) - 1, d ?? 1);
  const now = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.round((due - now) / DAY);
}

export function ActionsDue(props: {
  actions: FragmentType<typeof ActionsDueFragment>[];
  headingId: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const actions = getFragmentData(ActionsDueFragment, props.actions);
  const relative = new Intl.RelativeTimeFormat(format.locale, { numeric: "auto" });

  return (
    <>
      <Group justify="space-between" align="baseline" mb="sm">
        <Title order={2} size="h3" id={props.headingId}>
          {t("myWork.actions.title")}
        </Title>
        {actions.length > 0 && (
          <Badge variant="light" color="gray">
            {actions.length}
          </Badge>
        )}
      </Group>
      {actions.length === 0 ? (
        <Text c="dimmed">{t("myWork.actions.empty")}</Text>
      ) : (
        <ul className="plain-list work-list" aria-labelledby={props.headingId}>
          {actions.map((action) => {
            const days = action.dueDate ? daysUntil(action.dueDate) : null;
            const overdue = days !== null && days < 0;
            return (
              <li
                key={action.id}
                className={overdue ? "work-item work-item--overdue" : "work-item"}
              >
                <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
                  <div style={{ minWidth: 0 }}>
                    <Text fw={600} size="sm">
                      {action.title.text}
                    </Text>
                    <Text size="xs" c="dimmed">
                      <Anchor
                        component={Link}
                        to={`/plans/${action.plan.id}`}
                        inherit
                        underline="always"
                      >
                        {action.plan.title.text}
                      </Anchor>
                      {action.measurementPoint && ` · ${action.measurementPoint.code}`}
                      {" · "}
                      {t(`actionStatus.${action.status}`)}
                      {action.progress > 0 && ` · ${format.number(action.progress, "%")}`}
                    </Text>
                  </div>
                  {action.dueDate && days !== null && (
                    <div style={{ textAlign: "right", flexShrink: 0 }}>
                      {overdue ? (
                        <Badge color="red.9" variant="filled" size="sm">
                          {t("myWork.actions.overdue")}
                        </Badge>
                      ) : (
                        <Badge
                          color="orange.7"
                          variant="outline"
                          c="var(--mantine-color-text)"
                          size="sm"
                        >
                          {t("myWork.actions.dueSoon")}
                        </Badge>
                      )}
                      <Text size="xs" mt={4}>
                        <time dateTime={action.dueDate}>{format.date(action.dueDate)}</time>
                      </Text>
                      <Text size="xs" c={overdue ? "red.8" : "dimmed"} className="work-relative">
                        {relative.format(days, "day")}
                      </Text>
                    </div>
                  )}
                </Group>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
