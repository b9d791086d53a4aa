import { Badge, Checkbox, Group, Stack, Text, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { SMART_CRITERIA, deriveSmartScore, type SmartCriterion } from "../../../shared/proposals";
import { scoreColor } from "./format";

export type SmartValue = Record<SmartCriterion, { met: boolean; justification: string }>;

export const emptySmart = (): SmartValue =>
  Object.fromEntries(
    SMART_CRITERIA.map((k) => [k, { met: false, justification: "" }]),
  ) as SmartValue;

/** The five SMART criteria, each met or not with a justification; the score follows live. */
export function SmartEditor({
  value,
  onChange,
}: {
  value: SmartValue;
  onChange: (next: SmartValue) => void;
}) {
  const { t } = useTranslation();
  const score = deriveSmartScore(value);
  return (
    <fieldset className="smart-editor">
      <legend>
        <Group gap="xs">
          <Text fw={600} size="sm">
            {t("proposals.smart.title")}
          </Text>
          <Badge color={scoreColor(score)} aria-live="polite">
            {t("proposals.smart.score", { score })}
          </Badge>
        </Group>
      </legend>
      <Text size="xs" c="dimmed" mb="xs">
        {t("proposals.smart.help")}
      </Text>
      <Stack gap="xs">
        {SMART_CRITERIA.map((key) => (
          <Group key={key} gap="sm" align="flex-end" wrap="wrap">
            <Checkbox
              label={t(`proposals.smart.criteria.${key}`)}
              checked={value[key].met}
              onChange={(e) =>
                onChange({ ...value, [key]: { ...value[key], met: e.currentTarget.checked } })
              }
              w={150}
              mb={8}
            />
            <TextInput
              aria-label={t("proposals.smart.justificationFor", {
                criterion: t(`proposals.smart.criteria.${key}`),
              })}
              placeholder={t("proposals.smart.justification")}
              value={value[key].justification}
              onChange={(e) =>
                onChange({
                  ...value,
                  [key]: { ...value[key], justification: e.currentTarget.value },
                })
              }
              style={{ flex: "1 1 220px" }}
            />
          </Group>
        ))}
      </Stack>
    </fieldset>
  );
}
