import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "@apollo/client/react";
import { Alert, Anchor, Button, Group, Paper, Select, Stack, Text, Textarea } from "@mantine/core";
import { Link } from "react-router-dom";
import { graphql } from "../../gql";
import type { PointStatusValue } from "../../gql/graphql";
import { fieldErrors, otherErrorText } from "../../ui/errors";
import { useFormat } from "../../ui/format";
import { POINT_STATUSES, PointStatusBadge } from "../../ui/StatusBadge";

const AssessPoint = graphql(`
  mutation AssessPoint($input: AssessPointInput!) {
    assessPoint(input: $input) {
      ...CyclePage_cycle
    }
  }
`);

/** A measurement point to assess, with what the system computed and what was assessed. */
export interface PointToAssess {
  id: string;
  code: string;
  title: string;
  objective: string;
  computedStatus: PointStatusValue;
  assessment: {
    status: PointStatusValue;
    comment: string | null | undefined;
    by: string;
    at: string;
  } | null;
}

function AssessmentRow({
  cycleId,
  point,
  editable,
}: {
  cycleId: string;
  point: PointToAssess;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [status, setStatus] = useState<PointStatusValue>(
    point.assessment?.status ?? point.computedStatus,
  );
  const [comment, setComment] = useState(point.assessment?.comment ?? "");
  const [saved, setSaved] = useState(false);
  const [assess, { loading, error, reset }] = useMutation(AssessPoint, {
    refetchQueries: ["CyclePage"],
  });
  const fields = fieldErrors(error);
  const alert = otherErrorText(error, ["status", "comment"], t);
  const differs = status !== point.computedStatus;
  const name = `${point.code} ${point.title}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    reset();
    try {
      await assess({
        variables: {
          input: { cycleId, measurementPointId: point.id, status, comment: comment.trim() || null },
        },
      });
      setSaved(true);
    } catch {
      // The server's message is shown next to the field; the typed comment stays.
    }
  }

  return (
    <Paper withBorder p="sm" radius="md" component="li" data-assessed={!!point.assessment}>
      <Group justify="space-between" align="flex-start" gap="sm">
        <div style={{ minWidth: 0, flex: "1 1 260px" }}>
          <Text size="xs" c="dimmed">
            {point.objective}
          </Text>
          <Anchor component={Link} to={`/points/${point.id}`} fw={600}>
            {name}
          </Anchor>
          <Group gap={6} mt={4}>
            <Text size="xs" c="dimmed">
              {t("check.computed")}
            </Text>
            <PointStatusBadge status={point.computedStatus} size="sm" />
          </Group>
          {point.assessment ? (
            <Text size="xs" c="dimmed" mt={4}>
              {t("check.assessedBy", {
                name: point.assessment.by,
                date: format.dateTime(point.assessment.at),
              })}
            </Text>
          ) : (
            <Text size="xs" className="tone-warn" fw={600} mt={4}>
              {t("check.notAssessed")}
            </Text>
          )}
        </div>
        {editable ? (
          <form
            onSubmit={submit}
            noValidate
            style={{ flex: "2 1 360px" }}
            aria-label={t("check.formFor", { name })}
          >
            <Stack gap="xs">
              {alert && (
                <Alert color="red" role="alert" variant="light" py={6}>
                  {alert}
                </Alert>
              )}
              <Group align="flex-start" gap="xs" wrap="nowrap">
                <Select
                  label={t("check.status")}
                  data={POINT_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
                  value={status}
                  onChange={(v) => v && setStatus(v as PointStatusValue)}
                  allowDeselect={false}
                  error={fields.status}
                  w={180}
                  style={{ flex: "none" }}
                />
                <Textarea
                  label={t("check.comment")}
                  description={differs ? t("check.reasonNeeded") : undefined}
                  value={comment}
                  onChange={(e) => setComment(e.currentTarget.value)}
                  error={fields.comment}
                  autosize
                  minRows={1}
                  style={{ flex: 1 }}
                />
              </Group>
              <Group justify="flex-end" gap="xs">
                {saved && !error && (
                  <Text size="sm" className="tone-good" role="status">
                    {t("check.saved")}
                  </Text>
                )}
                <Button
                  type="submit"
                  size="xs"
                  loading={loading}
                  variant={point.assessment ? "light" : "filled"}
                >
                  {point.assessment ? t("check.update") : t("check.save")}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          point.assessment && (
            <div style={{ flex: "2 1 360px" }}>
              <PointStatusBadge status={point.assessment.status} />
              <Text size="sm" mt={4}>
                {point.assessment.comment ?? "—"}
              </Text>
            </div>
          )
        )}
      </Group>
    </Paper>
  );
}

/** Check: every measurement point gets an assessment (a status, and a reason when it differs). */
export function CheckPanel(props: { cycleId: string; points: PointToAssess[]; editable: boolean }) {
  const { t } = useTranslation();
  const missing = props.points.filter((p) => !p.assessment).length;
  return (
    <section aria-labelledby="check-heading">
      <Group justify="space-between" mb="sm">
        <Text component="h2" fw={650} size="xl" id="check-heading" m={0}>
          {t("check.title")}
        </Text>
        <Text size="sm" className={missing ? "tone-warn" : "tone-good"} fw={600}>
          {missing ? t("check.missing", { count: missing }) : t("check.allAssessed")}
        </Text>
      </Group>
      {props.points.length === 0 ? (
        <Text c="dimmed">{t("check.noPoints")}</Text>
      ) : (
        <Stack gap="xs" component="ul" className="plain-list">
          {props.points.map((p) => (
            <AssessmentRow key={p.id} cycleId={props.cycleId} point={p} editable={props.editable} />
          ))}
        </Stack>
      )}
    </section>
  );
}
