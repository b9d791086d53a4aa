import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  Alert,
  Avatar,
  Badge,
  Group,
  Paper,
  Stack,
  Switch,
  Text,
  Tooltip,
  VisuallyHidden,
} from "@mantine/core";
import { SWOT_QUADRANTS, PRIORITY_QUADRANT, visibleNotes } from "../../../shared/seminarBoard";
import { IconLock } from "../../ui/icons";
import type { ConnectionState } from "../realtime/useSharedDoc";
import type { NoteView, Quadrant } from "./boardView";
import { DotError, DotsLeft, NoteDotControls, VoteTotals, useDots } from "./DotVoting";
import type { RoomBoard } from "./roomTypes";
import { SwotBoard } from "./SwotBoard";
import { useBoardDoc } from "./useBoardDoc";

const CONNECTION_COLORS: Record<ConnectionState, string> = {
  connected: "green",
  syncing: "blue",
  connecting: "yellow",
  disconnected: "red",
};

const SWOT: readonly Quadrant[] = SWOT_QUADRANTS;
const PRIORITIES: readonly Quadrant[] = [PRIORITY_QUADRANT];

interface Props {
  board: RoomBoard;
  me: { id: string; name: string };
  people: Map<string, string>;
  dotsPerParticipant: number;
  canVote: boolean;
  /** The session's title: a board named the same (the default board) needs no visible title. */
  sessionTitle: string;
}

/** One board of the current session: the live notes, who is here, and dot voting. */
export function BoardPanel({
  board,
  me,
  people,
  dotsPerParticipant,
  canVote,
  sessionTitle,
}: Props) {
  const { t } = useTranslation();
  const live = useBoardDoc(board.docName, me);
  const dots = useDots(board);
  // Dots go on candidate priorities by default; on a SWOT board each person may switch them on.
  const [votingOnSwot, setVotingOnSwot] = useState(false);
  const isPriorities = board.kind === "priorities";
  const voting = canVote && !board.votesRevealed && (isPriorities || votingOnSwot);

  const notes: NoteView[] = useMemo(() => {
    const merged = new Map<string, string[]>();
    for (const n of live.notes)
      if (n.mergedInto) merged.set(n.mergedInto, [...(merged.get(n.mergedInto) ?? []), n.text]);
    return visibleNotes(live.notes).map((n) => ({
      id: n.id,
      quadrant: n.quadrant,
      text: n.text,
      authorId: n.authorId ?? "",
      authorName: (n.authorId && people.get(n.authorId)) || t("seminars.board.unknownAuthor"),
      color: n.colour,
      groupId: n.groupId,
      group: (n.groupId && live.groups.get(n.groupId)) || null,
      mergedFrom: merged.get(n.id) ?? [],
    }));
  }, [live.notes, live.groups, people, t]);

  const headingId = `board-${board.id}`;
  return (
    <Paper
      component="section"
      withBorder
      p="md"
      className="board-panel"
      aria-labelledby={headingId}
      data-locked={board.locked || undefined}
    >
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="xs">
            {board.title === sessionTitle ? (
              <VisuallyHidden component="h3" id={headingId}>
                {board.title}
              </VisuallyHidden>
            ) : (
              <h3 id={headingId} className="board-panel__title">
                {board.title}
              </h3>
            )}
            {board.locked && (
              <Badge color="dark" variant="filled" leftSection={<IconLock size={12} />}>
                {t("seminars.board.locked")}
              </Badge>
            )}
          </Group>
          <Group gap="sm">
            <Group gap={6} role="group" aria-label={t("seminars.board.presence")}>
              <Text size="sm" className="board-panel__presence-label">
                {t("seminars.board.presence")}:
              </Text>
              <Avatar.Group>
                {live.peers.map((p) => (
                  <Tooltip
                    key={p.clientId}
                    label={p.isSelf ? `${p.name} (${t("plan.you")})` : p.name}
                  >
                    <Avatar
                      size="sm"
                      radius="xl"
                      aria-label={p.name}
                      styles={{ placeholder: { background: p.color, color: "#1a1b1e" } }}
                    >
                      {p.name.slice(0, 1)}
                    </Avatar>
                  </Tooltip>
                ))}
              </Avatar.Group>
            </Group>
            <Badge
              color={CONNECTION_COLORS[live.connection]}
              variant="dot"
              role="status"
              data-connection={live.connection}
            >
              {t(`plan.connection.${live.connection}`)}
            </Badge>
          </Group>
        </Group>
        {board.locked && (
          <Alert color="gray" variant="light" icon={<IconLock size={16} />}>
            {board.viewerCanEdit
              ? t("seminars.board.lockedFacilitator")
              : t("seminars.board.lockedHint")}
          </Alert>
        )}
        {canVote && !board.votesRevealed && (
          <Group justify="space-between" wrap="wrap">
            {!isPriorities && (
              <Switch
                label={t("seminars.vote.onNotes")}
                checked={votingOnSwot}
                onChange={(e) => setVotingOnSwot(e.currentTarget.checked)}
              />
            )}
            {voting && <DotsLeft board={board} perParticipant={dotsPerParticipant} />}
          </Group>
        )}
        <DotError error={dots.error} />
        <SwotBoard
          boardId={board.id}
          quadrants={isPriorities ? PRIORITIES : SWOT}
          notes={notes}
          groupTitles={[...new Set(live.groups.values())]}
          canEdit={board.viewerCanEdit}
          actions={live.actions}
          peers={live.peers}
          onEditing={live.setEditing}
          renderExtra={
            voting
              ? (note) => (
                  <NoteDotControls
                    board={board}
                    noteId={note.id}
                    noteText={note.text}
                    dots={dots}
                  />
                )
              : undefined
          }
        />
        {board.votesRevealed && board.voteTotals && (
          <section aria-labelledby={`${headingId}-totals`} className="vote-results">
            <h4 id={`${headingId}-totals`} className="vote-results__title">
              {t("seminars.vote.results")}
            </h4>
            <VoteTotals totals={board.voteTotals} label={t("seminars.vote.results")} />
          </section>
        )}
        {!board.votesRevealed && board.dotsPlaced > 0 && (
          <Text size="sm" c="dimmed">
            {t("seminars.vote.placedSoFar", { count: board.dotsPlaced })}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
