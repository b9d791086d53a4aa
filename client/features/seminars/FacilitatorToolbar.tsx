import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "@apollo/client/react";
import { Alert, Button, Group, NumberInput, Paper, Stack, Text } from "@mantine/core";
import { graphql } from "../../gql";
import { errorText } from "../../ui/errors";
import { IconChevronLeft, IconChevronRight, IconLock } from "../../ui/icons";
import type { RoomSeminar } from "./roomTypes";

const MoveToSession = graphql(`
  mutation SeminarMoveToSession($seminarId: ID!, $sessionId: ID!) {
    moveToSession(seminarId: $seminarId, sessionId: $sessionId) {
      id
      currentSession {
        id
      }
    }
  }
`);
const StartTimer = graphql(`
  mutation SeminarStartTimer($seminarId: ID!, $seconds: Int!) {
    startSeminarTimer(seminarId: $seminarId, seconds: $seconds) {
      id
      timer {
        endsAt
        pausedRemainingMs
        serverNow
      }
    }
  }
`);
const PauseTimer = graphql(`
  mutation SeminarPauseTimer($seminarId: ID!) {
    pauseSeminarTimer(seminarId: $seminarId) {
      id
      timer {
        endsAt
        pausedRemainingMs
        serverNow
      }
    }
  }
`);
const ResumeTimer = graphql(`
  mutation SeminarResumeTimer($seminarId: ID!) {
    resumeSeminarTimer(seminarId: $seminarId) {
      id
      timer {
        endsAt
        pausedRemainingMs
        serverNow
      }
    }
  }
`);
const ClearTimer = graphql(`
  mutation SeminarClearTimer($seminarId: ID!) {
    clearSeminarTimer(seminarId: $seminarId) {
      id
      timer {
        endsAt
        pausedRemainingMs
        serverNow
      }
    }
  }
`);
const SetBoardLocked = graphql(`
  mutation SeminarSetBoardLocked($boardId: ID!, $locked: Boolean!) {
    setBoardLocked(boardId: $boardId, locked: $locked) {
      id
      locked
      viewerCanEdit
    }
  }
`);
const SetVotesRevealed = graphql(`
  mutation SeminarSetVotesRevealed($boardId: ID!, $revealed: Boolean!) {
    setBoardVotesRevealed(boardId: $boardId, revealed: $revealed) {
      id
      votesRevealed
      voteTotals {
        noteId
        text
        quadrant
        dots
        rank
        tied
      }
    }
  }
`);

/** What only the facilitator sees: sessions, timer, boards (lock, reveal votes). */
export function FacilitatorToolbar({ seminar }: { seminar: RoomSeminar }) {
  const { t } = useTranslation();
  const [minutes, setMinutes] = useState<number>(10);
  const [move, moving] = useMutation(MoveToSession);
  const [start, starting] = useMutation(StartTimer);
  const [pause, pausing] = useMutation(PauseTimer);
  const [resume, resuming] = useMutation(ResumeTimer);
  const [clear, clearing] = useMutation(ClearTimer);
  const [lock, locking] = useMutation(SetBoardLocked);
  const [reveal, revealing] = useMutation(SetVotesRevealed);
  const error =
    moving.error ??
    starting.error ??
    pausing.error ??
    resuming.error ??
    clearing.error ??
    locking.error ??
    revealing.error;

  const index = seminar.sessions.findIndex((s) => s.id === seminar.currentSession?.id);
  const current = seminar.sessions[index];
  const previous = index > 0 ? seminar.sessions[index - 1] : undefined;
  const next = seminar.sessions[index + 1];
  const seminarId = seminar.id;
  const ignore = () => undefined;
  const running = Boolean(seminar.timer.endsAt);
  const paused = seminar.timer.pausedRemainingMs !== null;

  return (
    <Paper
      component="section"
      withBorder
      p="sm"
      className="facilitator-toolbar"
      aria-labelledby="facilitator-heading"
    >
      <Stack gap="xs">
        <Text component="h2" id="facilitator-heading" fw={700} size="sm" tt="uppercase">
          {t("seminars.facilitator.title")}
        </Text>
        <Group gap="lg" align="flex-end" wrap="wrap">
          <Group gap="xs" role="group" aria-label={t("seminars.facilitator.sessions")}>
            <Button
              variant="default"
              leftSection={<IconChevronLeft size={16} />}
              disabled={!previous}
              loading={moving.loading}
              onClick={() =>
                previous &&
                void move({ variables: { seminarId, sessionId: previous.id } }).catch(ignore)
              }
            >
              {t("seminars.facilitator.previous")}
            </Button>
            <Button
              rightSection={<IconChevronRight size={16} />}
              disabled={!next}
              loading={moving.loading}
              onClick={() =>
                next && void move({ variables: { seminarId, sessionId: next.id } }).catch(ignore)
              }
            >
              {t("seminars.facilitator.next")}
            </Button>
          </Group>
          <Group gap="xs" align="flex-end" role="group" aria-label={t("seminars.timer.label")}>
            <NumberInput
              label={t("seminars.facilitator.minutes")}
              value={minutes}
              onChange={(v) => setMinutes(Number(v))}
              min={1}
              max={120}
              w={110}
            />
            <Button
              variant="light"
              loading={starting.loading}
              onClick={() =>
                void start({
                  variables: { seminarId, seconds: Math.round(Math.max(1, minutes) * 60) },
                }).catch(ignore)
              }
            >
              {t("seminars.facilitator.startTimer")}
            </Button>
            {running && (
              <Button
                variant="default"
                loading={pausing.loading}
                onClick={() => void pause({ variables: { seminarId } }).catch(ignore)}
              >
                {t("seminars.facilitator.pauseTimer")}
              </Button>
            )}
            {paused && (
              <Button
                variant="default"
                loading={resuming.loading}
                onClick={() => void resume({ variables: { seminarId } }).catch(ignore)}
              >
                {t("seminars.facilitator.resumeTimer")}
              </Button>
            )}
            {(running || paused) && (
              <Button
                variant="subtle"
                loading={clearing.loading}
                onClick={() => void clear({ variables: { seminarId } }).catch(ignore)}
              >
                {t("seminars.facilitator.resetTimer")}
              </Button>
            )}
          </Group>
          {current?.boards.map((board) => (
            <Group
              key={board.id}
              gap="xs"
              role="group"
              aria-label={t("seminars.facilitator.boardControls", { board: board.title })}
            >
              <Button
                variant={board.locked ? "filled" : "default"}
                color={board.locked ? "dark" : undefined}
                leftSection={<IconLock size={14} />}
                loading={locking.loading}
                onClick={() =>
                  void lock({ variables: { boardId: board.id, locked: !board.locked } }).catch(
                    ignore,
                  )
                }
              >
                {board.locked
                  ? t("seminars.facilitator.unlockBoard", { board: board.title })
                  : t("seminars.facilitator.lockBoard", { board: board.title })}
              </Button>
              <Button
                color={board.votesRevealed ? "gray" : "orange"}
                variant={board.votesRevealed ? "default" : "filled"}
                loading={revealing.loading}
                onClick={() =>
                  void reveal({
                    variables: { boardId: board.id, revealed: !board.votesRevealed },
                  }).catch(ignore)
                }
              >
                {board.votesRevealed
                  ? t("seminars.facilitator.hideVotes", { board: board.title })
                  : t("seminars.facilitator.revealVotes", { board: board.title })}
              </Button>
            </Group>
          ))}
        </Group>
        {error && (
          <Alert color="red" role="alert">
            {errorText(error, t)}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
