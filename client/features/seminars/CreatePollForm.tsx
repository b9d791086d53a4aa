import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "@apollo/client/react";
import {
  ActionIcon,
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { graphql } from "../../gql";
import type { PollKind } from "../../gql/graphql";
import { errorText, fieldErrors } from "../../ui/errors";
import { IconPlus, IconTrash } from "../../ui/icons";
import { SeminarRoomQuery } from "./roomQueries";

const CreatePoll = graphql(`
  mutation SeminarCreatePoll($input: CreatePollInput!) {
    createPoll(input: $input) {
      id
    }
  }
`);

const KINDS: PollKind[] = ["single", "multiple", "scale", "text"];

/** The facilitator prepares a poll for the current session; it opens when they say so. */
export function CreatePollForm({ seminarId, sessionId }: { seminarId: string; sessionId: string }) {
  const { t } = useTranslation();
  const [question, setQuestion] = useState("");
  const [kind, setKind] = useState<PollKind>("single");
  const [options, setOptions] = useState<string[]>(["", ""]);
  const [scaleMin, setScaleMin] = useState<number>(1);
  const [scaleMax, setScaleMax] = useState<number>(5);
  const [localError, setLocalError] = useState<string | null>(null);
  const [create, { loading, error }] = useMutation(CreatePoll, {
    refetchQueries: [SeminarRoomQuery],
  });
  const fields = fieldErrors(error);
  const withChoices = kind === "single" || kind === "multiple";

  async function submit(event: FormEvent) {
    event.preventDefault();
    const labels = options.map((o) => o.trim()).filter(Boolean);
    if (!question.trim()) return setLocalError(t("seminars.poll.form.questionRequired"));
    if (withChoices && labels.length < 2) return setLocalError(t("seminars.poll.form.twoOptions"));
    if (kind === "scale" && scaleMax <= scaleMin)
      return setLocalError(t("seminars.poll.form.scaleOrder"));
    setLocalError(null);
    try {
      await create({
        variables: {
          input: {
            seminarId,
            sessionId,
            question: question.trim(),
            kind,
            options: withChoices ? labels : null,
            scaleMin: kind === "scale" ? scaleMin : null,
            scaleMax: kind === "scale" ? scaleMax : null,
          },
        },
      });
      setQuestion("");
      setOptions(["", ""]);
    } catch {
      // Shown from `error`.
    }
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="new-poll">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text component="h3" id="new-poll" fw={650} size="lg">
            {t("seminars.poll.form.title")}
          </Text>
          <TextInput
            label={t("seminars.poll.form.question")}
            value={question}
            onChange={(e) => setQuestion(e.currentTarget.value)}
            required
            maxLength={300}
            error={fields.question}
          />
          <div>
            <Text size="sm" fw={500} id="poll-kind-label" mb={4}>
              {t("seminars.poll.form.kind")}
            </Text>
            <SegmentedControl
              aria-labelledby="poll-kind-label"
              value={kind}
              onChange={(v) => setKind(v as PollKind)}
              data={KINDS.map((k) => ({ value: k, label: t(`seminars.poll.kinds.${k}`) }))}
              fullWidth
              className="poll-kind-control"
            />
          </div>
          {withChoices && (
            <Stack gap={6}>
              {options.map((option, i) => (
                <Group key={i} gap="xs" wrap="nowrap" align="flex-end">
                  <TextInput
                    style={{ flex: 1 }}
                    label={t("seminars.poll.form.option", { n: i + 1 })}
                    value={option}
                    maxLength={120}
                    onChange={(e) => {
                      const value = e.currentTarget.value;
                      setOptions((list) => list.map((o, j) => (j === i ? value : o)));
                    }}
                  />
                  <ActionIcon
                    variant="default"
                    size="lg"
                    aria-label={t("seminars.poll.form.removeOption", { n: i + 1 })}
                    disabled={options.length <= 2}
                    onClick={() => setOptions((list) => list.filter((_, j) => j !== i))}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              ))}
              <Button
                variant="subtle"
                leftSection={<IconPlus size={14} />}
                onClick={() => setOptions((list) => [...list, ""])}
                disabled={options.length >= 12}
                w="fit-content"
              >
                {t("seminars.poll.form.addOption")}
              </Button>
            </Stack>
          )}
          {kind === "scale" && (
            <Group grow>
              <NumberInput
                label={t("seminars.poll.form.scaleMin")}
                value={scaleMin}
                onChange={(v) => setScaleMin(Number(v))}
                min={0}
                max={10}
              />
              <NumberInput
                label={t("seminars.poll.form.scaleMax")}
                value={scaleMax}
                onChange={(v) => setScaleMax(Number(v))}
                min={1}
                max={10}
              />
            </Group>
          )}
          {(localError || (error && !Object.keys(fields).length)) && (
            <Alert color="red" role="alert">
              {localError ?? errorText(error, t)}
            </Alert>
          )}
          <Button type="submit" loading={loading} w="fit-content">
            {t("seminars.poll.form.create")}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
