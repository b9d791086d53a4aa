import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "@apollo/client/react";
import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useNavigate } from "react-router-dom";
import { graphql } from "../../gql";
import type { SeminarSessionKind } from "../../gql/graphql";
import { errorText, fieldErrors } from "../../ui/errors";
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from "../../ui/icons";
import { SESSION_KINDS, defaultSessions, validateSeminarDraft } from "./seminarForm";
import { SeminarsPageQuery } from "./SeminarsPage";

const Invitees = graphql(`
  query SeminarInvitees {
    viewer {
      id
    }
    seminarInvitees {
      id
      name
    }
  }
`);

const CreateSeminar = graphql(`
  mutation CreateSeminar($input: CreateSeminarInput!) {
    createSeminar(input: $input) {
      id
    }
  }
`);

interface Props {
  onClose(): void;
  units: { id: string; code: string; name: string }[];
}

function nextWeek(): string {
  const d = new Date(Date.now() + 7 * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** Plans a seminar: title, date, unit, participants, agenda and dots per participant. */
export function CreateSeminarModal({ onClose, units }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const invitees = useQuery(Invitees);
  const [title, setTitle] = useState("");
  const [date, setDate] = useState(nextWeek);
  const [orgUnitId, setOrgUnitId] = useState<string | null>(units[0]?.id ?? null);
  const [participantIds, setParticipantIds] = useState<string[]>([]);
  const [sessions, setSessions] = useState(() => defaultSessions(t));
  const [dots, setDots] = useState<number>(3);
  const [checked, setChecked] = useState(false);
  const [create, { loading, error }] = useMutation(CreateSeminar, {
    refetchQueries: [SeminarsPageQuery],
  });
  const draft = { title, date, orgUnitId, participantIds, sessions, dotsPerParticipant: dots };
  const local = checked ? validateSeminarDraft(draft) : {};
  const server = fieldErrors(error);
  const fieldError = (field: string) =>
    local[field] ? t(`seminars.form.errors.${local[field]}`) : server[field];
  const viewerId = invitees.data?.viewer?.id;
  const people = (invitees.data?.seminarInvitees ?? []).filter((p) => p.id !== viewerId);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setChecked(true);
    if (Object.keys(validateSeminarDraft(draft)).length) return;
    try {
      const result = await create({
        variables: {
          input: {
            title: title.trim(),
            date,
            orgUnitId: orgUnitId!,
            participantIds,
            sessions: sessions.map((s) => ({ title: s.title.trim(), kind: s.kind })),
            dotsPerParticipant: dots,
          },
        },
      });
      const id = result.data?.createSeminar.id;
      if (id) {
        onClose();
        navigate(`/seminars/${id}`);
      }
    } catch {
      // Shown from `error`; the form keeps what was typed.
    }
  }

  const setSession = (i: number, change: Partial<{ title: string; kind: SeminarSessionKind }>) =>
    setSessions((list) => list.map((s, j) => (j === i ? { ...s, ...change } : s)));
  const moveSession = (i: number, by: number) =>
    setSessions((list) => {
      const next = [...list];
      const [item] = next.splice(i, 1);
      next.splice(i + by, 0, item!);
      return next;
    });
  const knownFields = [
    "title",
    "date",
    "orgUnitId",
    "participantIds",
    "sessions",
    "dotsPerParticipant",
  ];
  const otherServerError =
    error && !Object.keys(server).some((f) => knownFields.includes(f)) ? errorText(error, t) : null;

  return (
    <Modal
      opened
      onClose={onClose}
      title={t("seminars.form.title")}
      size="xl"
      closeButtonProps={{ "aria-label": t("seminars.form.cancel") }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {otherServerError && (
            <Alert color="red" role="alert">
              {otherServerError}
            </Alert>
          )}
          <TextInput
            label={t("seminars.form.seminarTitle")}
            required
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={fieldError("title")}
            data-autofocus
          />
          <Group grow align="flex-start">
            <TextInput
              type="date"
              label={t("seminars.form.date")}
              required
              value={date}
              onChange={(e) => setDate(e.currentTarget.value)}
              error={fieldError("date")}
            />
            <Select
              label={t("seminars.form.unit")}
              data={units.map((u) => ({ value: u.id, label: `${u.code} — ${u.name}` }))}
              value={orgUnitId}
              onChange={setOrgUnitId}
              allowDeselect={false}
              error={fieldError("orgUnitId")}
            />
          </Group>
          <MultiSelect
            label={t("seminars.form.participants")}
            description={t("seminars.form.participantsHint")}
            data={people.map((p) => ({ value: p.id, label: p.name }))}
            value={participantIds}
            onChange={setParticipantIds}
            searchable
            required
            error={fieldError("participantIds")}
            nothingFoundMessage={t("seminars.form.nobodyFound")}
          />
          <NumberInput
            label={t("seminars.form.dots")}
            description={t("seminars.form.dotsHint")}
            value={dots}
            onChange={(v) => setDots(Number(v))}
            min={1}
            max={20}
            w={220}
            error={fieldError("dotsPerParticipant")}
          />
          <fieldset className="plain-fieldset">
            <legend>
              <Text fw={600} size="sm">
                {t("seminars.form.agenda")}
              </Text>
            </legend>
            <Stack gap={6}>
              {sessions.map((s, i) => (
                <Group key={i} gap="xs" wrap="nowrap" align="flex-end">
                  <Text w={24} ta="right" fw={600} aria-hidden="true" pb={8}>
                    {i + 1}.
                  </Text>
                  <TextInput
                    style={{ flex: 1 }}
                    label={t("seminars.form.sessionTitle", { n: i + 1 })}
                    value={s.title}
                    onChange={(e) => setSession(i, { title: e.currentTarget.value })}
                  />
                  <Select
                    w={150}
                    label={t("seminars.form.sessionKind", { n: i + 1 })}
                    data={SESSION_KINDS.map((k) => ({
                      value: k,
                      label: t(`seminars.sessionKinds.${k}`),
                    }))}
                    value={s.kind}
                    onChange={(v) => v && setSession(i, { kind: v as SeminarSessionKind })}
                    allowDeselect={false}
                  />
                  <ActionIcon
                    variant="default"
                    size="lg"
                    aria-label={t("seminars.form.moveUp", { n: i + 1 })}
                    disabled={i === 0}
                    onClick={() => moveSession(i, -1)}
                  >
                    <IconArrowUp size={16} />
                  </ActionIcon>
                  <ActionIcon
                    variant="default"
                    size="lg"
                    aria-label={t("seminars.form.moveDown", { n: i + 1 })}
                    disabled={i === sessions.length - 1}
                    onClick={() => moveSession(i, 1)}
                  >
                    <IconArrowDown size={16} />
                  </ActionIcon>
                  <ActionIcon
                    variant="default"
                    size="lg"
                    aria-label={t("seminars.form.removeSession", { n: i + 1 })}
                    onClick={() => setSessions((list) => list.filter((_, j) => j !== i))}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              ))}
              {fieldError("sessions") && (
                <Text c="red.8" size="sm" role="alert">
                  {fieldError("sessions")}
                </Text>
              )}
              <Button
                variant="subtle"
                leftSection={<IconPlus size={14} />}
                w="fit-content"
                onClick={() => setSessions((list) => [...list, { title: "", kind: "debate" }])}
              >
                {t("seminars.form.addSession")}
              </Button>
            </Stack>
          </fieldset>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("seminars.form.cancel")}
            </Button>
            <Button type="submit" loading={loading}>
              {t("seminars.form.create")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
