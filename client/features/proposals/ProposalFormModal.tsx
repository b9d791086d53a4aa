import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "@apollo/client/react";
import { useNavigate } from "react-router-dom";
import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
} from "@mantine/core";
import { fieldErrors, otherErrorText } from "../../ui/errors";
import { useFormat } from "../../ui/format";
import { IconPlus, IconTrash } from "../../ui/icons";
import { PROPOSAL_LIMITS, SMART_CRITERIA } from "../../../shared/proposals";
import { CreateProposalMutation, UpdateProposalMutation } from "./documents";
import { SmartEditor, emptySmart, type SmartValue } from "./SmartEditor";

export interface ProposalFormValues {
  title: string;
  problem: string;
  proposal: string;
  justification: { text: string; source: string }[];
  savingsPerYear: number | string;
  fte: number | string;
  quality: string;
  smart: SmartValue;
  attachments: { label: string; url: string }[];
}

const blank = (): ProposalFormValues => ({
  title: "",
  problem: "",
  proposal: "",
  justification: [],
  savingsPerYear: "",
  fte: "",
  quality: "",
  smart: emptySmart(),
  attachments: [],
});

const isLink = (url: string) => /^https?:\/\/\S+$/i.test(url.trim());

/** Create (with a unit) or edit (with an existing proposal's values) an optimisation proposal. */
export function ProposalFormModal({
  units,
  existing,
  onClose,
}: {
  units?: { id: string; code: string; name: string }[];
  existing?: { id: string; version: number; values: ProposalFormValues };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { decimalSeparator } = useFormat();
  const navigate = useNavigate();
  const [values, setValues] = useState<ProposalFormValues>(existing?.values ?? blank());
  const [unitId, setUnitId] = useState<string | null>(units?.length === 1 ? units[0]!.id : null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [create, created] = useMutation(CreateProposalMutation);
  const [update, updated] = useMutation(UpdateProposalMutation, {
    refetchQueries: ["ProposalPage"],
  });
  const error = created.error ?? updated.error;
  const server = fieldErrors(error);
  const errorOf = (field: string) => local[field] ?? server[field];
  const set = <K extends keyof ProposalFormValues>(key: K, value: ProposalFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  function validate(): boolean {
    const problems: Record<string, string> = {};
    if (!existing && !unitId) problems.orgUnitId = t("errors.required");
    if (!values.title.trim()) problems.title = t("errors.required");
    values.attachments.forEach((a, i) => {
      if (!a.label.trim()) problems[`attachments.${i}.label`] = t("errors.required");
      if (!isLink(a.url)) problems[`attachments.${i}.url`] = t("proposals.errors.url");
    });
    values.justification.forEach((j, i) => {
      if (!j.text.trim()) problems[`justification.${i}.text`] = t("errors.required");
    });
    setLocal(problems);
    return Object.keys(problems).length === 0;
  }

  async function save() {
    if (!validate()) return;
    const input = {
      title: values.title,
      problem: values.problem,
      proposal: values.proposal,
      justification: values.justification.map((j) => ({ text: j.text, source: j.source || null })),
      expectedImpact: {
        savingsPerYear: Number(values.savingsPerYear) || 0,
        fte: Number(values.fte) || 0,
        quality: values.quality || null,
      },
      smart: Object.fromEntries(
        SMART_CRITERIA.map((k) => [
          k,
          { met: values.smart[k].met, justification: values.smart[k].justification || null },
        ]),
      ),
      attachments: values.attachments,
    };
    try {
      if (existing) {
        await update({ variables: { id: existing.id, version: existing.version, input } });
        onClose();
      } else {
        const result = await create({ variables: { input: { ...input, orgUnitId: unitId! } } });
        if (result.data) navigate(`/proposals/${result.data.createProposal.id}`);
      }
    } catch {
      // Shown by the alert and the fields below.
    }
  }

  const shown = [
    "orgUnitId",
    "title",
    "problem",
    "proposal",
    ...values.attachments.flatMap((_, i) => [`attachments.${i}.label`, `attachments.${i}.url`]),
  ];
  const other = otherErrorText(error, shown, t);

  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={existing ? t("proposals.form.editTitle") : t("proposals.form.newTitle")}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        noValidate
      >
        <Stack gap="sm">
          {other && (
            <Alert color="red" role="alert">
              {other}
            </Alert>
          )}
          {!existing && (
            <Select
              label={t("proposals.fields.unit")}
              data={(units ?? []).map((u) => ({ value: u.id, label: `${u.code} – ${u.name}` }))}
              value={unitId}
              onChange={setUnitId}
              required
              error={errorOf("orgUnitId")}
            />
          )}
          <TextInput
            label={t("proposals.fields.title")}
            value={values.title}
            onChange={(e) => set("title", e.currentTarget.value)}
            maxLength={PROPOSAL_LIMITS.title}
            required
            error={errorOf("title")}
            data-autofocus
          />
          <Textarea
            label={t("proposals.fields.problem")}
            description={t("proposals.form.problemHelp")}
            value={values.problem}
            onChange={(e) => set("problem", e.currentTarget.value)}
            autosize
            minRows={3}
            error={errorOf("problem")}
          />
          <Textarea
            label={t("proposals.fields.proposal")}
            value={values.proposal}
            onChange={(e) => set("proposal", e.currentTarget.value)}
            autosize
            minRows={3}
            error={errorOf("proposal")}
          />
          <fieldset className="plain-fieldset">
            <legend>
              <Text fw={600} size="sm">
                {t("proposals.fields.justification")}
              </Text>
            </legend>
            <Text size="xs" c="dimmed" mb={4}>
              {t("proposals.form.justificationHelp")}
            </Text>
            <Stack gap="xs">
              {values.justification.map((j, i) => (
                <Group key={i} gap="xs" align="flex-start" wrap="wrap">
                  <TextInput
                    aria-label={t("proposals.form.dataPoint", { n: i + 1 })}
                    placeholder={t("proposals.form.dataPointPlaceholder")}
                    value={j.text}
                    error={errorOf(`justification.${i}.text`)}
                    onChange={(e) => {
                      const next = [...values.justification];
                      next[i] = { ...j, text: e.currentTarget.value };
                      set("justification", next);
                    }}
                    style={{ flex: "2 1 220px" }}
                  />
                  <TextInput
                    aria-label={t("proposals.form.sourceOf", { n: i + 1 })}
                    placeholder={t("proposals.form.source")}
                    value={j.source}
                    onChange={(e) => {
                      const next = [...values.justification];
                      next[i] = { ...j, source: e.currentTarget.value };
                      set("justification", next);
                    }}
                    style={{ flex: "1 1 160px" }}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    aria-label={t("proposals.form.removeDataPoint", { n: i + 1 })}
                    onClick={() =>
                      set(
                        "justification",
                        values.justification.filter((_, k) => k !== i),
                      )
                    }
                  >
                    <IconTrash />
                  </ActionIcon>
                </Group>
              ))}
              <Button
                variant="subtle"
                leftSection={<IconPlus />}
                onClick={() =>
                  set("justification", [...values.justification, { text: "", source: "" }])
                }
                w="fit-content"
              >
                {t("proposals.form.addDataPoint")}
              </Button>
            </Stack>
          </fieldset>
          <Group grow align="flex-start" wrap="wrap">
            <NumberInput
              label={t("proposals.fields.savingsPerYear")}
              value={values.savingsPerYear}
              onChange={(v) => set("savingsPerYear", v)}
              min={0}
              decimalScale={0}
              thousandSeparator=" "
              prefix="€ "
              error={errorOf("expectedImpact.savingsPerYear")}
            />
            <NumberInput
              label={t("proposals.fields.fte")}
              value={values.fte}
              onChange={(v) => set("fte", v)}
              min={0}
              step={0.1}
              decimalScale={2}
              decimalSeparator={decimalSeparator}
              error={errorOf("expectedImpact.fte")}
            />
          </Group>
          <TextInput
            label={t("proposals.fields.quality")}
            value={values.quality}
            onChange={(e) => set("quality", e.currentTarget.value)}
          />
          <SmartEditor value={values.smart} onChange={(smart) => set("smart", smart)} />
          <fieldset className="plain-fieldset">
            <legend>
              <Text fw={600} size="sm">
                {t("proposals.fields.attachments")}
              </Text>
            </legend>
            <Stack gap="xs">
              {values.attachments.map((a, i) => (
                <Group key={i} gap="xs" align="flex-start" wrap="wrap">
                  <TextInput
                    aria-label={t("proposals.form.linkLabel", { n: i + 1 })}
                    placeholder={t("proposals.form.linkLabelPlaceholder")}
                    value={a.label}
                    error={errorOf(`attachments.${i}.label`)}
                    onChange={(e) => {
                      const next = [...values.attachments];
                      next[i] = { ...a, label: e.currentTarget.value };
                      set("attachments", next);
                    }}
                    style={{ flex: "1 1 160px" }}
                  />
                  <TextInput
                    aria-label={t("proposals.form.linkUrl", { n: i + 1 })}
                    placeholder="https://"
                    type="url"
                    value={a.url}
                    error={errorOf(`attachments.${i}.url`)}
                    onChange={(e) => {
                      const next = [...values.attachments];
                      next[i] = { ...a, url: e.currentTarget.value };
                      set("attachments", next);
                    }}
                    style={{ flex: "2 1 220px" }}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    aria-label={t("proposals.form.removeLink", { n: i + 1 })}
                    onClick={() =>
                      set(
                        "attachments",
                        values.attachments.filter((_, k) => k !== i),
                      )
                    }
                  >
                    <IconTrash />
                  </ActionIcon>
                </Group>
              ))}
              <Button
                variant="subtle"
                leftSection={<IconPlus />}
                onClick={() => set("attachments", [...values.attachments, { label: "", url: "" }])}
                w="fit-content"
              >
                {t("proposals.form.addLink")}
              </Button>
            </Stack>
          </fieldset>
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t("proposals.form.cancel")}
            </Button>
            <Button type="submit" loading={created.loading || updated.loading}>
              {existing ? t("proposals.form.save") : t("proposals.form.create")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
