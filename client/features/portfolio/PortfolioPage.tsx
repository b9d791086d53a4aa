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
  Paper,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { Link, useSearchParams } from "react-router-dom";
import { graphql } from "../../gql";
import { errorText } from "../../ui/errors";
import { useFormat } from "../../ui/format";
import { IconPlus } from "../../ui/icons";
import { quarterOf } from "../../ui/quarters";
import { KpiPanel } from "./KpiPanel";
import { ProjectFormModal } from "./ProjectFormModal";
import { RagBadge, useEuro, type Rag } from "./shared";
import { Timeline } from "./Timeline";
import "./portfolio.css";

const PortfolioPageQuery = graphql(`
  query PortfolioPage($programmeId: ID) {
    viewer {
      id
      isAdmin
      memberships {
        role
      }
    }
    portfolio(programmeId: $programmeId) {
      id
      name {
        text
      }
      startYear
      endYear
      canManage
      canCreateProject
      themes {
        id
        name {
          text
        }
      }
      mandateHolders {
        id
        name
      }
      people {
        id
        name
      }
      projects {
        id
        code
        name {
          text
        }
        startDate
        endDate
        theme {
          id
        }
        rag {
          status
          reason
        }
        expectedSavings
        realisedSavings
        lead {
          id
          name
        }
        sponsor {
          id
          name
        }
        milestones {
          id
          title
          dueDate
          doneDate
          status
          doneOnTime
          late
        }
      }
    }
  }
`);

const CreateProgrammeMutation = graphql(`
  mutation CreateProgramme($input: ProgrammeInput!) {
    createProgramme(input: $input) {
      id
    }
  }
`);

function periodOptions(startYear: number, endYear: number, yearLabel: (year: number) => string) {
  const years = [];
  for (let y = endYear; y >= startYear; y--) years.push(y);
  return years.map((y) => ({
    group: String(y),
    items: [
      { value: String(y), label: yearLabel(y) },
      ...[1, 2, 3, 4].map((q) => ({ value: `${y}-Q${q}`, label: `Q${q} ${y}` })),
    ],
  }));
}

