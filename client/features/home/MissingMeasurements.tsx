import { useTranslation } from "react-i18next";
import { Anchor, Badge, Group, Text, Title } from "@mantine/core";
import { Link } from "react-router-dom";
import { graphql, getFragmentData, type FragmentType } from "../../gql";
import { useFormat } from "../../ui/format";

export const MissingMeasurementsFragment = graphql(`
  fragment MissingMeasurements_item on MissingMeasurement {
    indicator {
      id
      name {
        text
      }
      unit
    }
    measurementPoint {
      id
      code
      title {
        text
      }
    }
    plan {
      id
      title {
        text
      }
    }
  }
`);

/** Indicators of the viewer's points without a value for this quarter, with the way to record one. */
export function MissingMeasurements(props: {
  items: FragmentType<typeof MissingMeasurementsFragment>[];
  period: string;
  headingId: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const items = getFragmentData(MissingMeasurementsFragment, props.items);
  const period = format.period(props.period);

  return (
    <>
      <Group justify="space-between" align="baseline" mb="sm">
        <Title order={2} size="h3" id={props.headingId}>
          {t("myWork.missing.title", { period })}
        </Title>
        {items.length > 0 && (
          <Badge variant="light" color="gray">
            {items.length}
          </Badge>
        )}
      </Group>
      {items.length === 0 ? (
        <Text c="dimmed">{t("myWork.missing.empty", { period })}</Text>
      ) : (
        <ul className="plain-list work-list" aria-labelledby={props.headingId}>
          {items.map((item) => (
            <li key={`${item.indicator.id}:${item.measurementPoint.id}`} className="work-item">
              <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
                <div style={{ minWidth: 0 }}>
                  <Text fw={600} size="sm">
                    {item.indicator.name.text}
                    {item.indicator.unit ? ` (${item.indicator.unit})` : ""}
                  </Text>
                  <Text size="xs" c="dimmed">
                    <Anchor
                      component={Link}
                      to={`/points/${item.measurementPoint.id}`}
                      inherit
                      underline="always"
                    >
                      {item.measurementPoint.code} {item.measurementPoint.title.text}
                    </Anchor>
                    {" · "}
                    {item.plan.title.text}
                  </Text>
                </div>
                <Anchor
                  component={Link}
                  to={`/plans/${item.plan.id}#record-heading`}
                  size="sm"
                  fw={600}
                  style={{ flexShrink: 0 }}
                  aria-label={t("myWork.missing.recordFor", {
                    name: item.indicator.name.text,
                    period,
                  })}
                >
                  {t("myWork.missing.record")}
                </Anchor>
              </Group>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
