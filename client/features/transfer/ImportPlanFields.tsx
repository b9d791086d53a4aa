import { useTranslation } from "react-i18next";
import { NumberInput, Paper, Select, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { PLAN_KINDS, type PlanKind } from "../../../shared/domain";
import type { PlanFields } from "./importDraft";

interface Props {
  fields: PlanFields;
  units: { id: string; code: string; name: string }[];
  /** Messages per field: our own checks first, else the server's. */
  errors: Partial<Record<keyof PlanFields, string>>;
  onChange(change: Partial<PlanFields>): void;
}

/** Input ids, so the problem summary can move focus to the field concerned. */
export const planFieldId = (name: keyof PlanFields) => `import-plan-${name}`;

export function ImportPlanFields({ fields, units, errors, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="import-plan-heading">
      <Text component="h2" fw={650} size="lg" id="import-plan-heading" mb="sm">
        {t("transfer.plan.title")}
      </Text>
      <Stack gap="md">
        <TextInput
          id={planFieldId("title")}
          label={t("planForm.planTitle")}
          description={t("transfer.plan.titleHint")}
          required
          value={fields.title}
          onChange={(e) => onChange({ title: e.currentTarget.value })}
          error={errors.title}
          inputWrapperOrder={["label", "input", "description", "error"]}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Select
            id={planFieldId("kind")}
            label={t("planForm.kind")}
            data={PLAN_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
            value={fields.kind}
            onChange={(v) => v && onChange({ kind: v as PlanKind })}
            allowDeselect={false}
            error={errors.kind}
          />
          <Select
            id={planFieldId("orgUnitId")}
            label={t("planForm.unit")}
            required
            data={units.map((u) => ({ value: u.id, label: `${u.code} — ${u.name}` }))}
            value={fields.orgUnitId}
            onChange={(v) => onChange({ orgUnitId: v })}
            allowDeselect={false}
            error={errors.orgUnitId}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <NumberInput
            id={planFieldId("periodStart")}
            label={t("planForm.periodStart")}
            value={fields.periodStart}
            onChange={(v) => onChange({ periodStart: Number(v) })}
            min={1990}
            max={2100}
            allowDecimal={false}
            error={errors.periodStart}
          />
          <NumberInput
            id={planFieldId("periodEnd")}
            label={t("planForm.periodEnd")}
            value={fields.periodEnd}
            onChange={(v) => onChange({ periodEnd: Number(v) })}
            min={1990}
            max={2100}
            allowDecimal={false}
            error={errors.periodEnd}
          />
          <TextInput
            id={planFieldId("responsibleAuthority")}
            label={t("planForm.authority")}
            description={t("planForm.authorityHint")}
            value={fields.responsibleAuthority}
            onChange={(e) => onChange({ responsibleAuthority: e.currentTarget.value })}
            error={errors.responsibleAuthority}
            inputWrapperOrder={["label", "input", "description", "error"]}
          />
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
