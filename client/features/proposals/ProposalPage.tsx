import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "@apollo/client/react";
import { Link, useParams } from "react-router-dom";
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  List,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { errorText } from "../../ui/errors";
import { useFormat } from "../../ui/format";
import { IconLock, IconPencil } from "../../ui/icons";
import { PACKAGEABLE_STAGES, SMART_CRITERIA, type ProposalAction } from "../../../shared/proposals";
import { CommentsPanel } from "../comments/CommentsPanel";
import { LiftProposalMutation, ProposalPageQuery, PublishDebateMutation } from "./documents";
import { STAGE_COLOR, scoreColor, useEuro } from "./format";
import { HistoryTimeline } from "./HistoryTimeline";
import { ImplementationPlan } from "./ImplementationPlan";
import { PackagePicker } from "./PackagePicker";
import { ProposalFormModal, type ProposalFormValues } from "./ProposalFormModal";
import { TransitionDialog } from "./TransitionDialog";
import "./proposals.css";

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div>
      <Text component="h3" fw={600} size="sm" c="dimmed" m={0} mb={4}>
        {title}
      </Text>
      {children}
    </div>
  );
}

/** One proposal: its content, SMART check, path (history), decision, debate and plan. */
export default function ProposalPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const euro = useEuro();
  const { data, loading, error } = useQuery(ProposalPageQuery, { variables: { id } });
  const [action, setAction] = useState<ProposalAction | null>(null);
  const [editing, setEditing] = useState(false);
  const [lift, lifting] = useMutation(LiftProposalMutation, { refetchQueries: ["ProposalPage"] });
  const [publish, publishing] = useMutation(PublishDebateMutation, {
    refetchQueries: ["ProposalPage", "Comments"],
  });

  if (loading && !data)
    return (
      <Group gap="sm" role="status">
        <Loader size="sm" />
        <Text>{t("app.loading")}</Text>
      </Group>
    );
  if (error || !data)
    return (
      <Alert color="red" role="alert">
        {errorText(error, t)}
      </Alert>
    );
  const p = data.proposal;
  const formValues: ProposalFormValues = {
    title: p.title.text,
    problem: p.problem?.text ?? "",
    proposal: p.proposal?.text ?? "",
    justification: p.justification.map((j) => ({ text: j.text, source: j.source ?? "" })),
    savingsPerYear: p.expectedImpact.savingsPerYear,
    fte: p.expectedImpact.fte,
    quality: p.expectedImpact.quality ?? "",
    smart: Object.fromEntries(
      SMART_CRITERIA.map((k) => [
        k,
        { met: p.smart[k].met, justification: p.smart[k].justification ?? "" },
      ]),
    ) as ProposalFormValues["smart"],
    attachments: p.attachments.map((a) => ({ label: a.label, url: a.url })),
  };
  const mutationError = lifting.error ?? publishing.error;

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/proposals" size="sm">
        ← {t("proposals.board.title")}
      </Anchor>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div style={{ minWidth: 0, flex: "1 1 320px" }}>
          <Title order={1} style={{ overflowWrap: "anywhere" }}>
            {p.title.text}
          </Title>
          <Group gap="xs" mt={6}>
            <Badge color={STAGE_COLOR[p.stage]} size="lg" data-testid="proposal-stage">
              {t(`proposals.stages.${p.stage}`)}
            </Badge>
            <Badge variant="light" color="gray" title={p.orgUnit?.name}>
              {p.orgUnit?.code}
            </Badge>
            <Badge variant="outline">{t(`proposals.level.${p.level}`)}</Badge>
            <Text size="sm" c="dimmed">
              {t("proposals.page.by", {
                name: p.author?.name ?? "?",
                date: format.date(p.createdAt),
              })}
            </Text>
          </Group>
        </div>
        <Group gap="xs" wrap="wrap" role="group" aria-label={t("proposals.page.actions")}>
          {p.viewerCanEdit && (
            <Button variant="default" leftSection={<IconPencil />} onClick={() => setEditing(true)}>
              {t("proposals.page.edit")}
            </Button>
          )}
          {p.viewerActions.map((a) => (
            <Button
              key={a}
              onClick={() => setAction(a)}
              variant={
                ["reject", "requestAdjustments", "sendBack", "defer"].includes(a)
                  ? "light"
                  : "filled"
              }
              color={a === "reject" ? "red" : undefined}
            >
              {t(`proposals.actions.${a}`)}
            </Button>
          ))}
          {p.viewerCanLift && (
            <Button
              variant="light"
              loading={lifting.loading}
              onClick={() =>
                void lift({ variables: { id: p.id, version: p.version } }).catch(() => undefined)
              }
            >
              {t("proposals.page.lift")}
            </Button>
          )}
        </Group>
      </Group>
      {mutationError && (
        <Alert color="red" role="alert">
          {errorText(mutationError, t)}
        </Alert>
      )}
      {p.decision && (
        <Alert
          color={STAGE_COLOR[p.decision.outcome]}
          title={t("proposals.page.decision", { date: format.date(p.decision.at) })}
        >
          <Text fw={600}>{t(`proposals.stages.${p.decision.outcome}`)}</Text>
          {p.decision.text && <Text className="proposal-text">{p.decision.text}</Text>}
        </Alert>
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <Paper withBorder p="md">
              <Stack gap="md">
                <Section title={t("proposals.fields.problem")}>
                  <Text className="proposal-text">{p.problem?.text || "–"}</Text>
                </Section>
                <Section title={t("proposals.fields.proposal")}>
                  <Text className="proposal-text">{p.proposal?.text || "–"}</Text>
                </Section>
                <Section title={t("proposals.fields.justification")}>
                  {p.justification.length ? (
                    <List size="sm" spacing={4}>
                      {p.justification.map((j, i) => (
                        <List.Item key={i}>
                          {j.text}
                          {j.source && (
                            <Text span size="xs" c="dimmed">
                              {" "}
                              — {t("proposals.page.source", { source: j.source })}
                            </Text>
                          )}
                        </List.Item>
                      ))}
                    </List>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t("proposals.page.noJustification")}
                    </Text>
                  )}
                </Section>
                <SimpleGrid cols={{ base: 1, sm: 3 }}>
                  <Section title={t("proposals.fields.savingsPerYear")}>
                    <Text fw={650} size="lg">
                      {euro(p.expectedImpact.savingsPerYear)}
                    </Text>
                  </Section>
                  <Section title={t("proposals.fields.fte")}>
                    <Text fw={650} size="lg">
                      {format.number(p.expectedImpact.fte)}
                    </Text>
                  </Section>
                  {p.realisedSavings != null && (
                    <Section title={t("proposals.fields.realisedSavings")}>
                      <Text fw={650} size="lg" c="green">
                        {euro(p.realisedSavings)}
                      </Text>
                    </Section>
                  )}
                </SimpleGrid>
                {p.expectedImpact.quality && (
                  <Section title={t("proposals.fields.quality")}>
                    <Text>{p.expectedImpact.quality}</Text>
                  </Section>
                )}
                {p.attachments.length > 0 && (
                  <Section title={t("proposals.fields.attachments")}>
                    <List size="sm">
                      {p.attachments.map((a, i) => (
                        <List.Item key={i}>
                          <Anchor href={a.url} target="_blank" rel="noopener noreferrer">
                            {a.label}
                          </Anchor>
                        </List.Item>
                      ))}
                    </List>
                  </Section>
                )}
              </Stack>
            </Paper>
            <Paper withBorder p="md" component="section" aria-labelledby="smart-heading">
              <Group justify="space-between" mb="xs">
                <Text component="h2" id="smart-heading" fw={650} size="lg" m={0}>
                  {t("proposals.smart.title")}
                </Text>
                <Badge color={scoreColor(p.smart.score)} size="lg">
                  {t("proposals.smart.score", { score: p.smart.score })}
                </Badge>
              </Group>
              <Stack gap={6}>
                {SMART_CRITERIA.map((k) => (
                  <Group key={k} gap="xs" wrap="nowrap" align="flex-start">
                    <Badge
                      color={p.smart[k].met && p.smart[k].justification ? "green" : "gray"}
                      variant="light"
                      w={130}
                      style={{ flexShrink: 0 }}
                    >
                      {t(`proposals.smart.criteria.${k}`)}
                    </Badge>
                    <Text size="sm">
                      {p.smart[k].met ? t("proposals.smart.met") : t("proposals.smart.notMet")}
                      {p.smart[k].justification ? ` — ${p.smart[k].justification}` : ""}
                    </Text>
                  </Group>
                ))}
              </Stack>
            </Paper>
            <ImplementationPlan docName={p.implementationPlanDoc} canWrite={p.viewerCanWritePlan} />
            {p.viewerCanReadDebate ? (
              <>
                {p.advice && (
                  <Alert
                    color="violet"
                    title={t("proposals.page.advice", { date: format.date(p.advice.at) })}
                  >
                    <Badge mb={4}>{t(`proposals.priority.${p.advice.priority}`)}</Badge>
                    <Text className="proposal-text">{p.advice.text}</Text>
                  </Alert>
                )}
                <CommentsPanel
                  target={{ kind: "proposal", id: p.id }}
                  canComment={p.viewerCanComment}
                  title={t("proposals.page.debate")}
                />
                <Group gap="xs">
                  <IconLock />
                  <Text size="xs" c="dimmed">
                    {p.debatePublished
                      ? t("proposals.page.debatePublished")
                      : t("proposals.page.debateConfidential")}
                  </Text>
                  {p.viewerCanPublishDebate && (
                    <Button
                      size="xs"
                      variant="light"
                      loading={publishing.loading}
                      onClick={() =>
                        void publish({ variables: { id: p.id, version: p.version } }).catch(
                          () => undefined,
                        )
                      }
                    >
                      {t("proposals.page.publishDebate")}
                    </Button>
                  )}
                </Group>
              </>
            ) : (
              <Paper withBorder p="md">
                <Group gap="xs">
                  <IconLock />
                  <Text size="sm">{t("proposals.page.debateHidden")}</Text>
                </Group>
              </Paper>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            {(p.package || (p.viewerCanPackage && PACKAGEABLE_STAGES.includes(p.stage))) && (
              <Paper withBorder p="md">
                {p.viewerCanPackage && PACKAGEABLE_STAGES.includes(p.stage) ? (
                  <PackagePicker proposal={p} />
                ) : (
                  <Section title={t("proposals.package.title")}>
                    <Text size="sm">
                      {p.package!.title} ({format.date(p.package!.meetingDate)})
                    </Text>
                  </Section>
                )}
              </Paper>
            )}
            {p.projectId && (
              <Paper withBorder p="md">
                <Section title={t("proposals.fields.project")}>
                  <Anchor component={Link} to={`/portfolio/projects/${p.projectId}`}>
                    {t("proposals.page.openProject")}
                  </Anchor>
                </Section>
              </Paper>
            )}
            <Paper withBorder p="md" component="section" aria-labelledby="history-heading">
              <Text component="h2" id="history-heading" fw={650} size="lg" m={0} mb="sm">
                {t("proposals.page.history")}
              </Text>
              <HistoryTimeline history={p.history} />
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>
      {action && <TransitionDialog action={action} proposal={p} onClose={() => setAction(null)} />}
      {editing && (
        <ProposalFormModal
          existing={{ id: p.id, version: p.version, values: formValues }}
          onClose={() => setEditing(false)}
        />
      )}
    </Stack>
  );
}
