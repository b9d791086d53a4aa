import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import {
  ActionIcon,
  Autocomplete,
  Badge,
  Button,
  Group,
  Menu,
  Select,
  Text,
  Textarea,
  Tooltip,
} from "@mantine/core";
import { IconPencil } from "../../ui/icons";
import type { BoardActions, BoardPeer, NoteView, Quadrant } from "./boardView";

export const NOTE_DRAG_TYPE = "application/x-koers-note";

type Mode = "view" | "edit" | "group" | "merge";

interface Props {
  note: NoteView;
  quadrants: readonly Quadrant[];
  others: NoteView[];
  groups: string[];
  canEdit: boolean;
  actions: BoardActions;
  typingPeers: BoardPeer[];
  onEditing(noteId: string | null): void;
  /** Extra controls under the note (e.g. dot voting). */
  extra?: ReactNode;
}

function short(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** One sticky note: its author's colour, inline editing and a keyboard menu for everything drag does. */
export function SwotNote({
  note,
  quadrants,
  others,
  groups,
  canEdit,
  actions,
  typingPeers,
  onEditing,
  extra,
}: Props) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<Mode>("view");
  const [draft, setDraft] = useState(note.text);
  const [group, setGroup] = useState(note.group ?? "");
  const [mergeWith, setMergeWith] = useState<string | null>(null);
  const open = (next: Mode) => {
    setMode(next);
    setDraft(note.text);
    setGroup(note.group ?? "");
    setMergeWith(null);
    onEditing(next === "view" ? null : note.id);
  };
  const close = () => open("view");
  const saveText = () => {
    const text = draft.trim();
    if (text && text !== note.text) actions.edit(note.id, text);
    close();
  };

  return (
    <li
      className="swot-note"
      style={{ background: note.color }}
      draggable={canEdit && mode === "view"}
      onDragStart={(e) => {
        e.dataTransfer.setData(NOTE_DRAG_TYPE, note.id);
        e.dataTransfer.effectAllowed = "move";
      }}
      data-note-id={note.id}
    >
      {mode === "edit" ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            saveText();
          }}
        >
          <Textarea
            label={t("seminars.board.editNote")}
            value={draft}
            onChange={(e) => setDraft(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === "Escape") close();
              if (e.key === "Enter" && !e.shiftKey) {
                e.preventDefault();
                saveText();
              }
            }}
            autosize
            minRows={2}
            maxLength={500}
            data-autofocus
            autoFocus
          />
          <Group gap="xs" mt="xs">
            <Button size="compact-sm" type="submit">
              {t("seminars.board.save")}
            </Button>
            <Button size="compact-sm" variant="default" onClick={close}>
              {t("seminars.board.cancel")}
            </Button>
          </Group>
        </form>
      ) : (
        <Text className="swot-note__text">{note.text}</Text>
      )}
      <Group gap={6} mt={6} justify="space-between" wrap="nowrap" align="center">
        <Group gap={6} wrap="wrap">
          <Text size="xs" className="swot-note__author">
            {note.authorName}
          </Text>
          {note.mergedFrom.length > 0 && (
            <Tooltip
              multiline
              w={260}
              label={note.mergedFrom.map((text) => short(text)).join(" · ")}
            >
              <Badge size="xs" variant="outline" color="gray" tabIndex={0}>
                {t("seminars.board.merged", { count: note.mergedFrom.length })}
              </Badge>
            </Tooltip>
          )}
          {typingPeers.map((peer) => (
            <Text key={peer.clientId} size="xs" fs="italic" className="swot-note__typing">
              {t("seminars.board.typing", { name: peer.name })}
            </Text>
          ))}
        </Group>
        {canEdit && mode === "view" && (
          <Group gap={2} wrap="nowrap">
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={t("seminars.board.editNote")}
              onClick={() => open("edit")}
            >
              <IconPencil size={16} />
            </ActionIcon>
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={t("seminars.board.noteActions", { text: short(note.text, 40) })}
                >
                  <span aria-hidden="true">⋯</span>
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                {quadrants.length > 1 && (
                  <>
                    <Menu.Label>{t("seminars.board.moveTo")}</Menu.Label>
                    {quadrants
                      .filter((q) => q !== note.quadrant)
                      .map((q) => (
                        <Menu.Item key={q} onClick={() => actions.move(note.id, q)}>
                          {t("seminars.board.moveToQuadrant", {
                            quadrant: t(`seminars.board.quadrants.${q}`),
                          })}
                        </Menu.Item>
                      ))}
                    <Menu.Divider />
                  </>
                )}
                <Menu.Item onClick={() => open("group")}>{t("seminars.board.group")}</Menu.Item>
                <Menu.Item onClick={() => open("merge")} disabled={others.length === 0}>
                  {t("seminars.board.merge")}
                </Menu.Item>
                <Menu.Divider />
                <Menu.Item color="red" onClick={() => actions.remove(note.id)}>
                  {t("seminars.board.remove")}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        )}
      </Group>
      {mode === "group" && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            actions.setGroup(note.id, group.trim() || null);
            close();
          }}
        >
          <Autocomplete
            label={t("seminars.board.groupLabel")}
            description={t("seminars.board.groupHint")}
            data={groups}
            value={group}
            onChange={setGroup}
            maxLength={80}
            autoFocus
            onKeyDown={(e) => e.key === "Escape" && close()}
          />
          <Group gap="xs" mt="xs">
            <Button size="compact-sm" type="submit">
              {t("seminars.board.save")}
            </Button>
            <Button size="compact-sm" variant="default" onClick={close}>
              {t("seminars.board.cancel")}
            </Button>
          </Group>
        </form>
      )}
      {mode === "merge" && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (mergeWith) actions.merge(note.id, mergeWith);
            close();
          }}
        >
          <Select
            label={t("seminars.board.mergeWith")}
            description={t("seminars.board.mergeHint")}
            data={others.map((o) => ({
              value: o.id,
              label: `${t(`seminars.board.quadrants.${o.quadrant}`)}: ${short(o.text)}`,
            }))}
            value={mergeWith}
            onChange={setMergeWith}
            searchable
            autoFocus
          />
          <Group gap="xs" mt="xs">
            <Button size="compact-sm" type="submit" disabled={!mergeWith}>
              {t("seminars.board.mergeConfirm")}
            </Button>
            <Button size="compact-sm" variant="default" onClick={close}>
              {t("seminars.board.cancel")}
            </Button>
          </Group>
        </form>
      )}
      {extra}
    </li>
  );
}
