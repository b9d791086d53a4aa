import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "@apollo/client/react";
import { Alert, Button, Group, Modal, NumberInput, Select, Stack, TextInput } from "@mantine/core";
import { useNavigate } from "react-router-dom";
import { graphql } from "../../gql";
import type { PlanKind } from "../../gql/graphql";
import { PLAN_KINDS } from "../../../shared/domain";
import { errorText, fieldErrors } from "../../ui/errors";
import { PlansPageQuery } from "./PlansPage";

const CreatePlanMutation = graphql(`
  mutation CreatePlan($input: CreatePlanInput!) {
    createPlan(input: $input) {
      id
    }
  }
`);

interface Props {
  opened: boolean;
  onClose(): void;
  units: { id: string; code: string; name: string }[];
}

export function CreatePlanModal({ opened, onClose, units }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const year = new Date().getFullYear();
  const [kind, setKind] = useState<PlanKind>("strategic_plan");
  const [title, setTitle] = useState("");
  const [orgUnitId, setOrgUnitId] = useState<string | null>(units[0]?.id ?? null);
  const [periodStart, setPeriodStart] = useState<number>(year);
  const [periodEnd, setPeriodEnd] = useState<number>(year + 4);
  const [authority, setAuthority] = useState("");
  const [createPlan, { loading, error }] = useMutation(CreatePlanMutation, {
    refetchQueries: [PlansPageQuery],
  });
  const fields = fieldErrors(error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      const result = await createPlan({
        variables: {
          input: {
            kind,
            title,
            orgUnitId: orgUnitId ?? units[0]?.id ?? "",
            periodStart,
            periodEnd,
            responsibleAuthority: authority || null,
          },
        },
      });
      const id = result.data?.createPlan.id;
      if (id) {
        onClose();
        navigate(`/plans/${id}`);
      }
    } catch {
      // Shown below from `error`; the form keeps what was typed.
    }
  }

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t("planForm.title")}
      size="lg"
      closeButtonProps={{ "aria-label": t("planForm.cancel") }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {error && !Object.keys(fields).length && (
            <Alert color="red" role="alert">
              {errorText(error, t)}
            </Alert>
          )}
          <Select
            label={t("planForm.kind")}
            data={PLAN_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
            value={kind}
            onChange={(v) => v && setKind(v as PlanKind)}
            allowDeselect={false}
            error={fields.kind}
          />
          <TextInput
            label={t("planForm.planTitle")}
            required
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={fields.title}
            data-autofocus
          />
          <Select
            label={t("planForm.unit")}
            data={units.map((u) => ({ value: u.id, label: `${u.code} — ${u.name}` }))}
            value={orgUnitId ?? units[0]?.id ?? null}
            onChange={setOrgUnitId}
            allowDeselect={false}
            error={fields.orgUnitId}
          />
          <Group grow>
            <NumberInput
              label={t("planForm.periodStart")}
              value={periodStart}
              onChange={(v) => setPeriodStart(Number(v))}
              min={1990}
              max={2100}
              error={fields.periodStart}
            />
            <NumberInput
              label={t("planForm.periodEnd")}
              value={periodEnd}
              onChange={(v) => setPeriodEnd(Number(v))}
              min={1990}
              max={2100}
              error={fields.periodEnd}
            />
          </Group>
          <TextInput
            label={t("planForm.authority")}
            description={t("planForm.authorityHint")}
            value={authority}
            onChange={(e) => setAuthority(e.currentTarget.value)}
            error={fields.responsibleAuthority}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("planForm.cancel")}
            </Button>
            <Button type="submit" loading={loading}>
              {t("planForm.create")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
