import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Button, Group, Text, Textarea } from "@mantine/core";
import { IconPlus } from "../../ui/icons";
import {
  groupNotes,
  type BoardActions,
  type BoardPeer,
  type NoteView,
  type Quadrant,
} from "./boardView";
import { NOTE_DRAG_TYPE, SwotNote } from "./SwotNote";

interface Props {
  boardId: string;
  quadrants: readonly Quadrant[];
  notes: NoteView[];
  groupTitles: string[];
  canEdit: boolean;
  actions: BoardActions | null;
  peers: BoardPeer[];
  onEditing(editing: BoardPeer["editing"]): void;
  renderExtra?(note: NoteView): ReactNode;
}

function AddNoteForm({
  boardId,
  quadrant,
  onAdd,
  onEditing,
}: {
  boardId: string;
  quadrant: Quadrant;
  onAdd(text: string): void;
  onEditing(editing: BoardPeer["editing"]): void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const submit = () => {
    if (!text.trim()) return;
    onAdd(text);
    setText("");
  };
  return (
    <form
      className="swot-add"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Textarea
        id={`add-${boardId}-${quadrant}`}
        label={t("seminars.board.newNoteIn", {
          quadrant: t(`seminars.board.quadrants.${quadrant}`),
        })}
        placeholder={t("seminars.board.newNotePlaceholder")}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        onFocus={() => onEditing({ quadrant })}
        onBlur={() => onEditing(null)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.shiftKey) {
            e.preventDefault();
            submit();
          }
        }}
        autosize
        minRows={1}
        maxRows={6}
        maxLength={500}
        classNames={{ label: "swot-add__label" }}
      />
      <Button
        type="submit"
        size="compact-sm"
        variant="light"
        leftSection={<IconPlus size={14} />}
        disabled={!text.trim()}
        mt={6}
      >
        {t("seminars.board.add")}
      </Button>
    </form>
  );
}

/**
 * The board of sticky notes: four SWOT quadrants (or one column of candidate priorities).
 * Everything a mouse does by dragging, the note's menu does from the keyboard.
 */
export function SwotBoard({
  boardId,
  quadrants,
  notes,
  groupTitles,
  canEdit,
  actions,
  peers,
  onEditing,
  renderExtra,
}: Props) {
  const { t } = useTranslation();
  const [dropTarget, setDropTarget] = useState<Quadrant | null>(null);
  const editable = canEdit && actions !== null;
  const others = peers.filter((p) => !p.isSelf);

  return (
    <div className="swot-board" data-quadrants={quadrants.length}>
      {quadrants.map((quadrant) => {
        const inQuadrant = notes.filter((n) => n.quadrant === quadrant);
        const headingId = `q-${boardId}-${quadrant}`;
        const typingHere = others.filter((p) => p.editing?.quadrant === quadrant);
        return (
          <section
            key={quadrant}
            className="swot-quadrant"
            data-quadrant={quadrant}
            data-drop={dropTarget === quadrant || undefined}
            aria-labelledby={headingId}
            onDragOver={(e) => {
              if (!editable || !e.dataTransfer.types.includes(NOTE_DRAG_TYPE)) return;
              e.preventDefault();
              setDropTarget(quadrant);
            }}
            onDragLeave={() => setDropTarget(null)}
            onDrop={(e) => {
              const id = e.dataTransfer.getData(NOTE_DRAG_TYPE);
              setDropTarget(null);
              if (editable && id) {
                e.preventDefault();
                actions.move(id, quadrant);
              }
            }}
          >
            <Group justify="space-between" align="baseline" mb="xs" wrap="nowrap">
              <h4 id={headingId} className="swot-quadrant__title">
                {t(`seminars.board.quadrants.${quadrant}`)}
              </h4>
              <Text size="sm" className="swot-quadrant__count">
                {t("seminars.board.noteCount", { count: inQuadrant.length })}
              </Text>
            </Group>
            {inQuadrant.length === 0 && (
              <Text size="sm" className="swot-quadrant__empty">
                {t("seminars.board.emptyQuadrant")}
              </Text>
            )}
            {groupNotes(inQuadrant).map(({ group, notes: groupNotesList }) => (
              <div key={group ?? "-"} className="swot-group" data-grouped={group !== null}>
                {group && <h5 className="swot-group__title">{group}</h5>}
                <ul className="swot-notes" aria-label={group ?? undefined}>
                  {groupNotesList.map((note) => (
                    <SwotNote
                      key={note.id}
                      note={note}
                      quadrants={quadrants}
                      others={notes.filter((n) => n.id !== note.id)}
                      groups={groupTitles}
                      canEdit={editable}
                      actions={actions!}
                      typingPeers={others.filter((p) => p.editing?.noteId === note.id)}
                      onEditing={(noteId) => onEditing(noteId ? { noteId } : null)}
                      extra={renderExtra?.(note)}
                    />
                  ))}
                </ul>
              </div>
            ))}
            {typingHere.map((peer) => (
              <Text key={peer.clientId} size="xs" fs="italic" className="swot-typing">
                <span className="swot-dot" style={{ background: peer.color }} aria-hidden="true" />
                {t("seminars.board.typingNew", { name: peer.name })}
              </Text>
            ))}
            {editable && (
              <AddNoteForm
                boardId={boardId}
                quadrant={quadrant}
                onAdd={(text) => actions.add(quadrant, text)}
                onEditing={onEditing}
              />
            )}
          </section>
        );
      })}
    </div>
  );
}
