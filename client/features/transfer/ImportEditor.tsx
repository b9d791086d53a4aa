import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "@apollo/client/react";
import { CombinedGraphQLErrors } from "@apollo/client";
import { Alert, Button, Group, Paper, Stack, Text } from "@mantine/core";
import { useNavigate } from "react-router-dom";
import { graphql } from "../../gql";
import { errorText } from "../../ui/errors";
import { NODE_KINDS, type ImportWarning } from "../../../shared/planImport/types";
import {
  checkDraft,
  countByKind,
  findNode,
  hasProblems,
  nodeIdsInOrder,
  nodeOfField,
  nodesToInput,
  insertNode,
  placeOf,
  removeNode,
  updateNode,
  type DraftNode,
  type PlanFields,
} from "./importDraft";
import { ImportPlanFields, planFieldId } from "./ImportPlanFields";
import { ImportTree, codeInputId, titleInputId } from "./ImportTree";
import { ImportWarnings } from "./ImportWarnings";
import { IconUndo } from "../../ui/icons";

const CreatePlanFromImport = graphql(`
  mutation CreatePlanFromImport($input: ImportPlanInput!) {
    createPlanFromImport(input: $input) {
      id
    }
  }
`);

const PLAN_FIELDS: (keyof PlanFields)[] = [
  "title",
  "kind",
  "orgUnitId",
  "periodStart",
  "periodEnd",
  "responsibleAuthority",
];

interface Props {
  initialFields: PlanFields;
  initialNodes: DraftNode[];
  warnings: ImportWarning[];
  fileName: string;
  units: { id: string; code: string; name: string }[];
  onCancel(): void;
}

/** Node names start lower case for use inside sentences; some sentences start with one. */
const capitalize = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);

interface Removal {
  node: DraftNode;
  parentId: string | null;
  index: number;
  name: string;
  count: number;
}

/**
 * The read document as an editable plan: plan fields, what the parser noticed, the tree.
 * Our own checks run before anything is sent (the server creates node by node, so a
 * refusal half-way would leave half a plan); a refusal still keeps every edit on screen.
 */
