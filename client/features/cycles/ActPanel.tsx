import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "@apollo/client/react";
import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from "@mantine/core";
import { graphql } from "../../gql";
import type { DecisionKind } from "../../gql/graphql";
import { fieldErrors, otherErrorText } from "../../ui/errors";
import { useFormat } from "../../ui/format";

const RecordDecision = graphql(`
  mutation RecordDecision($input: RecordDecisionInput!) {
    recordDecision(input: $input) {
      ...CyclePage_cycle
    }
  }
`);

const FIELDS = ["kind", "text", "measurementPointId", "newAction.title", "newAction.dueDate"];
const DECISION_KINDS: DecisionKind[] = ["new_action", "changed_target", "other"];

export interface DecisionView {
  id: string;
  kind: DecisionKind;
  text: string;
  pointCode: string | null | undefined;
  actionTitle: string | null | undefined;
  actionDue: string | null | undefined;
  by: string;
  at: string;
}

interface Props {
  cycleId: string;
  planId: string;
  editable: boolean;
  decisions: DecisionView[];
  points: { id: string; code: string; title: string }[];
}

/** Act: the board's decisions for this quarter, optionally with a new action. */
export function ActPanel({ cycleId, planId, editable, decisions, points }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const [kind, setKind] = useState<DecisionKind>("new_action");
  const [text, setText] = useState("");
  const [pointId, setPointId] = useState<string | null>(null);
  const [actionTitle, setActionTitle] = useState("");
  const [actionDue, setActionDue] = useState("");
  const [required, setRequired] = useState<Record<string, string>>({});
  const [record, { loading, error, reset }] = useMutation(RecordDecision, {
    refetchQueries: ["CyclePage"],
  });
  const fields = { ...fieldErrors(error), ...required };
  const alert = otherErrorText(error, FIELDS, t);
  const withAction = kind === "new_action";

  async function submit(event: FormEvent) {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!text.trim()) missing.text = t("act.required.text");
    if (withAction && !actionTitle.trim()) missing["newAction.title"] = t("act.required.action");
    setRequired(missing);
    if (Object.keys(missing).length) return;
    reset();
    try {
      await record({
        variables: {
          input: {
            cycleId,
            kind,
            text: text.trim(),
            measurementPointId: pointId,
            newAction: withAction
              ? {
                  planId,
                  title: actionTitle.trim(),
                  dueDate: actionDue || null,
                  measurementPointId: pointId,
                }
              : null,
          },
        },
      });
      setText("");
      setActionTitle("");
      setActionDue("");
    } catch {
      // Shown from `error`; the decision stays in the form.
    }
  }

  return (
    <section aria-labelledby="act-heading">
      <Text component="h2" fw={650} size="xl" id="act-heading" mb="sm">
        {t("act.title")}
      </Text>
      <Stack gap="md">
        {decisions.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t("act.none")}
          </Text>
        ) : (
          <Stack gap="xs" component="ul" className="plain-list" aria-label={t("act.list")}>
            {decisions.map((d) => (
              <Paper withBorder p="sm" radius="md" component="li" key={d.id}>
                <Group gap="xs" mb={4}>
                  <Badge variant="light" color="koers">
                    {t(`decisionKind.${d.kind}`)}
                  </Badge>
                  {d.pointCode && (
                    <Badge variant="outline" color="gray">
                      {d.pointCode}
                    </Badge>
                  )}
                </Group>
                <Text size="sm">{d.text}</Text>
                {d.actionTitle && (
                  <Text size="sm" c="dimmed" mt={4}>
                    {d.actionDue
                      ? t("act.newActionIs", {
                          title: d.actionTitle,
                          due: format.date(d.actionDue),
                        })
                      : t("act.newActionNoDue", { title: d.actionTitle })}
                  </Text>
                )}
                <Text size="xs" c="dimmed" mt={4}>
                  {t("act.decidedBy", { name: d.by, date: format.dateTime(d.at) })}
                </Text>
              </Paper>
            ))}
          </Stack>
        )}
        {editable && (
          <Paper withBorder p="md" radius="md">
            <form onSubmit={submit} noValidate aria-label={t("act.formTitle")}>
              <Stack gap="sm">
                <Text fw={600}>{t("act.formTitle")}</Text>
                {alert && (
                  <Alert color="red" role="alert" variant="light">
                    {alert}
                  </Alert>
                )}
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <Select
                    label={t("act.kind")}
                    data={DECISION_KINDS.map((k) => ({ value: k, label: t(`decisionKind.${k}`) }))}
                    value={kind}
                    onChange={(v) => v && setKind(v as DecisionKind)}
                    allowDeselect={false}
                    error={fields.kind}
                  />
                  <Select
                    label={t("act.point")}
                    placeholder={t("act.noPoint")}
                    data={points.map((p) => ({ value: p.id, label: `${p.code} ${p.title}` }))}
                    value={pointId}
                    onChange={setPointId}
                    clearable
                    searchable
                    error={fields.measurementPointId}
                  />
                </SimpleGrid>
                <Textarea
                  label={t("act.text")}
                  required
                  value={text}
                  onChange={(e) => setText(e.currentTarget.value)}
                  error={fields.text}
                  autosize
                  minRows={2}
                />
                {withAction && (
                  <SimpleGrid cols={{ base: 1, sm: 2 }}>
                    <TextInput
                      label={t("act.actionTitle")}
                      required
                      value={actionTitle}
                      onChange={(e) => setActionTitle(e.currentTarget.value)}
                      error={fields["newAction.title"]}
                    />
                    <TextInput
                      type="date"
                      label={t("act.actionDue")}
                      value={actionDue}
                      onChange={(e) => setActionDue(e.currentTarget.value)}
                      error={fields["newAction.dueDate"]}
                    />
                  </SimpleGrid>
                )}
                <Group justify="flex-end">
                  <Button type="submit" loading={loading}>
                    {t("act.save")}
                  </Button>
                </Group>
              </Stack>
            </form>
          </Paper>
        )}
      </Stack>
    </section>
  );
}
