import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "@apollo/client/react";
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  Paper,
  Radio,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { Link, useParams } from "react-router-dom";
import { graphql } from "../../gql";
import { errorText, fieldErrors } from "../../ui/errors";
import { useFormat } from "../../ui/format";
import { IconPencil } from "../../ui/icons";
import { quarterOf, recentQuarters } from "../../ui/quarters";
import { CommentsPanel } from "../comments/CommentsPanel";
import { MilestonesTable, type MilestoneRow } from "./MilestonesTable";
import { ProjectFormModal } from "./ProjectFormModal";
import { RagBadge, useEuro, type Rag } from "./shared";

const ProjectPageQuery = graphql(`
  query ProjectPage($id: ID!, $period: String) {
    project(id: $id) {
      id
      version
      code
      name {
        text
      }
      description
      programme {
        id
        name {
          text
        }
        themes {
          id
          name {
            text
          }
        }
        people {
          id
          name
        }
      }
      theme {
        id
        name {
          text
        }
      }
      lead {
        id
        name
      }
      sponsor {
        id
        name
      }
      orgUnit {
        id
        name
      }
      startDate
      endDate
      budgetEuro
      fte
      expectedSavings
      realisedSavings
      realisedOn
      rag {
        status
        reason
        setAt
        setBy {
          name
        }
      }
      milestones {
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
      proposals {
        id
        title {
          text
        }
        stage
        smartScore
        expectedSavings
        realisedSavings
      }
      satisfaction(period: $period) {
        period
        responses
        satisfied
        percent
        myScore
      }
      canEdit
      canAnswerSurvey
    }
  }
`);

const SetRagMutation = graphql(`
  mutation SetProjectRag($id: ID!, $version: Int!, $status: RagStatus!, $reason: String) {
    setProjectRag(id: $id, version: $version, status: $status, reason: $reason) {
      id
      version
      rag {
        status
        reason
        setAt
        setBy {
          name
        }
      }
    }
  }
`);

const RecordSatisfactionMutation = graphql(`
  mutation RecordSatisfaction($input: SatisfactionInput!) {
    recordSatisfaction(input: $input) {
      period
      responses
      satisfied
      percent
      myScore
    }
  }
`);

