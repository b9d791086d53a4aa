import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "@apollo/client/react";
import {
  Alert,
  Button,
  Group,
  Modal,
  MultiSelect,
  SimpleGrid,
  Stack,
  TextInput,
  Textarea,
} from "@mantine/core";
import { graphql } from "../../gql";
import { errorText, fieldErrors } from "../../ui/errors";
import { IconPlus } from "../../ui/icons";
import { useSession } from "../auth/session";
import type { PlanIndicator } from "./MeasurementPointCard";
import {
  emptyTarget,
  NEW_INDICATOR,
  TargetFields,
  targetInput,
  type TargetDraft,
} from "./TargetFields";

const CreateIndicator = graphql(`
  mutation CreateIndicatorForTarget($input: CreateIndicatorInput!) {
    createIndicator(input: $input) {
      id
    }
  }
`);

const CreateMeasurementPoint = graphql(`
  mutation CreateMeasurementPoint($input: CreateMeasurementPointInput!) {
    createMeasurementPoint(input: $input) {
      id
    }
  }
`);

export interface PlanMemberOption {
  id: string;
  name: string;
}

interface Props {
  planId: string;
  objective: { id: string; code: string; title: string };
  pointCount: number;
  indicators: PlanIndicator[];
  members: PlanMemberOption[];
  onClose(): void;
}

/** "targets[0].text" and "targets.0.text" both become "targets.0.text". */
function normalise(errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).map(([k, v]) => [k.replace(/\[(\d+)\]/g, ".$1"), v]),
  );
}

/**
 * A new measurement point with its targets. A target may get a new indicator: those are
 * created first, and remembered, so that a retry after a failure does not create them twice.
 */
export function MeasurementPointFormModal(props: Props) {
  const { t } = useTranslation();
  const { user } = useSession();
  const { planId, objective } = props;
  const number = objective.code.replace(/^[^\d]*/, "");
  const [code, setCode] = useState(`${number || objective.code}.${props.pointCount + 1}`);
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [ownerIds, setOwnerIds] = useState<string[]>(
    user && props.members.some((m) => m.id === user.id) ? [user.id] : [],
  );
  const [targets, setTargets] = useState<TargetDraft[]>([emptyTarget(0)]);
  const [created, setCreated] = useState<Record<number, string>>({});
  const [problem, setProblem] = useState<unknown>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [createIndicator] = useMutation(CreateIndicator);
  const [createPoint] = useMutation(CreateMeasurementPoint, {
    refetchQueries: ["PlanPage"],
    awaitRefetchQueries: true,
  });
  const fields = { ...normalise(fieldErrors(problem)), ...local };
  const shown = new Set(["code", "title", "description", "ownerIds"]);
  const isShown = (k: string) => shown.has(k) || k.startsWith("targets.");

  function validate(): Record<string, string> {
    const out: Record<string, string> = {};
    if (!code.trim()) out.code = t("pointForm.required.code");
    if (!title.trim()) out.title = t("pointForm.required.title");
    targets.forEach((d, i) => {
      if (!d.text.trim()) out[`targets.${i}.text`] = t("pointForm.required.targetText");
      if (d.hasGoal && d.goalValue === "")
        out[`targets.${i}.goal.value`] = t("pointForm.required.goalValue");
      if (d.hasGoal && d.indicator === NEW_INDICATOR && !d.newIndicatorName.trim())
        out[`targets.${i}.indicator.name`] = t("pointForm.required.indicatorName");
      if (d.deadlineKind === "event" && !d.deadlineText.trim())
        out[`targets.${i}.deadline.text`] = t("pointForm.required.event");
    });
    return out;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const invalid = validate();
    setLocal(invalid);
    if (Object.keys(invalid).length) return;
    setBusy(true);
    setProblem(null);
    const made = { ...created };
    try {
      for (const [i, d] of targets.entries()) {
        if (!d.hasGoal || d.indicator !== NEW_INDICATOR || made[d.key]) continue;
        try {
          const result = await createIndicator({
            variables: {
              input: {
                planId,
                name: d.newIndicatorName.trim(),
                unit: d.unit.trim() || null,
                direction: d.comparator === "at_most" ? "lower_is_better" : "higher_is_better",
                targetValue: Number(d.goalValue),
                baseline: d.baseline === "" ? null : Number(d.baseline),
                frequency: "quarterly",
              },
            },
          });
          made[d.key] = result.data!.createIndicator.id;
          setCreated({ ...made });
        } catch (e) {
          // The indicator's own field errors belong to this target's indicator fields.
          const own = fieldErrors(e);
          setLocal(
            Object.fromEntries(
              Object.entries(own).map(([k, v]) => [`targets.${i}.indicator.${k}`, v]),
            ),
          );
          if (!Object.keys(own).length) setProblem(e);
          return;
        }
      }
      await createPoint({
        variables: {
          input: {
            objectiveId: objective.id,
            code: code.trim(),
            title: title.trim(),
            description: description.trim() || null,
            ownerIds,
            targets: targets.map((d) => targetInput(d, made[d.key])),
          },
        },
      });
      props.onClose();
    } catch (e) {
      setProblem(e);
    } finally {
      setBusy(false);
    }
  }

  const unmatched = Object.entries(fields).filter(([k]) => !isShown(k));
  const general = problem && (!Object.keys(fieldErrors(problem)).length || unmatched.length);
  return (
    <Modal
      closeButtonProps={{ "aria-label": t("editing.close") }}
      opened
      onClose={props.onClose}
      title={t("pointForm.title", { code: objective.code })}
      size="xl"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {general ? (
            <Alert color="red" role="alert" variant="light">
              {unmatched.length ? unmatched.map(([, v]) => v).join(" ") : errorText(problem, t)}
            </Alert>
          ) : null}
          <SimpleGrid cols={{ base: 1, sm: 4 }}>
            <TextInput
              label={t("pointForm.code")}
              required
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              error={fields.code}
            />
            <TextInput
              label={t("pointForm.pointTitle")}
              required
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              error={fields.title}
              data-autofocus
              className="span-3"
            />
          </SimpleGrid>
          <Textarea
            label={t("pointForm.description")}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={fields.description}
            autosize
            minRows={2}
          />
          <MultiSelect
            label={t("pointForm.owners")}
            data={props.members.map((m) => ({ value: m.id, label: m.name }))}
            value={ownerIds}
            onChange={setOwnerIds}
            searchable
            error={fields.ownerIds}
          />
          {targets.map((d, i) => (
            <TargetFields
              key={d.key}
              index={i}
              draft={d}
              indicators={props.indicators}
              errors={fields}
              onChange={(next) => setTargets((all) => all.map((x) => (x.key === d.key ? next : x)))}
              onRemove={
                targets.length > 1
                  ? () => setTargets((all) => all.filter((x) => x.key !== d.key))
                  : undefined
              }
            />
          ))}
          <Group justify="space-between">
            <Button
              variant="subtle"
              leftSection={<IconPlus size={14} />}
              onClick={() =>
                setTargets((all) => [...all, emptyTarget(Math.max(...all.map((x) => x.key)) + 1)])
              }
            >
              {t("pointForm.addTarget")}
            </Button>
            <Group gap="xs">
              <Button variant="default" onClick={props.onClose}>
                {t("editing.cancel")}
              </Button>
              <Button type="submit" loading={busy}>
                {t("pointForm.create")}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
