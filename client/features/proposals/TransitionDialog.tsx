import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "@apollo/client/react";
import {
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Text,
  Textarea,
} from "@mantine/core";
import { fieldErrors, otherErrorText } from "../../ui/errors";
import {
  POLICY_PRIORITIES,
  transitionFor,
  type PolicyPriority,
  type ProposalAction,
} from "../../../shared/proposals";
import { ProjectChoicesQuery, TransitionProposalMutation } from "./documents";

/**
 * Confirms one step on the path, asking what the step needs: a reason when sending back or
 * deciding against, the advice and priority, the project, the realised savings.
 */
export function TransitionDialog({
  action,
  proposal,
  onClose,
}: {
  action: ProposalAction;
  proposal: { id: string; version: number; projectId?: string | null };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const transition = transitionFor(action);
  const [reason, setReason] = useState("");
  const [advice, setAdvice] = useState("");
  const [priority, setPriority] = useState<PolicyPriority | null>(null);
  const [projectId, setProjectId] = useState<string | null>(proposal.projectId ?? null);
  const [savings, setSavings] = useState<number | string>("");
  const [local, setLocal] = useState<Record<string, string>>({});
  const needsProject = action === "startImplementation" && !proposal.projectId;
  const projects = useQuery(ProjectChoicesQuery, { skip: !needsProject });
  const [move, { loading, error }] = useMutation(TransitionProposalMutation, {
    refetchQueries: ["ProposalPage"],
    awaitRefetchQueries: true,
  });
  const server = fieldErrors(error);
  const errorOf = (field: string) => local[field] ?? server[field];

  async function confirm() {
    const problems: Record<string, string> = {};
    if (transition.needsReason && !reason.trim())
      problems.reason = t("proposals.errors.reasonRequired");
    if (action === "advise" && (!advice.trim() || !priority))
      problems.advice = t("proposals.errors.adviceRequired");
    if (needsProject && !projectId) problems.projectId = t("proposals.errors.unknownProject");
    if (action === "realise" && (savings === "" || Number(savings) < 0))
      problems.realisedSavings = t("proposals.errors.realisedSavings");
    setLocal(problems);
    if (Object.keys(problems).length) return;
    try {
      await move({
        variables: {
          id: proposal.id,
          version: proposal.version,
          input: {
            action,
            reason: reason.trim() || null,
            advice: action === "advise" ? { text: advice, priority: priority! } : null,
            projectId: action === "startImplementation" ? projectId : null,
            realisedSavings: action === "realise" ? Number(savings) : null,
          },
        },
      });
      onClose();
    } catch {
      // Shown below.
    }
  }

  const other = otherErrorText(error, ["reason", "advice", "projectId", "realisedSavings"], t);
  return (
    <Modal opened onClose={onClose} title={t(`proposals.actions.${action}`)} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void confirm();
        }}
        noValidate
      >
        <Stack gap="sm">
          <Text size="sm">{t(`proposals.transition.explain.${action}`)}</Text>
          {other && (
            <Alert color="red" role="alert">
              {other}
            </Alert>
          )}
          {action === "advise" && (
            <>
              <Textarea
                label={t("proposals.fields.advice")}
                value={advice}
                onChange={(e) => setAdvice(e.currentTarget.value)}
                autosize
                minRows={3}
                required
                error={errorOf("advice")}
                data-autofocus
              />
              <Select
                label={t("proposals.fields.priority")}
                data={POLICY_PRIORITIES.map((p) => ({
                  value: p,
                  label: t(`proposals.priority.${p}`),
                }))}
                value={priority}
                onChange={(v) => setPriority(v as PolicyPriority | null)}
                required
              />
            </>
          )}
          {needsProject && (
            <Select
              label={t("proposals.fields.project")}
              description={t("proposals.transition.projectHelp")}
              data={(projects.data?.portfolio?.projects ?? []).map((p) => ({
                value: p.id,
                label: `${p.code} – ${p.name.text}`,
              }))}
              value={projectId}
              onChange={setProjectId}
              searchable
              required
              error={errorOf("projectId")}
              nothingFoundMessage={t("proposals.transition.noProjects")}
            />
          )}
          {action === "realise" && (
            <NumberInput
              label={t("proposals.fields.realisedSavings")}
              value={savings}
              onChange={setSavings}
              min={0}
              thousandSeparator=" "
              prefix="€ "
              required
              error={errorOf("realisedSavings")}
              data-autofocus
            />
          )}
          {(transition.needsReason || action !== "advise") && (
            <Textarea
              label={
                transition.needsReason
                  ? t(`proposals.transition.reasonLabel.${action}`, {
                      defaultValue: t("proposals.transition.reason"),
                    })
                  : t("proposals.transition.optionalNote")
              }
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              autosize
              minRows={3}
              required={transition.needsReason}
              error={errorOf("reason")}
              data-autofocus={transition.needsReason || undefined}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("proposals.form.cancel")}
            </Button>
            <Button type="submit" loading={loading} color={action === "reject" ? "red" : undefined}>
              {t(`proposals.actions.${action}`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