function RagModal(props: {
  id: string;
  version: number;
  rag: { status: Rag; reason?: string | null };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Rag>(props.rag.status);
  const [reason, setReason] = useState(props.rag.reason ?? "");
  const [save, saving] = useMutation(SetRagMutation);
  const errors = fieldErrors(saving.error);
  return (
    <Modal opened onClose={props.onClose} title={t("portfolio.ragForm.title")}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save({ variables: { id: props.id, version: props.version, status, reason } })
            .then(() => props.onClose())
            .catch(() => undefined);
        }}
        noValidate
      >
        <Stack gap="sm">
          <Radio.Group
            label={t("portfolio.fields.rag")}
            value={status}
            onChange={(v) => setStatus(v as Rag)}
          >
            <Group mt="xs">
              {(["green", "amber", "red"] as const).map((r) => (
                <Radio key={r} value={r} label={t(`portfolio.rag.${r}`)} />
              ))}
            </Group>
          </Radio.Group>
          <Textarea
            label={t("portfolio.ragForm.reason")}
            description={t("portfolio.ragForm.reasonHint")}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            required={status !== "green"}
            error={errors.reason}
            autosize
            minRows={2}
          />
          {saving.error && !errors.reason && (
            <Alert color="red" role="alert">
              {errorText(saving.error, t)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t("portfolio.form.cancel")}
            </Button>
            <Button type="submit" loading={saving.loading}>
              {t("portfolio.form.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text>{children}</Text>
    </div>
  );
}

/** One project: details, RAG with reason, resources, savings, milestones, proposals, survey. */
export default function ProjectPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const euro = useEuro();
  const [period, setPeriod] = useState(quarterOf());
  const [editing, setEditing] = useState(false);
  const [ragOpen, setRagOpen] = useState(false);
  const [score, setScore] = useState<string | null>(null);
  const { data, loading, error } = useQuery(ProjectPageQuery, { variables: { id, period } });
  const [record, recording] = useMutation(RecordSatisfactionMutation, {
    refetchQueries: ["ProjectPage"],
  });

  if (error)
    return (
      <Alert color="red" role="alert">
        {errorText(error, t)}
      </Alert>
    );
  if (loading && !data)
    return (
      <Group gap="sm" role="status">
        <Loader size="sm" />
        <Text>{t("app.loading")}</Text>
      </Group>
    );
  const p = data?.project;
  if (!p) return null;
  const rag = p.rag.status as Rag;
  const s = p.satisfaction;

  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to="/portfolio?view=projects" size="sm">
          ← {p.programme.name.text}
        </Anchor>
        <Group justify="space-between" align="flex-start" mt={4}>
          <div>
            <Text c="dimmed" size="sm">
              {p.code} · {p.theme.name.text}
            </Text>
            <Title order={1}>{p.name.text}</Title>
          </div>
          {p.canEdit && (
            <Button
              variant="default"
              leftSection={<IconPencil size={16} />}
              onClick={() => setEditing(true)}
            >
              {t("portfolio.editProject")}
            </Button>
          )}
        </Group>
        {p.description && <Text mt="xs">{p.description}</Text>}
      </div>

      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="rag-title">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={2} size="h4" id="rag-title">
              {t("portfolio.fields.rag")}
            </Title>
            <Group gap="sm" mt="xs">
              <RagBadge status={rag} size="lg" />
              {p.rag.reason && <Text>{p.rag.reason}</Text>}
            </Group>
            {p.rag.setAt && (
              <Text size="xs" c="dimmed" mt={4}>
                {t("portfolio.ragSetBy", {
                  name: p.rag.setBy?.name ?? "–",
                  date: format.dateTime(p.rag.setAt),
                })}
              </Text>
            )}
          </div>
          {p.canEdit && (
            <Button variant="light" onClick={() => setRagOpen(true)}>
              {t("portfolio.ragForm.open")}
            </Button>
          )}
        </Group>
      </Paper>

      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="people-title">
          <Title order={2} size="h5" id="people-title" mb="xs">
            {t("portfolio.sections.people")}
          </Title>
          <Stack gap="xs">
            <Fact label={t("portfolio.fields.lead")}>{p.lead?.name ?? "–"}</Fact>
            <Fact label={t("portfolio.fields.sponsor")}>{p.sponsor?.name ?? "–"}</Fact>
            <Fact label={t("portfolio.fields.orgUnit")}>{p.orgUnit?.name ?? "–"}</Fact>
          </Stack>
        </Paper>
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="resources-title">
          <Title order={2} size="h5" id="resources-title" mb="xs">
            {t("portfolio.sections.resources")}
          </Title>
          <Stack gap="xs">
            <Fact label={t("portfolio.fields.period")}>
              {format.date(p.startDate)} – {format.date(p.endDate)}
            </Fact>
            <Fact label={t("portfolio.fields.budgetEuro")}>{euro(p.budgetEuro)}</Fact>
            <Fact label={t("portfolio.fields.fte")}>{format.number(p.fte)}</Fact>
          </Stack>
        </Paper>
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="savings-title">
          <Title order={2} size="h5" id="savings-title" mb="xs">
            {t("portfolio.sections.savings")}
          </Title>
          <Stack gap="xs">
            <Fact label={t("portfolio.fields.expectedSavings")}>{euro(p.expectedSavings)}</Fact>
            <Fact label={t("portfolio.fields.realisedSavings")}>
              {euro(p.realisedSavings)}
              {p.realisedOn ? ` (${format.date(p.realisedOn)})` : ""}
            </Fact>
          </Stack>
        </Paper>
      </SimpleGrid>

      <section aria-labelledby="milestones-title">
        <Title order={2} size="h4" id="milestones-title" mb="sm">
          {t("portfolio.milestones.heading")}
        </Title>
        <MilestonesTable
          projectId={p.id}
          milestones={p.milestones as MilestoneRow[]}
          canEdit={p.canEdit}
        />
      </section>

      <section aria-labelledby="proposals-title">
        <Title order={2} size="h4" id="proposals-title" mb="sm">
          {t("portfolio.sections.proposals")}
        </Title>
        {p.proposals.length === 0 ? (
          <Text c="dimmed">{t("portfolio.noLinkedProposals")}</Text>
        ) : (
          <Stack gap="xs">
            {p.proposals.map((pr) => (
              <Paper withBorder p="sm" key={pr.id}>
                <Group justify="space-between">
                  <Anchor component={Link} to={`/proposals/${pr.id}`} fw={600}>
                    {pr.title.text}
                  </Anchor>
                  <Group gap="xs">
                    <Badge variant="light">
                      {t(`proposals.stages.${pr.stage}`, { defaultValue: pr.stage })}
                    </Badge>
                    <Badge variant="outline">SMART {pr.smartScore} %</Badge>
                    <Text size="sm">{euro(pr.expectedSavings)}</Text>
                  </Group>
                </Group>
              </Paper>
            ))}
          </Stack>
        )}
      </section>

      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="survey-title">
        <Group justify="space-between" align="flex-end">
          <Title order={2} size="h4" id="survey-title">
            {t("portfolio.survey.heading")}
          </Title>
          <Select
            label={t("portfolio.survey.quarter")}
            data={recentQuarters(6).map((q) => ({ value: q, label: format.period(q) }))}
            value={period}
            onChange={(v) => v && setPeriod(v)}
            allowDeselect={false}
            w={160}
          />
        </Group>
        <Text mt="xs">
          {s.responses
            ? t("portfolio.survey.summary", {
                percent: format.number(s.percent ?? 0),
                satisfied: s.satisfied,
                total: s.responses,
              })
            : t("portfolio.survey.noAnswers")}
        </Text>
        {p.canAnswerSurvey && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              const value = Number(score ?? s.myScore);
              if (!value) return;
              void record({
                variables: { input: { projectId: p.id, period, score: value } },
              }).catch(() => undefined);
            }}
          >
            <Stack gap="xs" mt="sm">
              <Text id="survey-question" fw={600}>
                {t("portfolio.survey.question")}
              </Text>
              <SegmentedControl
                aria-labelledby="survey-question"
                value={score ?? (s.myScore ? String(s.myScore) : "")}
                onChange={setScore}
                data={[1, 2, 3, 4, 5].map((n) => ({
                  value: String(n),
                  label: t(`portfolio.survey.score${n}`),
                }))}
                fullWidth
                orientation="horizontal"
              />
              {recording.error && (
                <Alert color="red" role="alert">
                  {errorText(recording.error, t)}
                </Alert>
              )}
              <Group>
                <Button type="submit" loading={recording.loading} disabled={!score && !s.myScore}>
                  {s.myScore ? t("portfolio.survey.update") : t("portfolio.survey.submit")}
                </Button>
                {s.myScore && (
                  <Text size="sm" c="dimmed">
                    {t("portfolio.survey.yourScore", { score: s.myScore })}
                  </Text>
                )}
              </Group>
            </Stack>
          </form>
        )}
      </Paper>

      <CommentsPanel
        target={{ kind: "project", id: p.id }}
        canComment
        title={t("portfolio.sections.comments")}
      />

      {editing && (
        <ProjectFormModal
          opened
          onClose={() => setEditing(false)}
          programmeId={p.programme.id}
          themes={p.programme.themes.map((th) => ({ id: th.id, name: th.name.text }))}
          people={[...p.programme.people]}
          project={{
            id: p.id,
            version: p.version,
            values: {
              themeId: p.theme.id,
              code: p.code,
              name: p.name.text,
              description: p.description ?? "",
              leadId: p.lead?.id ?? null,
              sponsorId: p.sponsor?.id ?? null,
              startDate: p.startDate,
              endDate: p.endDate,
              budgetEuro: p.budgetEuro,
              fte: p.fte,
              expectedSavings: p.expectedSavings,
              realisedSavings: p.realisedSavings,
              realisedOn: p.realisedOn ?? "",
            },
          }}
        />
      )}
      {ragOpen && (
        <RagModal
          id={p.id}
          version={p.version}
          rag={{ status: rag, reason: p.rag.reason }}
          onClose={() => setRagOpen(false)}
        />
      )}
    </Stack>
  );
}