/** The OPTIris portfolio: KPIs per period and mandate holder, the timeline, the projects. */
export default function PortfolioPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const euro = useEuro();
  const [params, setParams] = useSearchParams();
  const view = params.get("view") ?? "kpis";
  const fromProposal = params.get("fromProposal");
  const [period, setPeriod] = useState(quarterOf());
  const [mandateHolderId, setMandateHolderId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [programmeName, setProgrammeName] = useState("");
  const { data, loading, error } = useQuery(PortfolioPageQuery, { variables: {} });
  const [createProgramme, programmeCreation] = useMutation(CreateProgrammeMutation, {
    refetchQueries: ["PortfolioPage"],
  });

  const setView = (next: string | null) => {
    const p = new URLSearchParams(params);
    p.set("view", next ?? "kpis");
    setParams(p, { replace: true });
  };
  const closeForm = () => {
    setCreating(false);
    if (fromProposal) {
      const p = new URLSearchParams(params);
      p.delete("fromProposal");
      setParams(p, { replace: true });
    }
  };

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
  const programme = data?.portfolio;
  const isPmo =
    !!data?.viewer &&
    (data.viewer.isAdmin || data.viewer.memberships.some((m) => m.role === "pmo"));
  if (!programme)
    return (
      <Stack gap="md">
        <Title order={1}>{t("portfolio.title")}</Title>
        <Paper withBorder p="xl" ta="center">
          <Text c="dimmed">{t("portfolio.noProgramme")}</Text>
          {isPmo && (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void createProgramme({ variables: { input: { name: programmeName } } }).catch(
                  () => undefined,
                );
              }}
            >
              <Group justify="center" mt="md" align="flex-end">
                <TextInput
                  label={t("portfolio.programmeName")}
                  value={programmeName}
                  onChange={(e) => setProgrammeName(e.currentTarget.value)}
                  error={
                    programmeCreation.error ? errorText(programmeCreation.error, t) : undefined
                  }
                />
                <Button type="submit" loading={programmeCreation.loading}>
                  {t("portfolio.createProgramme")}
                </Button>
              </Group>
            </form>
          )}
        </Paper>
      </Stack>
    );

  const themes = programme.themes.map((th) => ({ id: th.id, name: th.name.text }));
  const themeName = new Map(themes.map((th) => [th.id, th.name]));
  const projects = programme.projects.filter(
    (p) => !mandateHolderId || p.sponsor?.id === mandateHolderId,
  );
  const options = periodOptions(
    programme.startYear,
    Math.max(programme.endYear, Number(period.slice(0, 4))),
    (year) => t("portfolio.period.year", { year }),
  );

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{programme.name.text}</Title>
          <Text c="dimmed">
            {t("portfolio.intro", { start: programme.startYear, end: programme.endYear })}
          </Text>
        </div>
        {programme.canCreateProject && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            {t("portfolio.newProject")}
          </Button>
        )}
      </Group>
      <Group gap="md" align="flex-end">
        <Select
          label={t("portfolio.period.label")}
          data={options}
          value={period}
          onChange={(v) => v && setPeriod(v)}
          allowDeselect={false}
          w={200}
        />
        <Select
          label={t("portfolio.mandateHolder")}
          data={programme.mandateHolders.map((m) => ({ value: m.id, label: m.name }))}
          value={mandateHolderId}
          onChange={setMandateHolderId}
          placeholder={t("portfolio.allMandateHolders")}
          clearable
          w={240}
        />
      </Group>
      <Tabs value={view} onChange={setView} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="kpis">{t("portfolio.tabs.kpis")}</Tabs.Tab>
          <Tabs.Tab value="timeline">{t("portfolio.tabs.timeline")}</Tabs.Tab>
          <Tabs.Tab value="projects">
            {t("portfolio.tabs.projects")}{" "}
            <Badge size="sm" variant="light" ml={4}>
              {projects.length}
            </Badge>
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="kpis" pt="md">
          <KpiPanel programmeId={programme.id} period={period} mandateHolderId={mandateHolderId} />
        </Tabs.Panel>
        <Tabs.Panel value="timeline" pt="md">
          <Timeline
            themes={themes}
            projects={projects.map((p) => ({
              id: p.id,
              code: p.code,
              name: p.name.text,
              startDate: p.startDate,
              endDate: p.endDate,
              themeId: p.theme.id,
              rag: p.rag.status as Rag,
              milestones: p.milestones,
            }))}
          />
        </Tabs.Panel>
        <Tabs.Panel value="projects" pt="md">
          {projects.length === 0 ? (
            <Text c="dimmed" ta="center" py="xl">
              {t("portfolio.noProjects")}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={720}>
              <Table striped highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("portfolio.fields.project")}</Table.Th>
                    <Table.Th>{t("portfolio.fields.theme")}</Table.Th>
                    <Table.Th>{t("portfolio.fields.rag")}</Table.Th>
                    <Table.Th>{t("portfolio.fields.sponsor")}</Table.Th>
                    <Table.Th>{t("portfolio.fields.period")}</Table.Th>
                    <Table.Th ta="right">{t("portfolio.fields.milestonesDone")}</Table.Th>
                    <Table.Th ta="right">{t("portfolio.fields.savings")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {projects.map((p) => (
                    <Table.Tr key={p.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/portfolio/projects/${p.id}`} fw={600}>
                          {p.code} · {p.name.text}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{themeName.get(p.theme.id)}</Table.Td>
                      <Table.Td>
                        <RagBadge status={p.rag.status as Rag} size="sm" />
                      </Table.Td>
                      <Table.Td>{p.sponsor?.name ?? "–"}</Table.Td>
                      <Table.Td>
                        {format.date(p.startDate)} – {format.date(p.endDate)}
                      </Table.Td>
                      <Table.Td ta="right">
                        {p.milestones.filter((m) => m.status === "done").length} /{" "}
                        {p.milestones.length}
                      </Table.Td>
                      <Table.Td ta="right">
                        {euro(p.realisedSavings)} / {euro(p.expectedSavings)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Tabs.Panel>
      </Tabs>
      {(creating || !!fromProposal) && programme.canCreateProject && (
        <ProjectFormModal
          opened
          onClose={closeForm}
          programmeId={programme.id}
          themes={themes}
          people={programme.people}
          proposalId={fromProposal}
        />
      )}
    </Stack>
  );
}
