import { useMemo, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "@apollo/client/react";
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from "@mantine/core";
import { Link } from "react-router-dom";
import { graphql } from "../../gql";
import type { SeminarOutcomeAs } from "../../gql/graphql";
import { errorText, fieldErrors } from "../../ui/errors";
import type { RoomSeminar } from "./roomTypes";
import { SeminarRoomQuery } from "./roomQueries";

const OutcomeSources = graphql(`
  query SeminarOutcomeSources($id: ID!) {
    viewer {
      id
      planningUnits {
        id
        code
        name
      }
    }
    plans(first: 100) {
      nodes {
        id
        status
        viewerCanEdit
        title {
          text
        }
      }
    }
    seminar(id: $id) {
      id
      sessions {
        id
        boards {
          id
          title
          kind
          notes {
            id
            text
            quadrant
          }
          voteTotals {
            noteId
            dots
            rank
            tied
          }
        }
      }
    }
  }
`);

const CreatePlanFromSeminar = graphql(`
  mutation SeminarCreatePlan($seminarId: ID!, $input: CreatePlanFromSeminarInput!) {
    createPlanFromSeminar(seminarId: $seminarId, input: $input) {
      plan {
        id
      }
    }
  }
`);

const AddOutcomeToPlan = graphql(`
  mutation SeminarAddOutcome($seminarId: ID!, $planId: ID!, $items: [SeminarOutcomeItemInput!]!) {
    addSeminarOutcomeToPlan(seminarId: $seminarId, planId: $planId, items: $items) {
      plan {
        id
      }
    }
  }
`);

interface Candidate {
  key: string;
  boardId: string;
  noteId: string;
  text: string;
  source: string;
  dots: number | null;
  rank: number | null;
  tied: boolean;
}

interface Choice {
  as: SeminarOutcomeAs;
  /** For an objective: key of the selected strategic line it belongs under. */
  parentKey: string | null;
}

/** The facilitator turns chosen notes and priorities into strategic lines and objectives of a plan. */
export function OutcomePanel({ seminar }: { seminar: RoomSeminar }) {
  const { t } = useTranslation();
  const year = new Date().getFullYear();
  const {
    data,
    loading,
    error: loadError,
  } = useQuery(OutcomeSources, {
    variables: { id: seminar.id },
    fetchPolicy: "network-only",
  });
  const [chosen, setChosen] = useState<Map<string, Choice>>(new Map());
  const [target, setTarget] = useState<"new" | "existing">("new");
  const [title, setTitle] = useState(seminar.title);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [periodStart, setPeriodStart] = useState(year + 1);
  const [periodEnd, setPeriodEnd] = useState(year + 5);
  const [planId, setPlanId] = useState<string | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const refetchQueries = [{ query: SeminarRoomQuery, variables: { id: seminar.id } }];
  const [createPlan, creating] = useMutation(CreatePlanFromSeminar, { refetchQueries });
  const [addToPlan, adding] = useMutation(AddOutcomeToPlan, { refetchQueries });
  const error = creating.error ?? adding.error;
  const fields = fieldErrors(error);

  const candidates: Candidate[] = useMemo(() => {
    const list: Candidate[] = [];
    for (const session of data?.seminar.sessions ?? [])
      for (const board of session.boards) {
        const totals = new Map((board.voteTotals ?? []).map((v) => [v.noteId, v]));
        for (const note of board.notes) {
          const total = totals.get(note.id);
          list.push({
            key: `${board.id}:${note.id}`,
            boardId: board.id,
            noteId: note.id,
            text: note.text,
            source: `${board.title} · ${t(`seminars.board.quadrants.${note.quadrant}`)}`,
            dots: total?.dots ?? null,
            rank: total?.rank ?? null,
            tied: total?.tied ?? false,
          });
        }
      }
    // Voted priorities first, best first; then the other notes in board order.
    return list.sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || (b.dots ?? 0) - (a.dots ?? 0));
  }, [data, t]);

  const units = data?.viewer?.planningUnits ?? [];
  const draftPlans = (data?.plans.nodes ?? []).filter(
    (p) => p.status === "draft" && p.viewerCanEdit,
  );
  const lines = candidates.filter((c) => chosen.get(c.key)?.as === "strategic_line");

  const toggle = (key: string, on: boolean) =>
    setChosen((prev) => {
      const next = new Map(prev);
      if (on) next.set(key, { as: "strategic_line", parentKey: null });
      else next.delete(key);
      return next;
    });
  const update = (key: string, choice: Partial<Choice>) =>
    setChosen((prev) => new Map(prev).set(key, { ...prev.get(key)!, ...choice }));
  const selectTop = (n: number) =>
    setChosen(
      new Map(
        candidates
          .filter((c) => c.dots !== null && c.dots > 0)
          .slice(0, n)
          .map((c) => [c.key, { as: "strategic_line" as const, parentKey: null }]),
      ),
    );

  async function submit(event: FormEvent) {
    event.preventDefault();
    const picked = candidates.filter((c) => chosen.has(c.key));
    if (!picked.length) return setLocalError(t("seminars.outcome.nothingSelected"));
    const items = picked.map((c) => {
      const choice = chosen.get(c.key)!;
      const parentIndex =
        choice.as === "objective" && choice.parentKey
          ? picked.findIndex((p) => p.key === choice.parentKey)
          : -1;
      return {
        boardId: c.boardId,
        noteId: c.noteId,
        as: choice.as,
        parentIndex: parentIndex >= 0 ? parentIndex : null,
      };
    });
    if (items.some((i) => i.as === "objective" && i.parentIndex === null))
      return setLocalError(t("seminars.outcome.objectiveNeedsLine"));
    if (target === "existing" && !planId) return setLocalError(t("seminars.outcome.choosePlan"));
    setLocalError(null);
    try {
      if (target === "new")
        await createPlan({
          variables: {
            seminarId: seminar.id,
            input: {
              title,
              orgUnitId: unitId ?? units[0]?.id ?? null,
              periodStart,
              periodEnd,
              items,
            },
          },
        });
      else await addToPlan({ variables: { seminarId: seminar.id, planId: planId!, items } });
      setChosen(new Map());
    } catch {
      // Shown from `error`.
    }
  }

  return (
    <Paper component="section" withBorder p="md" aria-labelledby="outcome-heading">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Group justify="space-between">
            <Text component="h3" id="outcome-heading" fw={700} size="xl">
              {t("seminars.outcome.title")}
            </Text>
            <Button variant="light" onClick={() => selectTop(2)} disabled={!candidates.length}>
              {t("seminars.outcome.selectTopTwo")}
            </Button>
          </Group>
          <Text size="sm">{t("seminars.outcome.hint")}</Text>
          {loadError && (
            <Alert color="red" role="alert">
              {errorText(loadError, t)}
            </Alert>
          )}
          {loading && !data ? (
            <Text role="status">{t("app.loading")}</Text>
          ) : candidates.length === 0 ? (
            <Text c="dimmed">{t("seminars.outcome.noNotes")}</Text>
          ) : (
            <Table.ScrollContainer minWidth={560}>
              <Table verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("seminars.outcome.columns.note")}</Table.Th>
                    <Table.Th>{t("seminars.outcome.columns.dots")}</Table.Th>
                    <Table.Th>{t("seminars.outcome.columns.as")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {candidates.map((c) => {
                    const choice = chosen.get(c.key);
                    return (
                      <Table.Tr key={c.key} data-selected={choice ? true : undefined}>
                        <Table.Td>
                          <Checkbox
                            checked={Boolean(choice)}
                            onChange={(e) => toggle(c.key, e.currentTarget.checked)}
                            label={c.text}
                            description={c.source}
                          />
                        </Table.Td>
                        <Table.Td>
                          {c.dots ?? "—"}
                          {c.tied && !!c.dots && ` (${t("seminars.vote.tie")})`}
                        </Table.Td>
                        <Table.Td>
                          {choice && (
                            <Group gap="xs" wrap="nowrap">
                              <Select
                                aria-label={t("seminars.outcome.asFor", { note: c.text })}
                                data={[
                                  { value: "strategic_line", label: t("seminars.outcome.asLine") },
                                  { value: "objective", label: t("seminars.outcome.asObjective") },
                                ]}
                                value={choice.as}
                                onChange={(v) =>
                                  v && update(c.key, { as: v as SeminarOutcomeAs, parentKey: null })
                                }
                                allowDeselect={false}
                                w={190}
                              />
                              {choice.as === "objective" && (
                                <Select
                                  aria-label={t("seminars.outcome.underLine", { note: c.text })}
                                  placeholder={t("seminars.outcome.underLinePlaceholder")}
                                  data={lines.map((l) => ({ value: l.key, label: l.text }))}
                                  value={choice.parentKey}
                                  onChange={(v) => update(c.key, { parentKey: v })}
                                  w={220}
                                />
                              )}
                            </Group>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <SegmentedControl
            value={target}
            onChange={(v) => setTarget(v as "new" | "existing")}
            data={[
              { value: "new", label: t("seminars.outcome.newPlan") },
              { value: "existing", label: t("seminars.outcome.existingPlan") },
            ]}
            w="fit-content"
          />
          {target === "new" ? (
            <Stack gap="sm">
              <TextInput
                label={t("seminars.outcome.planTitle")}
                value={title}
                onChange={(e) => setTitle(e.currentTarget.value)}
                required
                error={fields.title}
              />
              <Group grow align="flex-start">
                <Select
                  label={t("seminars.outcome.unit")}
                  data={units.map((u) => ({ value: u.id, label: `${u.code} — ${u.name}` }))}
                  value={unitId ?? units[0]?.id ?? null}
                  onChange={setUnitId}
                  allowDeselect={false}
                  error={fields.orgUnitId}
                />
                <NumberInput
                  label={t("seminars.outcome.periodStart")}
                  value={periodStart}
                  onChange={(v) => setPeriodStart(Number(v))}
                  error={fields.periodStart}
                />
                <NumberInput
                  label={t("seminars.outcome.periodEnd")}
                  value={periodEnd}
                  onChange={(v) => setPeriodEnd(Number(v))}
                  error={fields.periodEnd}
                />
              </Group>
            </Stack>
          ) : (
            <Select
              label={t("seminars.outcome.plan")}
              data={draftPlans.map((p) => ({ value: p.id, label: p.title.text }))}
              value={planId}
              onChange={setPlanId}
              nothingFoundMessage={t("seminars.outcome.noDraftPlans")}
              searchable
            />
          )}
          {(localError || (error && !Object.keys(fields).length)) && (
            <Alert color="red" role="alert">
              {localError ?? errorText(error, t)}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={creating.loading || adding.loading}>
              {t("seminars.outcome.create", { count: chosen.size })}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** Plans drafted from the seminar, with what was created in each, and the PDF report. */
export function OutcomeLinks({ seminar }: { seminar: RoomSeminar }) {
  const { t } = useTranslation();
  return (
    <Paper component="section" withBorder p="md" aria-labelledby="outcome-links">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text component="h3" id="outcome-links" fw={700} size="lg">
            {t("seminars.outcome.plans")}
          </Text>
          <Button component="a" href={seminar.reportUrl} variant="default" download>
            {t("seminars.outcome.downloadReport")}
          </Button>
        </Group>
        {seminar.outcomes.length === 0 ? (
          <Text c="dimmed">{t("seminars.outcome.noPlansYet")}</Text>
        ) : (
          <ul className="plain-list outcome-list">
            {seminar.outcomes.map((outcome) => (
              <li key={outcome.plan.id}>
                <Anchor component={Link} to={`/plans/${outcome.plan.id}`} fw={650}>
                  {outcome.plan.title.text}
                </Anchor>
                <ul className="outcome-objectives">
                  {outcome.objectives.map((o) => (
                    <li key={o.id}>
                      <Text size="sm">
                        <strong>{o.code}</strong> {o.title.text}{" "}
                        <Text span size="xs" c="dimmed">
                          ({t(`seminars.outcome.kinds.${o.kind}`)})
                        </Text>
                      </Text>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </Stack>
    </Paper>
  );
}
