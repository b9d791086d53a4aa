import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "@apollo/client/react";
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Radio,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { graphql } from "../../gql";
import { errorText } from "../../ui/errors";
import type { RoomPoll } from "./roomTypes";
import { PollResults } from "./PollResults";

const AnswerPoll = graphql(`
  mutation SeminarAnswerPoll($pollId: ID!, $input: PollAnswerInput!) {
    answerPoll(pollId: $pollId, input: $input) {
      id
      answerCount
      myAnswer {
        optionIds
        value
        text
      }
    }
  }
`);

const SetPollOpen = graphql(`
  mutation SeminarSetPollOpen($pollId: ID!, $open: Boolean!) {
    setPollOpen(pollId: $pollId, open: $open) {
      id
      open
    }
  }
`);

const SetPollRevealed = graphql(`
  mutation SeminarSetPollRevealed($pollId: ID!, $revealed: Boolean!) {
    setPollRevealed(pollId: $pollId, revealed: $revealed) {
      id
      revealed
    }
  }
`);

function range(min: number, max: number): number[] {
  return Array.from({ length: Math.max(0, max - min + 1) }, (_, i) => min + i);
}

function AnswerForm({ poll }: { poll: RoomPoll }) {
  const { t } = useTranslation();
  const mine = poll.myAnswer;
  const [optionIds, setOptionIds] = useState<string[]>(mine?.optionIds ?? []);
  const [value, setValue] = useState<string>(mine?.value != null ? String(mine.value) : "");
  const [text, setText] = useState(mine?.text ?? "");
  const [answer, { loading, error, data }] = useMutation(AnswerPoll);
  const [sent, setSent] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input =
      poll.kind === "scale"
        ? { value: Number(value) }
        : poll.kind === "text"
          ? { text: text.trim() }
          : { optionIds };
    try {
      await answer({ variables: { pollId: poll.id, input } });
      setSent(true);
    } catch {
      // Shown from `error`.
    }
  }
  const empty =
    poll.kind === "scale" ? value === "" : poll.kind === "text" ? !text.trim() : !optionIds.length;
  const legend = t("seminars.poll.yourAnswer");

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {poll.kind === "single" && (
          <Radio.Group
            label={legend}
            value={optionIds[0] ?? null}
            onChange={(v) => setOptionIds([v])}
          >
            <Stack gap={8} mt={6}>
              {poll.options.map((o) => (
                <Radio key={o.id} value={o.id} label={o.label} size="md" />
              ))}
            </Stack>
          </Radio.Group>
        )}
        {poll.kind === "multiple" && (
          <Checkbox.Group
            label={legend}
            description={t("seminars.poll.severalAllowed")}
            value={optionIds}
            onChange={setOptionIds}
          >
            <Stack gap={8} mt={6}>
              {poll.options.map((o) => (
                <Checkbox key={o.id} value={o.id} label={o.label} size="md" />
              ))}
            </Stack>
          </Checkbox.Group>
        )}
        {poll.kind === "scale" && (
          <Radio.Group
            label={legend}
            description={t("seminars.poll.scaleHint", {
              min: poll.scaleMin ?? 1,
              max: poll.scaleMax ?? 5,
            })}
            value={value}
            onChange={setValue}
          >
            <Group gap="md" mt={6}>
              {range(poll.scaleMin ?? 1, poll.scaleMax ?? 5).map((n) => (
                <Radio key={n} value={String(n)} label={String(n)} size="md" />
              ))}
            </Group>
          </Radio.Group>
        )}
        {poll.kind === "text" && (
          <TextInput
            label={legend}
            description={t("seminars.poll.textHint")}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            maxLength={80}
          />
        )}
        {error && (
          <Alert color="red" role="alert">
            {errorText(error, t)}
          </Alert>
        )}
        <Group gap="sm">
          <Button type="submit" loading={loading} disabled={empty}>
            {mine ? t("seminars.poll.changeAnswer") : t("seminars.poll.sendAnswer")}
          </Button>
          {(sent || mine) && !loading && !error && (
            <Text size="sm" role="status" fw={600} c="green.8">
              {data || sent ? t("seminars.poll.answerSaved") : t("seminars.poll.answered")}
            </Text>
          )}
        </Group>
      </Stack>
    </form>
  );
}

function FacilitatorPollControls({ poll }: { poll: RoomPoll }) {
  const { t } = useTranslation();
  const [setOpen, opening] = useMutation(SetPollOpen);
  const [setRevealed, revealing] = useMutation(SetPollRevealed);
  const error = opening.error ?? revealing.error;
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Button
          size="sm"
          variant={poll.open ? "default" : "filled"}
          loading={opening.loading}
          onClick={() =>
            void setOpen({ variables: { pollId: poll.id, open: !poll.open } }).catch(() => {})
          }
        >
          {poll.open ? t("seminars.facilitator.closePoll") : t("seminars.facilitator.openPoll")}
        </Button>
        <Button
          size="sm"
          color={poll.revealed ? "gray" : "orange"}
          variant={poll.revealed ? "default" : "filled"}
          loading={revealing.loading}
          onClick={() =>
            void setRevealed({ variables: { pollId: poll.id, revealed: !poll.revealed } }).catch(
              () => {},
            )
          }
        >
          {poll.revealed
            ? t("seminars.facilitator.hideResults")
            : t("seminars.facilitator.revealResults")}
        </Button>
      </Group>
      {error && (
        <Alert color="red" role="alert">
          {errorText(error, t)}
        </Alert>
      )}
    </Stack>
  );
}

/** One poll: the question, the answer form while open, the live count, the results once revealed. */
export function PollPanel({
  poll,
  isFacilitator,
  canAnswer,
}: {
  poll: RoomPoll;
  isFacilitator: boolean;
  canAnswer: boolean;
}) {
  const { t } = useTranslation();
  const headingId = `poll-${poll.id}`;
  const state = poll.open ? "open" : poll.revealed ? "revealed" : "closed";
  return (
    <Paper component="section" withBorder p="md" className="poll-panel" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Text size="sm" className="poll-panel__kind">
              {t(`seminars.poll.kinds.${poll.kind}`)}
            </Text>
            <h3 id={headingId} className="poll-panel__question">
              {poll.question}
            </h3>
          </div>
          <Badge
            size="lg"
            variant="filled"
            color={poll.open ? "green" : poll.revealed ? "orange" : "gray"}
          >
            {t(`seminars.poll.state.${state}`)}
          </Badge>
        </Group>
        <Text fw={650} role="status" aria-live="polite" className="poll-panel__count">
          {t("seminars.poll.answerCountLive", { count: poll.answerCount })}
        </Text>
        {isFacilitator && <FacilitatorPollControls poll={poll} />}
        {canAnswer && poll.open && <AnswerForm key={poll.id} poll={poll} />}
        {!poll.open && !poll.revealed && !isFacilitator && (
          <Text c="dimmed">{t("seminars.poll.waiting")}</Text>
        )}
        {poll.revealed && poll.results ? (
          <PollResults poll={poll} />
        ) : (
          poll.answerCount > 0 && (
            <Text size="sm" c="dimmed">
              {t("seminars.poll.hiddenUntilReveal")}
            </Text>
          )
        )}
      </Stack>
    </Paper>
  );
}
