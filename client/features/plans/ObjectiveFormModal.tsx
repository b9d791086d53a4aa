import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "@apollo/client/react";
import { Alert, Button, Group, Modal, Select, Stack, TextInput, Textarea } from "@mantine/core";
import { graphql } from "../../gql";
import type { ObjectiveKind } from "../../gql/graphql";
import { fieldErrors, otherErrorText } from "../../ui/errors";

const CreateObjective = graphql(`
  mutation CreateObjective($input: CreateObjectiveInput!) {
    createObjective(input: $input) {
      id
    }
  }
`);

const OBJECTIVE_KINDS: ObjectiveKind[] = [
  "strategic_line",
  "strategic_objective",
  "transversal_objective",
  "operational_objective",
];

/** The kind a new objective most likely has under `parent`. */
function defaultKind(parent: Parent | null): ObjectiveKind {
  if (!parent) return "strategic_objective";
  if (parent.kind === "strategic_line") return "strategic_objective";
  return "operational_objective";
}

/** A code suggestion in the document's style: "SD 3" at the top, "1.2" below "SD 1". */
function suggestCode(parent: Parent | null, siblingCount: number): string {
  if (!parent) return `SD ${siblingCount + 1}`;
  const number = parent.code.replace(/^[^\d]*/, "");
  return number ? `${number}.${siblingCount + 1}` : String(siblingCount + 1);
}

interface Parent {
  id: string;
  code: string;
  kind: ObjectiveKind;
}

interface Props {
  planId: string;
  parent: Parent | null;
  siblingCount: number;
  onClose(): void;
}

export function ObjectiveFormModal({ planId, parent, siblingCount, onClose }: Props) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ObjectiveKind>(defaultKind(parent));
  const [code, setCode] = useState(suggestCode(parent, siblingCount));
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [create, { loading, error }] = useMutation(CreateObjective, {
    refetchQueries: ["PlanPage"],
    awaitRefetchQueries: true,
  });
  const fields = fieldErrors(error);
  const alert = otherErrorText(error, ["kind", "code", "title", "description"], t);

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await create({
        variables: {
          input: {
            planId,
            parentId: parent?.id ?? null,
            kind,
            code: code.trim(),
            title: title.trim(),
            description: description.trim() || null,
          },
        },
      });
      onClose();
    } catch {
      // Shown from `error`; the form keeps what was typed.
    }
  }

  return (
    <Modal
      closeButtonProps={{ "aria-label": t("editing.close") }}
      opened
      onClose={onClose}
      title={
        parent ? t("objectiveForm.titleUnder", { code: parent.code }) : t("objectiveForm.title")
      }
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {alert && (
            <Alert color="red" role="alert" variant="light">
              {alert}
            </Alert>
          )}
          <Group grow align="flex-start">
            <Select
              label={t("objectiveForm.kind")}
              data={OBJECTIVE_KINDS.map((k) => ({ value: k, label: t(`objectiveKinds.${k}`) }))}
              value={kind}
              onChange={(v) => v && setKind(v as ObjectiveKind)}
              allowDeselect={false}
              error={fields.kind}
            />
            <TextInput
              label={t("objectiveForm.code")}
              description={t("objectiveForm.codeHint")}
              required
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              error={fields.code}
            />
          </Group>
          <TextInput
            label={t("objectiveForm.objectiveTitle")}
            required
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={fields.title}
            data-autofocus
          />
          <Textarea
            label={t("objectiveForm.description")}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={fields.description}
            autosize
            minRows={2}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("editing.cancel")}
            </Button>
            <Button type="submit" loading={loading}>
              {t("objectiveForm.create")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
