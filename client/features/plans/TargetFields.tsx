import { useTranslation } from "react-i18next";
import {
  CloseButton,
  Fieldset,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Switch,
  TextInput,
  Textarea,
} from "@mantine/core";
import type { Comparator, DeadlineInput, DeadlineKind, TargetInput } from "../../gql/graphql";
import { useFormat } from "../../ui/format";
import { quarterOf, shiftQuarter } from "../../ui/quarters";
import type { PlanIndicator } from "./MeasurementPointCard";

export const NEW_INDICATOR = "__new__";

/** A target as typed in the form, before it is sent. */
export interface TargetDraft {
  key: number;
  text: string;
  deadlineKind: DeadlineKind | "";
  deadlineValue: string;
  deadlineText: string;
  hasGoal: boolean;
  comparator: Comparator;
  goalValue: string | number;
  unit: string;
  baseline: string | number;
  /** An indicator id, NEW_INDICATOR, or "" for none. */
  indicator: string;
  newIndicatorName: string;
}

export function emptyTarget(key: number): TargetDraft {
  return {
    key,
    text: "",
    deadlineKind: "",
    deadlineValue: "",
    deadlineText: "",
    hasGoal: false,
    comparator: "at_least",
    goalValue: "",
    unit: "",
    baseline: "",
    indicator: "",
    newIndicatorName: "",
  };
}

const DEADLINE_KINDS: DeadlineKind[] = ["date", "month", "quarter", "year", "continuous", "event"];
const COMPARATORS: Comparator[] = ["at_least", "at_most", "equal"];

function deadlineInput(d: TargetDraft): DeadlineInput | null {
  if (!d.deadlineKind) return null;
  if (d.deadlineKind === "event") return { kind: "event", text: d.deadlineText.trim() };
  return { kind: d.deadlineKind, value: d.deadlineValue || null };
}

/** The TargetInput for a draft, given the id of the indicator created for it (if any). */
export function targetInput(d: TargetDraft, createdIndicatorId?: string): TargetInput {
  const number = (v: string | number) => (v === "" ? null : Number(v));
  const indicatorId =
    d.indicator === NEW_INDICATOR ? (createdIndicatorId ?? null) : d.indicator || null;
  return {
    text: d.text.trim(),
    deadline: deadlineInput(d),
    goal:
      d.hasGoal && d.goalValue !== ""
        ? {
            value: Number(d.goalValue),
            unit: d.unit.trim() || null,
            comparator: d.comparator,
            baseline: number(d.baseline),
          }
        : null,
    indicatorId: d.hasGoal ? indicatorId : null,
  };
}

interface Props {
  index: number;
  draft: TargetDraft;
  onChange(next: TargetDraft): void;
  onRemove?(): void;
  indicators: PlanIndicator[];
  errors: Record<string, string>;
}

