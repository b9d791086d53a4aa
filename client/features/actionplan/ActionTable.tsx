import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "@apollo/client/react";
import {
  ActionIcon,
  Button,
  Group,
  Modal,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  VisuallyHidden,
} from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import type * as Y from "yjs";
import { graphql } from "../../gql";
import { useFormat } from "../../ui/format";
import { ACTION_STATUS_COLORS, ActionStatusBadge } from "./ActionStatusBadge";
import {
  ACTION_STATUSES,
  addActionRow,
  deleteActionRow,
  useActionRows,
  type ActionRow,
  type ActionStatusValue,
} from "./actionTableRows";

const ActionTablePeople = graphql(`
  query ActionTablePeople($planId: ID!) {
    viewer {
      id
      name
    }
    plan(id: $planId) {
      id
      members {
        user {
          id
          name
        }
      }
    }
    actions(planId: $planId, first: 100) {
      nodes {
        id
        owner {
          id
          name
        }
      }
    }
  }
`);

const isStatus = (s: string): s is ActionStatusValue =>
  (ACTION_STATUSES as readonly string[]).includes(s);

/** The title cell: edited locally, written to the document on Enter or leaving the field. */
function TitleCell(props: {
  row: ActionRow;
  label: string;
  showLabel: boolean;
  autoFocus: boolean;
  placeholder: string;
}) {
  const { row } = props;
  // null while the user is not typing here: someone else's edit shows at once.
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    const next = draft?.trim();
    // An empty title is not a change: the action keeps its name.
    if (next && next !== row.title) row.map.set("title", next);
    setDraft(null);
  };
  return (
    <Textarea
      label={props.showLabel ? props.label : undefined}
      aria-label={props.showLabel ? undefined : props.label}
      value={draft ?? row.title}
      placeholder={props.placeholder}
      autoFocus={props.autoFocus}
      autosize
      minRows={1}
      maxRows={4}
      onFocus={() => setDraft(row.title)}
      onChange={(e) => setDraft(e.currentTarget.value.replace(/\n/g, " "))}
      onBlur={commit}
      onKeyDown={(e) => {
        // A title is one line: Enter saves it, Escape drops the change.
        if (e.key === "Enter") {
          e.preventDefault();
          e.currentTarget.blur();
        }
        if (e.key === "Escape") setDraft(row.title);
      }}
      maxLength={1000}
    />
  );
}

/** A small dot in the status colour, as on the status badges. */
function StatusDot({ status }: { status: ActionStatusValue }) {
  return (
    <span
      aria-hidden="true"
      style={{
        display: "inline-block",
        width: 10,
        height: 10,
        borderRadius: "50%",
        background: `var(--mantine-color-${ACTION_STATUS_COLORS[status]}-6)`,
      }}
    />
  );
}

/**
 * The table of actions of an action plan, bound to the Y.Array "actions" of
 * its Yjs document: every change is a CRDT edit that other editors see live,
 * and the server keeps the Action records (dashboards, KPIs) in step with it.
 */
