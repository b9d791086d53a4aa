import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "@apollo/client/react";
import {
  Alert,
  Button,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
  Textarea,
} from "@mantine/core";
import { graphql } from "../../gql";
import { fieldErrors, otherErrorText } from "../../ui/errors";
import { useFormat } from "../../ui/format";
import { recentQuarters } from "../../ui/quarters";

const RecordMeasurement = graphql(`
  mutation RecordMeasurement($input: RecordMeasurementInput!) {
    recordMeasurement(input: $input) {
      id
      period
      value
      indicator {
        id
      }
    }
  }
`);

export interface IndicatorOption {
  id: string;
  name: string;
  unit: string | null | undefined;
  pointCode?: string | null | undefined;
}

interface Props {
  indicators: IndicatorOption[];
  defaultIndicatorId?: string;
  onRecorded?(): void;
  /** In a side column: one field per line. */
  narrow?: boolean;
}

const FIELDS = ["indicatorId", "period", "value", "comment", "evidenceUrl"];

/** Queries that show measurements; refetched (when on screen) after one is recorded. */
const SHOWING_MEASUREMENTS = ["PlanPage", "MeasurementPointPage", "ScoreboardPage", "CyclePage"];

/**
 * Records the value of an indicator for a quarter. A refused or failed request keeps
 * everything typed, and the server's messages appear next to the fields they are about.
 */
export function RecordMeasurementForm({
  indicators,
  defaultIndicatorId,
  onRecorded,
  narrow = false,
}: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const [indicatorId, setIndicatorId] = useState<string | null>(
    defaultIndicatorId ?? (indicators.length === 1 ? indicators[0]!.id : null),
  );
  const quarters = recentQuarters(8);
  const [period, setPeriod] = useState<string | null>(quarters[0]!);
  const [value, setValue] = useState<string | number>("");
  const [comment, setComment] = useState("");
  const [evidenceUrl, setEvidenceUrl] = useState("");
  const [missing, setMissing] = useState<Record<string, string>>({});
  const [recorded, setRecorded] = useState<string | null>(null);
  const [record, { loading, error, reset }] = useMutation(RecordMeasurement, {
    refetchQueries: SHOWING_MEASUREMENTS,
    awaitRefetchQueries: true,
  });
  const fields = { ...fieldErrors(error), ...missing };
  const unit = indicators.find((i) => i.id === indicatorId)?.unit;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setRecorded(null);
    const required: Record<string, string> = {};
    if (!indicatorId) required.indicatorId = t("measurement.required.indicator");
    if (!period) required.period = t("measurement.required.period");
    if (value === "" || Number.isNaN(Number(value)))
      required.value = t("measurement.required.value");
    setMissing(required);
    if (Object.keys(required).length) return;
    reset();
    try {
      await record({
        variables: {
          input: {
            indicatorId: indicatorId!,
            period: period!,
            value: Number(value),
            comment: comment.trim() || null,
            evidenceUrl: evidenceUrl.trim() || null,
          },
        },
      });
      setRecorded(
        t("measurement.recorded", {
          value: format.number(Number(value), unit),
          period: format.period(period),
        }),
      );
      setValue("");
      setComment("");
      setEvidenceUrl("");
      onRecorded?.();
    } catch {
      // Shown from `error`; nothing typed is cleared.
    }
  }

  const alert = otherErrorText(error, FIELDS, t);
  return (
    <form onSubmit={submit} noValidate aria-label={t("measurement.formTitle")}>
      <Stack gap="sm">
        {alert && (
          <Alert color="red" role="alert" variant="light">
            {alert}
          </Alert>
        )}
        {recorded && (
          <Alert color="green" role="status" variant="light">
            {recorded}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: narrow ? 1 : 2 }}>
          <Select
            label={t("measurement.indicator")}
            placeholder={t("measurement.chooseIndicator")}
            data={indicators.map((i) => ({
              value: i.id,
              label: i.pointCode ? `${i.pointCode} · ${i.name}` : i.name,
            }))}
            value={indicatorId}
            onChange={setIndicatorId}
            error={fields.indicatorId}
            required
            searchable
            nothingFoundMessage={t("measurement.noIndicator")}
          />
          <Select
            label={t("measurement.period")}
            data={quarters.map((q) => ({ value: q, label: format.period(q) }))}
            value={period}
            onChange={setPeriod}
            allowDeselect={false}
            error={fields.period}
            required
          />
        </SimpleGrid>
        <NumberInput
          label={t("measurement.value")}
          description={unit ? t("measurement.unit", { unit }) : undefined}
          value={value}
          onChange={setValue}
          decimalSeparator={format.decimalSeparator}
          error={fields.value}
          required
          hideControls
        />
        <Textarea
          label={t("measurement.comment")}
          description={t("measurement.commentHint")}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          error={fields.comment}
          autosize
          minRows={2}
        />
        <TextInput
          label={t("measurement.evidence")}
          type="url"
          placeholder="https://"
          value={evidenceUrl}
          onChange={(e) => setEvidenceUrl(e.currentTarget.value)}
          error={fields.evidenceUrl}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={loading} disabled={indicators.length === 0}>
            {t("measurement.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
