import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "@apollo/client/react";
import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Tooltip,
} from "@mantine/core";
import { graphql } from "../../gql";
import { errorText, fieldErrors, otherErrorText } from "../../ui/errors";
import { useFormat } from "../../ui/format";
import { IconCheck, IconPencil, IconPlus, IconTrash } from "../../ui/icons";
import { MilestoneStateBadge, todayIso } from "./shared";

const CreateMilestoneMutation = graphql(`
  mutation CreateMilestone($input: CreateMilestoneInput!) {
    createMilestone(input: $input) {
      id
    }
  }
`);
const UpdateMilestoneMutation = graphql(`
  mutation UpdateMilestone($id: ID!, $version: Int!, $input: UpdateMilestoneInput!) {
    updateMilestone(id: $id, version: $version, input: $input) {
      id
      version
      title
      deliverable
      dueDate
      doneDate
      status
      doneOnTime
      late
    }
  }
`);
const MarkDoneMutation = graphql(`
  mutation MarkMilestoneDone($id: ID!, $version: Int!, $doneDate: String) {
    markMilestoneDone(id: $id, version: $version, doneDate: $doneDate) {
      id
      version
      doneDate
      status
      doneOnTime
      late
    }
  }
`);
const DeleteMilestoneMutation = graphql(`
  mutation DeleteMilestone($id: ID!) {
    deleteMilestone(id: $id)
  }
`);

export interface MilestoneRow {
  id: string;
  version: number;
  title: string;
  deliverable?: string | null;
  dueDate: string;
  doneDate?: string | null;
  status: "planned" | "in_progress" | "done" | "cancelled";
  doneOnTime?: boolean | null;
  late: boolean;
}

const STATUSES = ["planned", "in_progress", "done", "cancelled"] as const;