export function ActionTable({
  doc,
  readOnly,
  planId,
}: {
  doc: Y.Doc;
  readOnly: boolean;
  planId: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const rows = useActionRows(doc);
  const [focusId, setFocusId] = useState<string | null>(null);
  const [toDelete, setToDelete] = useState<ActionRow | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const { data } = useQuery(ActionTablePeople, { variables: { planId } });
  const isNarrow = useMediaQuery("(max-width: 40em)") ?? false;

  const people = new Map<string, string>();
  if (data?.viewer) people.set(data.viewer.id, data.viewer.name);
  for (const m of data?.plan?.members ?? []) people.set(m.user.id, m.user.name);
  for (const a of data?.actions.nodes ?? []) if (a.owner) people.set(a.owner.id, a.owner.name);
  const ownerName = (id: string) =>
    id ? (people.get(id) ?? t("actionplan.table.otherOwner")) : t("actionplan.table.noOwner");
  const ownerOptions = (current: string) => {
    const options = [...people].map(([value, label]) => ({ value, label }));
    options.sort((a, b) => a.label.localeCompare(b.label));
    if (current && !people.has(current))
      options.unshift({ value: current, label: t("actionplan.table.otherOwner") });
    return [{ value: "", label: t("actionplan.table.noOwner") }, ...options];
  };
  const statusOptions = ACTION_STATUSES.map((s) => ({ value: s, label: t(`actionStatus.${s}`) }));
  const titleOf = (row: ActionRow) => row.title || t("actionplan.table.untitled");

  const caption = t("actionplan.table.caption", { count: rows.length });

  /** The controls of one row; `showLabels` in the card layout of narrow screens. */
  const cellsOf = (row: ActionRow, index: number, showLabels: boolean) => {
    const status = isStatus(row.status) ? row.status : "not_started";
    const name = titleOf(row);
    // In a card the title is right above, so the column name is label enough.
    const label = (short: string, full: string) =>
      showLabels ? { label: t(short) } : { "aria-label": full };
    if (readOnly)
      return {
        name,
        due: row.dueDate ? <time dateTime={row.dueDate}>{format.date(row.dueDate)}</time> : "—",
        status: <ActionStatusBadge status={status} />,
      };
    return {
      name,
      title: (
        <TitleCell
          row={row}
          label={t("actionplan.table.titleOf", { n: index + 1 })}
          showLabel={showLabels}
          placeholder={t("actionplan.table.titlePlaceholder")}
          autoFocus={row.id === focusId}
        />
      ),
      owner: (
        <NativeSelect
          {...label("actionplan.table.owner", t("actionplan.table.ownerOf", { title: name }))}
          value={row.ownerId}
          data={ownerOptions(row.ownerId)}
          miw={showLabels ? undefined : 190}
          onChange={(e) => row.map.set("ownerId", e.currentTarget.value)}
        />
      ),
      due: (
        <TextInput
          type="date"
          {...label("actionplan.table.dueDate", t("actionplan.table.dueDateOf", { title: name }))}
          value={row.dueDate}
          onChange={(e) => {
            const value = e.currentTarget.value;
            // The browser gives "" while a date is half typed: keep the last one.
            if (value || !e.currentTarget.validity.badInput) row.map.set("dueDate", value);
          }}
        />
      ),
      status: (
        <NativeSelect
          {...label("actionplan.table.status", t("actionplan.table.statusOf", { title: name }))}
          value={status}
          data={statusOptions}
          miw={showLabels ? undefined : 170}
          leftSection={<StatusDot status={status} />}
          data-status={status}
          onChange={(e) => row.map.set("status", e.currentTarget.value)}
        />
      ),
      remove: (
        <ActionIcon
          variant="subtle"
          color="red"
          size="lg"
          aria-label={t("actionplan.table.removeOf", { title: name })}
          onClick={() => setToDelete(row)}
        >
          <span aria-hidden="true">✕</span>
        </ActionIcon>
      ),
    };
  };

  const confirmDelete = () => {
    if (toDelete) deleteActionRow(doc, toDelete.id);
    setToDelete(null);
    addButton.current?.focus();
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="action-table-heading">
      <Stack gap="sm">
        <Group justify="space-between" align="center">
          <Text component="h2" fw={650} size="lg" id="action-table-heading">
            {t("actionplan.table.heading")}
          </Text>
          {!readOnly && (
            <Button ref={addButton} variant="light" onClick={() => setFocusId(addActionRow(doc))}>
              {t("actionplan.table.add")}
            </Button>
          )}
        </Group>
        {rows.length === 0 ? (
          <Text c="dimmed" size="sm">
            {readOnly ? t("actionplan.table.emptyReadOnly") : t("actionplan.table.empty")}
          </Text>
        ) : isNarrow ? (
          <Stack gap="sm" component="ul" aria-label={caption} className="plain-list">
            {rows.map((row, index) => {
              const cells = cellsOf(row, index, true);
              return (
                <Paper
                  component="li"
                  key={row.id || index}
                  withBorder
                  p="sm"
                  data-action-id={row.id}
                >
                  {readOnly ? (
                    <Stack gap={4}>
                      <Text fw={600}>{cells.name}</Text>
                      <Group gap="xs" justify="space-between">
                        <Text size="sm">
                          {ownerName(row.ownerId)} · {cells.due}
                        </Text>
                        {cells.status}
                      </Group>
                    </Stack>
                  ) : (
                    <Stack gap="xs">
                      {cells.title}
                      {cells.owner}
                      <Group grow gap="xs" align="flex-end">
                        {cells.due}
                        {cells.status}
                      </Group>
                      <Group justify="flex-end">{cells.remove}</Group>
                    </Stack>
                  )}
                </Paper>
              );
            })}
          </Stack>
        ) : (
          <Table.ScrollContainer minWidth={readOnly ? 480 : 900}>
            <Table verticalSpacing="xs" striped highlightOnHover>
              <Table.Caption>{caption}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" w={readOnly ? undefined : "34%"}>
                    {t("actionplan.table.title")}
                  </Table.Th>
                  <Table.Th scope="col">{t("actionplan.table.owner")}</Table.Th>
                  <Table.Th scope="col">{t("actionplan.table.dueDate")}</Table.Th>
                  <Table.Th scope="col">{t("actionplan.table.status")}</Table.Th>
                  {!readOnly && (
                    <Table.Th scope="col" w={48}>
                      <VisuallyHidden>{t("actionplan.table.remove")}</VisuallyHidden>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row, index) => {
                  const cells = cellsOf(row, index, false);
                  return (
                    <Table.Tr key={row.id || index} data-action-id={row.id}>
                      {readOnly ? (
                        <Table.Th scope="row" fw={500}>
                          {cells.name}
                        </Table.Th>
                      ) : (
                        <Table.Td>{cells.title}</Table.Td>
                      )}
                      <Table.Td>{readOnly ? ownerName(row.ownerId) : cells.owner}</Table.Td>
                      <Table.Td>{cells.due}</Table.Td>
                      <Table.Td>{cells.status}</Table.Td>
                      {!readOnly && <Table.Td>{cells.remove}</Table.Td>}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {!readOnly && rows.some((r) => !r.title) && (
          <Text size="xs" c="dimmed">
            {t("actionplan.table.untitledHint")}
          </Text>
        )}
      </Stack>
      <Modal
        opened={toDelete !== null}
        onClose={() => setToDelete(null)}
        title={t("actionplan.table.confirmTitle")}
      >
        <Stack>
          <Text>
            {t("actionplan.table.confirmText", { title: toDelete ? titleOf(toDelete) : "" })}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setToDelete(null)}>
              {t("actionplan.table.cancel")}
            </Button>
            <Button color="red" onClick={confirmDelete}>
              {t("actionplan.table.confirm")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