export function ImportEditor({
  initialFields,
  initialNodes,
  warnings,
  fileName,
  units,
  onCancel,
}: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [fields, setFields] = useState(initialFields);
  const [nodes, setNodes] = useState(initialNodes);
  // Problems show once the user first tries to create the plan, then follow every edit.
  const [hasSubmitted, setSubmitted] = useState(false);
  const [serverPlan, setServerPlan] = useState<Record<string, string>>({});
  const [serverNodes, setServerNodes] = useState<Record<string, string>>({});
  const [serverOther, setServerOther] = useState<string | null>(null);
  const [removal, setRemoval] = useState<Removal | null>(null);
  const undoRef = useRef<HTMLButtonElement>(null);
  const [createPlan, { loading }] = useMutation(CreatePlanFromImport);

  // Corrections live only on this page until the plan exists: closing or reloading the tab
  // asks first. (Moving within the app does not: BrowserRouter has no navigation blocker.)
  const isEdited = fields !== initialFields || nodes !== initialNodes;
  // What was read is checked from the top: the plan's title first.
  useEffect(() => document.getElementById(planFieldId("title"))?.focus(), []);
  useEffect(() => {
    if (!isEdited) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [isEdited]);

  const problems = checkDraft(fields, nodes);
  const shownNodeProblems = hasSubmitted ? problems.nodes : {};
  const planErrors: Partial<Record<keyof PlanFields, string>> = {};
  for (const name of PLAN_FIELDS) {
    const own = hasSubmitted ? problems.plan[name] : undefined;
    const message = own ? t(own.key, own.params) : serverPlan[name];
    if (message) planErrors[name] = message;
  }
  const problemCount =
    Object.keys(problems.plan).length +
    Object.values(problems.nodes).reduce((n, p) => n + Object.keys(p).length, 0);

  const changeFields = (change: Partial<PlanFields>) => {
    setFields((f) => ({ ...f, ...change }));
    setServerPlan((s) => {
      const next = { ...s };
      for (const key of Object.keys(change)) delete next[key];
      return next;
    });
  };
  const changeNode = (id: string, change: Partial<Pick<DraftNode, "code" | "title">>) => {
    setNodes((list) => updateNode(list, id, change));
    setServerNodes(({ [id]: _, ...rest }) => rest);
  };
  const remove = (node: DraftNode, name: string) => {
    const place = placeOf(nodes, node.id);
    if (!place) return;
    setRemoval({ node, ...place, name, count: nodeIdsInOrder(node.children).length });
    setNodes((list) => removeNode(list, node.id));
    // The removed row's button is gone: move focus to the way back.
    requestAnimationFrame(() => undoRef.current?.focus());
  };
  const undo = () => {
    if (!removal) return;
    setNodes((list) => insertNode(list, removal.parentId, removal.index, removal.node));
    setRemoval(null);
    // Back to the restored row, where the user was.
    requestAnimationFrame(() => document.getElementById(titleInputId(removal.node))?.focus());
  };

  const focusFirstProblem = () => {
    const plan = PLAN_FIELDS.find((name) => problems.plan[name]);
    if (plan) return document.getElementById(planFieldId(plan))?.focus();
    const id = nodeIdsInOrder(nodes).find((n) => problems.nodes[n]);
    const node = id ? findNode(nodes, id) : undefined;
    if (!node) return;
    const p = problems.nodes[node.id]!;
    document.getElementById(p.code ? codeInputId(node) : titleInputId(node))?.focus();
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (hasProblems(problems)) {
      requestAnimationFrame(focusFirstProblem);
      return;
    }
    const { input: nodeInput, paths } = nodesToInput(nodes);
    setServerPlan({});
    setServerNodes({});
    setServerOther(null);
    try {
      const result = await createPlan({
        variables: {
          input: {
            kind: fields.kind,
            title: fields.title.trim(),
            orgUnitId: fields.orgUnitId ?? "",
            periodStart: fields.periodStart,
            periodEnd: fields.periodEnd,
            responsibleAuthority: fields.responsibleAuthority.trim() || null,
            nodes: nodeInput,
          },
        },
        // The plan list is stale now; it reloads when next shown.
        update: (cache) => {
          cache.evict({ id: "ROOT_QUERY", fieldName: "plans" });
          cache.gc();
        },
      });
      const id = result.data?.createPlanFromImport.id;
      if (id) navigate(`/plans/${id}`);
    } catch (failure) {
      // Field errors go next to their field or node; the rest to the alert. Nothing typed is lost.
      const plan: Record<string, string> = {};
      const byNode: Record<string, string> = {};
      const rest: string[] = [];
      if (CombinedGraphQLErrors.is(failure)) {
        for (const e of failure.errors) {
          const field = e.extensions?.field;
          const name = typeof field === "string" ? field.replace(/^input\./, "") : "";
          const nodeId = typeof field === "string" ? nodeOfField(field, paths) : undefined;
          if (nodeId) byNode[nodeId] = [byNode[nodeId], e.message].filter(Boolean).join(" ");
          else if ((PLAN_FIELDS as string[]).includes(name)) plan[name] = e.message;
          else rest.push(e.message);
        }
      } else rest.push(errorText(failure, t));
      setServerPlan(plan);
      setServerNodes(byNode);
      // Messages shown at a field may be out of view: the alert by the button points to them.
      if (Object.keys(plan).length || Object.keys(byNode).length)
        rest.push(t("transfer.seeFields"));
      setServerOther(rest.join(" "));
    }
  }

  // Enter in a text field must not create the plan half-way through an edit.
  const keepEnter = (event: KeyboardEvent<HTMLFormElement>) => {
    const target = event.target as HTMLElement;
    if (event.key === "Enter" && target instanceof HTMLInputElement) event.preventDefault();
  };

  const counts = countByKind(nodes);
  const found = NODE_KINDS.filter((k) => counts[k] > 0)
    .map((k) => t(`transfer.count.${k}`, { count: counts[k] }))
    .join(" · ");
  const hasNoUnits = units.length === 0;

  return (
    <form
      onSubmit={submit}
      onKeyDown={keepEnter}
      noValidate
      aria-label={t("transfer.form")}
      className="import-editor"
    >
      <Stack gap="lg">
        {hasNoUnits && (
          <Alert color="orange" role="alert">
            {t("transfer.noUnits")}
          </Alert>
        )}
        <ImportPlanFields
          fields={fields}
          units={units}
          errors={planErrors}
          onChange={changeFields}
        />
        <ImportWarnings warnings={warnings} fileName={fileName} />
        <Paper withBorder p="md" component="section" aria-labelledby="import-tree-heading">
          <Text component="h2" fw={650} size="lg" id="import-tree-heading" m={0}>
            {t("transfer.tree.title")}
          </Text>
          <Text size="sm" c="dimmed" mb="md">
            {nodes.length ? t("transfer.tree.found", { items: found }) : t("transfer.tree.empty")}
          </Text>
          {nodes.length > 0 && (
            <ImportTree
              nodes={nodes}
              problems={shownNodeProblems}
              serverErrors={serverNodes}
              onChange={changeNode}
              onRemove={remove}
            />
          )}
        </Paper>
        <div className="import-actions">
          <Group justify="space-between" gap="sm" wrap="wrap">
            <div role="status" aria-live="polite" style={{ minWidth: 0, flex: "1 1 320px" }}>
              {loading && <Text size="sm">{t("transfer.creating")}</Text>}
              {hasSubmitted && problemCount > 0 && (
                <Text size="sm" c="red" fw={600}>
                  {t("transfer.problems", { count: problemCount })}
                </Text>
              )}
              {removal && (
                <Group gap="xs" wrap="nowrap">
                  <Text size="sm" truncate>
                    {capitalize(
                      removal.count
                        ? t("transfer.removedWithChildren", {
                            node: removal.name,
                            count: removal.count,
                          })
                        : t("transfer.removed", { node: removal.name }),
                    )}
                  </Text>
                  <Button
                    ref={undoRef}
                    variant="subtle"
                    size="compact-sm"
                    leftSection={<IconUndo size={14} />}
                    onClick={undo}
                  >
                    {t("transfer.undo")}
                  </Button>
                </Group>
              )}
              {!loading && !(hasSubmitted && problemCount > 0) && !removal && (
                <Text size="sm" c="dimmed" truncate>
                  {found}
                </Text>
              )}
            </div>
            <Group gap="sm">
              <Button variant="default" onClick={onCancel}>
                {t("transfer.discard")}
              </Button>
              <Button type="submit" loading={loading} disabled={hasNoUnits}>
                {t("planForm.create")}
              </Button>
            </Group>
          </Group>
          {serverOther && (
            <Alert
              color="red"
              role="alert"
              mt="sm"
              withCloseButton
              closeButtonLabel={t("transfer.dismiss")}
              onClose={() => setServerOther(null)}
            >
              {serverOther}
            </Alert>
          )}
        </div>
      </Stack>
    </form>
  );
}