function MilestoneForm(props: {
  projectId: string;
  milestone: MilestoneRow | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const m = props.milestone;
  const [title, setTitle] = useState(m?.title ?? "");
  const [deliverable, setDeliverable] = useState(m?.deliverable ?? "");
  const [dueDate, setDueDate] = useState(m?.dueDate ?? "");
  const [status, setStatus] = useState<MilestoneRow["status"]>(m?.status ?? "planned");
  const [doneDate, setDoneDate] = useState(m?.doneDate ?? "");
  const [create, created] = useMutation(CreateMilestoneMutation, {
    refetchQueries: ["ProjectPage"],
  });
  const [update, updated] = useMutation(UpdateMilestoneMutation, {
    refetchQueries: ["ProjectPage"],
  });
  const error = created.error ?? updated.error;
  const errors = fieldErrors(error);
  const other = otherErrorText(error, ["title", "deliverable", "dueDate", "status", "doneDate"], t);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const input = {
      title,
      deliverable,
      dueDate,
      status,
      ...(status === "done" && doneDate ? { doneDate } : {}),
    };
    try {
      if (m) await update({ variables: { id: m.id, version: m.version, input } });
      else await create({ variables: { input: { ...input, projectId: props.projectId } } });
      props.onClose();
    } catch {
      // shown below
    }
  }

  return (
    <Modal
      opened
      onClose={props.onClose}
      title={m ? t("portfolio.milestones.edit") : t("portfolio.milestones.add")}
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t("portfolio.milestones.title")}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            required
            error={errors.title}
            data-autofocus
          />
          <Textarea
            label={t("portfolio.milestones.deliverable")}
            value={deliverable}
            onChange={(e) => setDeliverable(e.currentTarget.value)}
            autosize
            error={errors.deliverable}
          />
          <TextInput
            type="date"
            label={t("portfolio.milestones.dueDate")}
            value={dueDate}
            onChange={(e) => setDueDate(e.currentTarget.value)}
            required
            error={errors.dueDate}
          />
          <Select
            label={t("portfolio.milestones.status")}
            data={STATUSES.map((s) => ({ value: s, label: t(`portfolio.milestoneStatus.${s}`) }))}
            value={status}
            onChange={(v) => v && setStatus(v as MilestoneRow["status"])}
            allowDeselect={false}
            error={errors.status}
          />
          {status === "done" && (
            <TextInput
              type="date"
              label={t("portfolio.milestones.doneDate")}
              value={doneDate}
              max={todayIso()}
              onChange={(e) => setDoneDate(e.currentTarget.value)}
              error={errors.doneDate}
            />
          )}
          {other && (
            <Alert color="red" role="alert">
              {other}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t("portfolio.form.cancel")}
            </Button>
            <Button type="submit" loading={created.loading || updated.loading}>
              {t("portfolio.form.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The schedule of a project: milestones with add, edit, mark done and delete. */
export function MilestonesTable(props: {
  projectId: string;
  milestones: MilestoneRow[];
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [editing, setEditing] = useState<MilestoneRow | null | "new">(null);
  const [markDone, marking] = useMutation(MarkDoneMutation, { refetchQueries: ["ProjectPage"] });
  const [remove, removing] = useMutation(DeleteMilestoneMutation, {
    refetchQueries: ["ProjectPage"],
  });
  const error = marking.error ?? removing.error;

  return (
    <Stack gap="sm">
      {error && (
        <Alert color="red" role="alert">
          {errorText(error, t)}
        </Alert>
      )}
      {props.milestones.length === 0 ? (
        <Text c="dimmed">{t("portfolio.milestones.none")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("portfolio.milestones.title")}</Table.Th>
                <Table.Th>{t("portfolio.milestones.deliverable")}</Table.Th>
                <Table.Th>{t("portfolio.milestones.dueDate")}</Table.Th>
                <Table.Th>{t("portfolio.milestones.doneDate")}</Table.Th>
                <Table.Th>{t("portfolio.milestones.status")}</Table.Th>
                {props.canEdit && <Table.Th>{t("portfolio.milestones.actions")}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {props.milestones.map((m) => (
                <Table.Tr key={m.id} id={`milestone-${m.id}`}>
                  <Table.Td fw={600}>{m.title}</Table.Td>
                  <Table.Td>{m.deliverable ?? "–"}</Table.Td>
                  <Table.Td>{format.date(m.dueDate)}</Table.Td>
                  <Table.Td>{m.doneDate ? format.date(m.doneDate) : "–"}</Table.Td>
                  <Table.Td>
                    <MilestoneStateBadge milestone={m} />
                  </Table.Td>
                  {props.canEdit && (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        {m.status !== "done" && m.status !== "cancelled" && (
                          <Button
                            size="xs"
                            variant="light"
                            color="green"
                            leftSection={<IconCheck size={14} />}
                            loading={marking.loading}
                            aria-label={t("portfolio.milestones.markDoneOf", { title: m.title })}
                            onClick={() =>
                              void markDone({ variables: { id: m.id, version: m.version } }).catch(
                                () => undefined,
                              )
                            }
                          >
                            {t("portfolio.milestones.markDone")}
                          </Button>
                        )}
                        <Tooltip label={t("portfolio.milestones.editOf", { title: m.title })}>
                          <ActionIcon
                            variant="subtle"
                            aria-label={t("portfolio.milestones.editOf", { title: m.title })}
                            onClick={() => setEditing(m)}
                          >
                            <IconPencil size={16} />
                          </ActionIcon>
                        </Tooltip>
                        <Tooltip label={t("portfolio.milestones.deleteOf", { title: m.title })}>
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={t("portfolio.milestones.deleteOf", { title: m.title })}
                            onClick={() => {
                              if (
                                window.confirm(
                                  t("portfolio.milestones.confirmDelete", { title: m.title }),
                                )
                              )
                                void remove({ variables: { id: m.id } }).catch(() => undefined);
                            }}
                          >
                            <IconTrash size={16} />
                          </ActionIcon>
                        </Tooltip>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {props.canEdit && (
        <Group>
          <Button
            variant="light"
            leftSection={<IconPlus size={16} />}
            onClick={() => setEditing("new")}
          >
            {t("portfolio.milestones.add")}
          </Button>
        </Group>
      )}
      {editing && (
        <MilestoneForm
          projectId={props.projectId}
          milestone={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}
