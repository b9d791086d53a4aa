import { useTranslation } from "react-i18next";
import { Group, Text } from "@mantine/core";
import { graphql, getFragmentData, type FragmentType } from "../../gql";
import { useFormat } from "../../ui/format";

export const TargetLineFragment = graphql(`
  fragment TargetLine_target on Target {
    id
    text {
      text
    }
    goal {
      value
      unit
      comparator
      baseline
    }
    deadline {
      kind
      from
      until
      text
    }
    indicator {
      id
      name {
        text
      }
      unit
      latest {
        period
        value
      }
    }
  }
`);

/** One target: what to reach, the numeric goal, when, and the latest measured value. */
export function TargetLine(props: { target: FragmentType<typeof TargetLineFragment> }) {
  const { t } = useTranslation();
  const format = useFormat();
  const target = getFragmentData(TargetLineFragment, props.target);
  const latest = target.indicator?.latest;
  const unit = target.goal?.unit ?? target.indicator?.unit;

  return (
    <div className="target-line">
      <Text size="sm">{target.text.text}</Text>
      <Group gap="md" mt={2} className="target-facts">
        {target.goal && (
          <Text size="xs" c="dimmed">
            <span className="fact-label">{t("target.goal")}</span>{" "}
            {t(`comparator.${target.goal.comparator}`, {
              value: format.number(target.goal.value, unit),
            })}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          <span className="fact-label">{t("target.deadline")}</span>{" "}
          {format.deadline(target.deadline)}
        </Text>
        {target.indicator && (
          <Text size="xs" c="dimmed">
            <span className="fact-label">{t("target.latest")}</span>{" "}
            {latest
              ? t("target.latestValue", {
                  value: format.number(latest.value, target.indicator.unit),
                  period: format.period(latest.period),
                })
              : t("target.noMeasurement")}
          </Text>
        )}
      </Group>
    </div>
  );
}