export function TargetFields({ index, draft, onChange, onRemove, indicators, errors }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const set = (patch: Partial<TargetDraft>) => onChange({ ...draft, ...patch });
  const e = (field: string) => errors[`targets.${index}.${field}`];
  const now = quarterOf();
  const quarters = Array.from({ length: 24 }, (_, i) => shiftQuarter(now, i - 4));
  const legend = t("pointForm.targetN", { n: index + 1 });

  return (
    <Fieldset legend={legend} variant="filled" radius="md">
      {onRemove && (
        <Group justify="flex-end" mt={-8} mb={-4}>
          <CloseButton
            size="sm"
            aria-label={t("pointForm.removeTarget", { name: legend })}
            onClick={onRemove}
          />
        </Group>
      )}
      <Textarea
        label={t("pointForm.targetText")}
        description={t("pointForm.targetTextHint")}
        required
        autosize
        minRows={1}
        value={draft.text}
        onChange={(ev) => set({ text: ev.currentTarget.value })}
        error={e("text")}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} mt="sm">
        <Select
          label={t("pointForm.deadlineKind")}
          placeholder={t("deadline.none")}
          data={DEADLINE_KINDS.map((k) => ({ value: k, label: t(`deadlineKinds.${k}`) }))}
          value={draft.deadlineKind || null}
          onChange={(v) => set({ deadlineKind: (v ?? "") as DeadlineKind | "", deadlineValue: "" })}
          clearable
          error={e("deadline.kind")}
        />
        {draft.deadlineKind === "date" && (
          <TextInput
            type="date"
            label={t("deadlineKinds.date")}
            value={draft.deadlineValue}
            onChange={(ev) => set({ deadlineValue: ev.currentTarget.value })}
            error={e("deadline.value") ?? e("deadline")}
          />
        )}
        {draft.deadlineKind === "month" && (
          <TextInput
            type="month"
            label={t("deadlineKinds.month")}
            placeholder="2025-03"
            value={draft.deadlineValue}
            onChange={(ev) => set({ deadlineValue: ev.currentTarget.value })}
            error={e("deadline.value") ?? e("deadline")}
          />
        )}
        {draft.deadlineKind === "quarter" && (
          <Select
            label={t("deadlineKinds.quarter")}
            data={quarters.map((q) => ({ value: q, label: format.period(q) }))}
            value={draft.deadlineValue || null}
            onChange={(v) => set({ deadlineValue: v ?? "" })}
            error={e("deadline.value") ?? e("deadline")}
          />
        )}
        {draft.deadlineKind === "year" && (
          <NumberInput
            label={t("deadlineKinds.year")}
            min={2000}
            max={2100}
            thousandSeparator=""
            value={draft.deadlineValue}
            onChange={(v) => set({ deadlineValue: String(v) })}
            error={e("deadline.value") ?? e("deadline")}
          />
        )}
        {draft.deadlineKind === "continuous" && (
          <TextInput
            type="date"
            label={t("pointForm.continuousFrom")}
            description={t("pointForm.optional")}
            value={draft.deadlineValue}
            onChange={(ev) => set({ deadlineValue: ev.currentTarget.value })}
            error={e("deadline.value") ?? e("deadline")}
          />
        )}
        {draft.deadlineKind === "event" && (
          <TextInput
            label={t("pointForm.event")}
            placeholder={t("pointForm.eventPlaceholder")}
            value={draft.deadlineText}
            onChange={(ev) => set({ deadlineText: ev.currentTarget.value })}
            error={e("deadline.value") ?? e("deadline.text")}
          />
        )}
      </SimpleGrid>
      <Switch
        mt="md"
        label={t("pointForm.hasGoal")}
        description={t("pointForm.hasGoalHint")}
        checked={draft.hasGoal}
        onChange={(ev) => set({ hasGoal: ev.currentTarget.checked })}
      />
      {draft.hasGoal && (
        <>
          <SimpleGrid cols={{ base: 2, sm: 4 }} mt="sm">
            <Select
              label={t("pointForm.comparator")}
              data={COMPARATORS.map((c) => ({ value: c, label: t(`comparatorName.${c}`) }))}
              value={draft.comparator}
              onChange={(v) => v && set({ comparator: v as Comparator })}
              allowDeselect={false}
              error={e("goal.comparator")}
            />
            <NumberInput
              label={t("pointForm.goalValue")}
              required
              value={draft.goalValue}
              onChange={(v) => set({ goalValue: v })}
              decimalSeparator={format.decimalSeparator}
              hideControls
              error={e("goal.value")}
            />
            <TextInput
              label={t("pointForm.unit")}
              placeholder="%"
              value={draft.unit}
              onChange={(ev) => set({ unit: ev.currentTarget.value })}
              error={e("goal.unit")}
            />
            <NumberInput
              label={t("pointForm.baseline")}
              value={draft.baseline}
              onChange={(v) => set({ baseline: v })}
              decimalSeparator={format.decimalSeparator}
              hideControls
              error={e("goal.baseline")}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }} mt="sm">
            <Select
              label={t("pointForm.indicator")}
              description={t("pointForm.indicatorHint")}
              data={[
                { value: NEW_INDICATOR, label: t("pointForm.newIndicator") },
                ...indicators.map((i) => ({
                  value: i.id,
                  label: i.pointCode ? `${i.pointCode} · ${i.name}` : i.name,
                })),
              ]}
              value={draft.indicator || null}
              onChange={(v) => set({ indicator: v ?? "" })}
              clearable
              placeholder={t("pointForm.noIndicator")}
              error={e("indicatorId")}
            />
            {draft.indicator === NEW_INDICATOR && (
              <TextInput
                label={t("pointForm.newIndicatorName")}
                required
                value={draft.newIndicatorName}
                onChange={(ev) => set({ newIndicatorName: ev.currentTarget.value })}
                error={e("indicator.name")}
              />
            )}
          </SimpleGrid>
        </>
      )}
    </Fieldset>
  );
}
