import { useTranslation } from "react-i18next";
import { useMutation } from "@apollo/client/react";
import { ActionIcon, Alert, Badge, Group, Text } from "@mantine/core";
import { graphql } from "../../gql";
import { errorText } from "../../ui/errors";
import { IconMinus, IconPlus } from "../../ui/icons";
import type { RoomBoard, VoteTotal } from "./roomTypes";

const PlaceDot = graphql(`
  mutation SeminarPlaceDot($boardId: ID!, $noteId: String!) {
    placeDot(boardId: $boardId, noteId: $noteId) {
      id
      myDotsLeft
      dotsPlaced
      myDots {
        id
        noteId
      }
    }
  }
`);

const RemoveDot = graphql(`
  mutation SeminarRemoveDot($boardId: ID!, $noteId: String!) {
    removeDot(boardId: $boardId, noteId: $noteId) {
      id
      myDotsLeft
      dotsPlaced
      myDots {
        id
        noteId
      }
    }
  }
`);

/** Placing and taking back dots: one mutation each, the server counts what is left. */
export function useDots(board: RoomBoard) {
  const [place, placing] = useMutation(PlaceDot);
  const [remove, removing] = useMutation(RemoveDot);
  const error = placing.error ?? removing.error;
  return {
    error,
    busy: placing.loading || removing.loading,
    place: (noteId: string) =>
      place({ variables: { boardId: board.id, noteId } }).catch(() => undefined),
    remove: (noteId: string) =>
      remove({ variables: { boardId: board.id, noteId } }).catch(() => undefined),
  };
}

export function Dots({ count, label }: { count: number; label?: string }) {
  if (count <= 0) return null;
  return (
    <span className="dots" aria-label={label} role={label ? "img" : undefined}>
      {Array.from({ length: count }, (_, i) => (
        <span key={i} className="dots__dot" aria-hidden="true" />
      ))}
    </span>
  );
}

/** "3 dots left" with the dots themselves, for the viewer. */
export function DotsLeft({ board, perParticipant }: { board: RoomBoard; perParticipant: number }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" className="dots-left" role="status" aria-live="polite">
      <Text fw={650}>
        {t("seminars.vote.dotsLeft", { left: board.myDotsLeft, total: perParticipant })}
      </Text>
      <Dots count={board.myDotsLeft} />
    </Group>
  );
}

/** The viewer's dots on one note, with buttons to add or take back one. */
export function NoteDotControls({
  board,
  noteId,
  noteText,
  dots,
}: {
  board: RoomBoard;
  noteId: string;
  noteText: string;
  dots: ReturnType<typeof useDots>;
}) {
  const { t } = useTranslation();
  const mine = board.myDots.filter((d) => d.noteId === noteId).length;
  const short = noteText.length > 40 ? `${noteText.slice(0, 39)}…` : noteText;
  return (
    <Group gap={6} mt={6} className="note-dots" wrap="nowrap">
      <ActionIcon
        variant="filled"
        color="dark"
        size="md"
        aria-label={t("seminars.vote.placeDot", { note: short })}
        disabled={board.myDotsLeft <= 0 || dots.busy}
        onClick={() => void dots.place(noteId)}
      >
        <IconPlus size={16} />
      </ActionIcon>
      <ActionIcon
        variant="default"
        size="md"
        aria-label={t("seminars.vote.removeDot", { note: short })}
        disabled={mine === 0 || dots.busy}
        onClick={() => void dots.remove(noteId)}
      >
        <IconMinus size={16} />
      </ActionIcon>
      <Text size="sm" fw={600} className="note-dots__mine">
        {t("seminars.vote.myDotsOnNote", { count: mine })}
      </Text>
      <Dots count={mine} />
    </Group>
  );
}

export function DotError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" role="alert" py="xs">
      {errorText(error, t)}
    </Alert>
  );
}

/** Totals after the reveal, highest first; equal totals share a rank and say so. */
export function VoteTotals({ totals, label }: { totals: VoteTotal[]; label: string }) {
  const { t } = useTranslation();
  const sorted = [...totals].sort((a, b) => a.rank - b.rank || b.dots - a.dots);
  const max = Math.max(1, ...sorted.map((x) => x.dots));
  if (!sorted.length) return <Text c="dimmed">{t("seminars.vote.noDots")}</Text>;
  return (
    <ol className="vote-totals" aria-label={label}>
      {sorted.map((total) => (
        <li
          key={total.noteId}
          className="vote-totals__row"
          data-tied={(total.tied && total.dots > 0) || undefined}
        >
          <span className="vote-totals__rank">{total.rank}</span>
          <div className="vote-totals__body">
            <Group gap="xs" justify="space-between" wrap="wrap">
              <Text fw={600} className="vote-totals__text">
                {total.text || t("seminars.vote.deletedNote")}
              </Text>
              <Group gap={6} wrap="nowrap">
                {total.tied && total.dots > 0 && (
                  <Badge color="orange" variant="filled" className="vote-totals__tie">
                    {t("seminars.vote.tie")}
                  </Badge>
                )}
                <Text fw={700} className="vote-totals__dots">
                  {t("seminars.vote.dotCount", { count: total.dots })}
                </Text>
              </Group>
            </Group>
            <div className="bar" aria-hidden="true">
              <div className="bar__fill" style={{ width: `${(total.dots / max) * 100}%` }} />
            </div>
          </div>
        </li>
      ))}
    </ol>
  );
}
