import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLazyQuery, useMutation, useQuery } from "@apollo/client/react";
import {
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
  Textarea,
} from "@mantine/core";
import { useNavigate } from "react-router-dom";
import { graphql } from "../../gql";
import { fieldErrors, otherErrorText } from "../../ui/errors";
import { useFormat } from "../../ui/format";

const ProjectableProposalsQuery = graphql(`
  query ProjectableProposals {
    projectableProposals {
      id
      title {
        text
      }
    }
  }
`);

const ProjectDraftQuery = graphql(`
  query ProjectDraft($programmeId: ID!, $proposalId: ID!) {
    projectDraftFromProposal(programmeId: $programmeId, proposalId: $proposalId) {
      proposalId
      code
      name
      description
      lead {
        id
        name
      }
      expectedSavings
      fte
      startDate
      endDate
    }
  }
`);

const CreateProjectMutation = graphql(`
  mutation CreateProject($input: CreateProjectInput!) {
    createProject(input: $input) {
      id
    }
  }
`);

const CreateFromProposalMutation = graphql(`
  mutation CreateProjectFromProposal($input: CreateProjectFromProposalInput!) {
    createProjectFromProposal(input: $input) {
      id
    }
  }
`);

const UpdateProjectMutation = graphql(`
  mutation UpdateProject($id: ID!, $version: Int!, $input: UpdateProjectInput!) {
    updateProject(id: $id, version: $version, input: $input) {
      id
      version
      code
      name {
        text
      }
      description
      theme {
        id
      }
      lead {
        id
        name
      }
      sponsor {
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
    }
  }
`);

export interface ProjectFormValues {
  themeId: string;
  code: string;
  name: string;
  description: string;
  leadId: string | null;
  sponsorId: string | null;
  startDate: string;
  endDate: string;
  budgetEuro: number;
  fte: number;
  expectedSavings: number;
  realisedSavings: number;
  realisedOn: string;
}

interface Props {
  opened: boolean;
  onClose: () => void;
  programmeId: string;
  themes: { id: string; name: string }[];
  people: { id: string; name: string }[];
  /** Editing an existing project (else: creating). */
  project?: { id: string; version: number; values: ProjectFormValues };
  /** Start from this proposal (pre-filled). */
  proposalId?: string | null;
}

const empty = (themeId: string): ProjectFormValues => {
  const start = new Date().toISOString().slice(0, 10);
  return {
    themeId,
    code: "",
    name: "",
    description: "",
    leadId: null,
    sponsorId: null,
    startDate: start,
    endDate: `${Number(start.slice(0, 4)) + 1}${start.slice(4)}`,
    budgetEuro: 0,
    fte: 0,
    expectedSavings: 0,
    realisedSavings: 0,
    realisedOn: "",
  };
};

/** Creates a project (empty or from an approved proposal, pre-filled) or edits one. */
export function ProjectFormModal(props: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const editing = !!props.project;
  const [values, setValues] = useState<ProjectFormValues>(
    props.project?.values ?? empty(props.themes[0]?.id ?? ""),
  );
  const [proposalId, setProposalId] = useState<string | null>(props.proposalId ?? null);
  const [extraPeople, setExtraPeople] = useState<{ id: string; name: string }[]>([]);
  const proposals = useQuery(ProjectableProposalsQuery, { skip: editing || !props.opened });
  const [loadDraft, draft] = useLazyQuery(ProjectDraftQuery);
  const [create, created] = useMutation(CreateProjectMutation, {
    refetchQueries: ["PortfolioPage", "PortfolioKpis"],
  });
  const [createFrom, createdFrom] = useMutation(CreateFromProposalMutation, {
    refetchQueries: ["PortfolioPage", "PortfolioKpis", "ProjectableProposals"],
  });
  const [update, updated] = useMutation(UpdateProjectMutation);
  const error = created.error ?? createdFrom.error ?? updated.error ?? draft.error;
  const errors = fieldErrors(error);
  const busy = created.loading || createdFrom.loading || updated.loading;

  useEffect(() => {
    if (!proposalId || editing || !props.opened) return;
    void loadDraft({ variables: { programmeId: props.programmeId, proposalId } }).then((r) => {
      const d = r.data?.projectDraftFromProposal;
      if (!d) return;
      if (d.lead) setExtraPeople([d.lead]);
      setValues((v) => ({
        ...v,
        code: d.code,
        name: d.name,
        description: d.description ?? "",
        leadId: d.lead?.id ?? null,
        startDate: d.startDate,
        endDate: d.endDate,
        expectedSavings: d.expectedSavings,
        fte: d.fte,
      }));
    });
  }, [proposalId, editing, props.opened, props.programmeId, loadDraft]);

  const set = <K extends keyof ProjectFormValues>(key: K, value: ProjectFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  const people = [
    ...props.people,
    ...extraPeople.filter((p) => !props.people.some((q) => q.id === p.id)),
  ];
  const personOptions = people.map((p) => ({ value: p.id, label: p.name }));

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const common = {
      themeId: values.themeId,
      code: values.code,
      name: values.name,
      description: values.description,
      leadId: values.leadId,
      sponsorId: values.sponsorId,
      startDate: values.startDate,
      endDate: values.endDate,
      budgetEuro: values.budgetEuro,
      fte: values.fte,
      expectedSavings: values.expectedSavings,
    };
    try {
      if (props.project) {
        await update({
          variables: {
            id: props.project.id,
            version: props.project.version,
            input: {
              ...common,
              realisedSavings: values.realisedSavings,
              realisedOn: values.realisedOn || null,
            },
          },
        });
        props.onClose();
      } else if (proposalId) {
        const r = await createFrom({
          variables: { input: { ...common, programmeId: props.programmeId, proposalId } },
        });
        if (r.data) void navigate(`/portfolio/projects/${r.data.createProjectFromProposal.id}`);
      } else {
        const r = await create({
          variables: { input: { ...common, programmeId: props.programmeId } },
        });
        if (r.data) void navigate(`/portfolio/projects/${r.data.createProject.id}`);
      }
    } catch {
      // shown below
    }
  }

  const shown = [
    "themeId",
    "code",
    "name",
    "description",
    "leadId",
    "sponsorId",
    "startDate",
    "endDate",
    "budgetEuro",
    "fte",
    "expectedSavings",
    "realisedSavings",
    "realisedOn",
  ];
  const other = otherErrorText(error, shown, t);
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={editing ? t("portfolio.form.editTitle") : t("portfolio.form.newTitle")}
      size="lg"
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          {!editing && (
            <Select
              label={t("portfolio.form.fromProposal")}
              description={t("portfolio.form.fromProposalHint")}
              placeholder={t("portfolio.form.noProposal")}
              data={(proposals.data?.projectableProposals ?? []).map((p) => ({
                value: p.id,
                label: p.title.text,
              }))}
              value={proposalId}
              onChange={setProposalId}
              clearable
              searchable
              nothingFoundMessage={t("portfolio.form.noProposals")}
            />
          )}
          <Select
            label={t("portfolio.fields.theme")}
            data={props.themes.map((th) => ({ value: th.id, label: th.name }))}
            value={values.themeId}
            onChange={(v) => set("themeId", v ?? "")}
            required
            allowDeselect={false}
            error={errors.themeId}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t("portfolio.fields.code")}
              value={values.code}
              onChange={(e) => set("code", e.currentTarget.value)}
              required={!proposalId}
              error={errors.code}
            />
            <TextInput
              label={t("portfolio.fields.name")}
              value={values.name}
              onChange={(e) => set("name", e.currentTarget.value)}
              required
              error={errors.name}
              style={{ gridColumn: "span 2" }}
            />
          </SimpleGrid>
          <Textarea
            label={t("portfolio.fields.description")}
            value={values.description}
            onChange={(e) => set("description", e.currentTarget.value)}
            autosize
            minRows={2}
            error={errors.description}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t("portfolio.fields.lead")}
              data={personOptions}
              value={values.leadId}
              onChange={(v) => set("leadId", v)}
              clearable
              searchable
              error={errors.leadId}
            />
            <Select
              label={t("portfolio.fields.sponsor")}
              description={t("portfolio.fields.sponsorHint")}
              data={personOptions}
              value={values.sponsorId}
              onChange={(v) => set("sponsorId", v)}
              clearable
              searchable
              error={errors.sponsorId}
            />
            <TextInput
              type="date"
              label={t("portfolio.fields.startDate")}
              value={values.startDate}
              onChange={(e) => set("startDate", e.currentTarget.value)}
              required
              error={errors.startDate}
            />
            <TextInput
              type="date"
              label={t("portfolio.fields.endDate")}
              value={values.endDate}
              onChange={(e) => set("endDate", e.currentTarget.value)}
              required
              error={errors.endDate}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NumberInput
              label={t("portfolio.fields.budgetEuro")}
              value={values.budgetEuro}
              onChange={(v) => set("budgetEuro", Number(v) || 0)}
              min={0}
              thousandSeparator=" "
              decimalSeparator={format.decimalSeparator}
              prefix="€ "
              error={errors.budgetEuro}
            />
            <NumberInput
              label={t("portfolio.fields.fte")}
              value={values.fte}
              onChange={(v) => set("fte", Number(v) || 0)}
              min={0}
              step={0.1}
              decimalScale={2}
              decimalSeparator={format.decimalSeparator}
              error={errors.fte}
            />
            <NumberInput
              label={t("portfolio.fields.expectedSavings")}
              value={values.expectedSavings}
              onChange={(v) => set("expectedSavings", Number(v) || 0)}
              min={0}
              thousandSeparator=" "
              decimalSeparator={format.decimalSeparator}
              prefix="€ "
              error={errors.expectedSavings}
            />
          </SimpleGrid>
          {editing && (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NumberInput
                label={t("portfolio.fields.realisedSavings")}
                value={values.realisedSavings}
                onChange={(v) => set("realisedSavings", Number(v) || 0)}
                min={0}
                thousandSeparator=" "
                decimalSeparator={format.decimalSeparator}
                prefix="€ "
                error={errors.realisedSavings}
              />
              <TextInput
                type="date"
                label={t("portfolio.fields.realisedOn")}
                value={values.realisedOn}
                onChange={(e) => set("realisedOn", e.currentTarget.value)}
                error={errors.realisedOn}
              />
            </SimpleGrid>
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
            <Button type="submit" loading={busy}>
              {editing ? t("portfolio.form.save") : t("portfolio.form.create")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
