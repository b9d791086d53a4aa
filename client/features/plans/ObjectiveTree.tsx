import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "@apollo/client/react";
import { Badge, Button, Group, Paper, Stack, Text, UnstyledButton } from "@mantine/core";
import { graphql, getFragmentData, type FragmentType } from "../../gql";
import type { ObjectiveNode_ObjectiveFragment } from "../../gql/graphql";
import { EditableTitle } from "../../ui/EditableTitle";
import { PointStatusBadge } from "../../ui/StatusBadge";
import { IconChevronRight, IconPlus } from "../../ui/icons";
import {
  MeasurementPointCard,
  MeasurementPointCardFragment,
  type PlanIndicator,
} from "./MeasurementPointCard";
import { ObjectiveFormModal } from "./ObjectiveFormModal";
import { MeasurementPointFormModal, type PlanMemberOption } from "./MeasurementPointFormModal";

export const ObjectiveNodeFragment = graphql(`
  fragment ObjectiveNode_objective on Objective {
    id
    code
    kind
    order
    version
    title {
      text
      isFallback
      locale
    }
    rollup {
      value
      total
    }
  }
`);

export const ObjectiveTreeFragment = graphql(`
  fragment ObjectiveTree_plan on Plan {
    id
    viewerCanEdit
    objectives {
      ...ObjectiveNode_objective
      children {
        ...ObjectiveNode_objective
        children {
          ...ObjectiveNode_objective
          children {
            ...ObjectiveNode_objective
          }
        }
      }
    }
  }
`);

const UpdateObjectiveTitle = graphql(`
  mutation UpdateObjectiveTitle($id: ID!, $version: Int!, $title: String!) {
    updateObjective(id: $id, version: $version, input: { title: $title }) {
      id
      version
      title {
        text
        isFallback
      }
    }
  }
`);

type ObjectiveNodeRef = FragmentType<typeof ObjectiveNodeFragment>;
/** A node as the query returns it: the fragment, plus its children down to the depth asked. */
type TreeNode = ObjectiveNodeRef & { children?: readonly TreeNode[] };

/** A measurement point of the plan, with the objective it sits under. */
export type PointRef = FragmentType<typeof MeasurementPointCardFragment> & {
  id: string;
  order: number;
  code: string;
  objective: { id: string };
};

interface Shared {
  pointsByObjective: Map<string, PointRef[]>;
  planId: string;
  canEdit: boolean;
  indicators: PlanIndicator[];
  members: PlanMemberOption[];
  expandAll: boolean;
}

function byOrder<T extends { order: number; code: string }>(a: T, b: T): number {
  return a.order - b.order || a.code.localeCompare(b.code, undefined, { numeric: true });
}

function ObjectiveItem({ tree, depth, shared }: { tree: TreeNode; depth: number; shared: Shared }) {
  const { t } = useTranslation();
  const objective: ObjectiveNode_ObjectiveFragment = getFragmentData(ObjectiveNodeFragment, tree);
  const [expanded, setExpanded] = useState(shared.expandAll);
  const [adding, setAdding] = useState<"objective" | "point" | null>(null);
  const panelId = useId();
  const [updateTitle] = useMutation(UpdateObjectiveTitle);
  const children = (tree.children ?? [])
    .map((c) => ({ c, o: getFragmentData(ObjectiveNodeFragment, c) }))
    .sort((a, b) => byOrder(a.o, b.o));
  const points = [...(shared.pointsByObjective.get(objective.id) ?? [])].sort(byOrder);
  const name = `${objective.code} ${objective.title.text}`;

  return (
    <li className="objective-item" data-depth={depth} id={`objective-${objective.id}`}>
      <Paper withBorder={depth === 0} p={depth === 0 ? "md" : "xs"} radius="md">
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
          <Group gap="xs" wrap="nowrap" align="center" style={{ minWidth: 0, flex: 1 }}>
            <UnstyledButton
              aria-expanded={expanded}
              aria-controls={panelId}
              onClick={() => setExpanded((e) => !e)}
              className="disclosure"
              aria-label={t(expanded ? "tree.collapse" : "tree.expand", { name })}
            >
              <IconChevronRight
                size={18}
                className="disclosure-chevron"
                data-expanded={expanded || undefined}
              />
            </UnstyledButton>
            <Badge variant="outline" color="koers" radius="sm" className="code-badge">
              {objective.code}
            </Badge>
            <EditableTitle
              value={objective.title.text}
              label={objective.code}
              canEdit={shared.canEdit}
              onSave={(title) =>
                updateTitle({ variables: { id: objective.id, version: objective.version, title } })
              }
            >
              <Text
                fw={depth === 0 ? 650 : 600}
                size={depth === 0 ? "lg" : "md"}
                component="h3"
                className="objective-title"
                lang={objective.title.isFallback ? objective.title.locale : undefined}
              >
                {objective.title.text}
              </Text>
            </EditableTitle>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Text size="xs" c="dimmed" visibleFrom="lg">
              {t(`objectiveKinds.${objective.kind}`)}
            </Text>
            {objective.rollup.total > 0 && <PointStatusBadge status={objective.rollup.value} />}
          </Group>
        </Group>
        <div id={panelId} hidden={!expanded}>
          <Stack gap="sm" mt="sm" pl={{ base: 0, sm: 34 }}>
            {points.length > 0 && (
              <ul className="plain-list point-list" aria-label={t("tree.pointsOf", { name })}>
                {points.map((p) => (
                  <li key={p.id}>
                    <MeasurementPointCard
                      point={p}
                      canEdit={shared.canEdit}
                      indicators={shared.indicators}
                      planId={shared.planId}
                    />
                  </li>
                ))}
              </ul>
            )}
            {children.length > 0 && (
              <ul className="plain-list objective-list">
                {children.map(({ c, o }) => (
                  <ObjectiveItem key={o.id} tree={c} depth={depth + 1} shared={shared} />
                ))}
              </ul>
            )}
            {points.length === 0 && children.length === 0 && (
              <Text size="sm" c="dimmed">
                {t("tree.emptyObjective")}
              </Text>
            )}
            {shared.canEdit && (
              <Group gap="xs" className="no-print">
                <Button
                  variant="subtle"
                  size="xs"
                  leftSection={<IconPlus size={14} />}
                  onClick={() => setAdding("point")}
                >
                  {t("tree.addPoint")}
                </Button>
                <Button
                  variant="subtle"
                  size="xs"
                  color="gray"
                  leftSection={<IconPlus size={14} />}
                  onClick={() => setAdding("objective")}
                >
                  {t("tree.addSubObjective")}
                </Button>
              </Group>
            )}
          </Stack>
        </div>
      </Paper>
      {adding === "objective" && (
        <ObjectiveFormModal
          planId={shared.planId}
          parent={{ id: objective.id, code: objective.code, kind: objective.kind }}
          siblingCount={children.length}
          onClose={() => setAdding(null)}
        />
      )}
      {adding === "point" && (
        <MeasurementPointFormModal
          planId={shared.planId}
          objective={{ id: objective.id, code: objective.code, title: objective.title.text }}
          pointCount={points.length}
          indicators={shared.indicators}
          members={shared.members}
          onClose={() => setAdding(null)}
        />
      )}
    </li>
  );
}

interface Props {
  plan: FragmentType<typeof ObjectiveTreeFragment>;
  points: readonly PointRef[];
  indicators: PlanIndicator[];
  members: PlanMemberOption[];
}

/** The objective tree as nested lists of disclosure buttons, with the measurement points inside. */
export function ObjectiveTree(props: Props) {
  const { t } = useTranslation();
  const plan = getFragmentData(ObjectiveTreeFragment, props.plan);
  const [expandAll, setExpandAll] = useState(true);
  const [generation, setGeneration] = useState(0);
  const [adding, setAdding] = useState(false);
  const pointsByObjective = new Map<string, PointRef[]>();
  for (const p of props.points) {
    const list = pointsByObjective.get(p.objective.id) ?? [];
    list.push(p);
    pointsByObjective.set(p.objective.id, list);
  }
  const shared: Shared = {
    pointsByObjective,
    planId: plan.id,
    canEdit: plan.viewerCanEdit,
    indicators: props.indicators,
    members: props.members,
    expandAll,
  };
  const roots = plan.objectives
    .map((o) => ({ tree: o as TreeNode, o: getFragmentData(ObjectiveNodeFragment, o) }))
    .sort((a, b) => byOrder(a.o, b.o));

  return (
    <section aria-labelledby="objectives-heading">
      <Group justify="space-between" mb="sm">
        <Text component="h2" fw={650} size="xl" id="objectives-heading">
          {t("tree.title")}
        </Text>
        <Group gap="xs" className="no-print">
          {roots.length > 0 && (
            <Button
              variant="default"
              size="xs"
              onClick={() => {
                setExpandAll((e) => !e);
                setGeneration((g) => g + 1);
              }}
            >
              {expandAll ? t("tree.collapseAll") : t("tree.expandAll")}
            </Button>
          )}
          {plan.viewerCanEdit && (
            <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setAdding(true)}>
              {t("tree.addObjective")}
            </Button>
          )}
        </Group>
      </Group>
      {roots.length === 0 ? (
        <Paper withBorder p="xl" ta="center">
          <Text c="dimmed">{plan.viewerCanEdit ? t("tree.emptyEditable") : t("tree.empty")}</Text>
        </Paper>
      ) : (
        <ul className="plain-list objective-list" key={generation}>
          {roots.map(({ tree, o }) => (
            <ObjectiveItem key={o.id} tree={tree} depth={0} shared={shared} />
          ))}
        </ul>
      )}
      {adding && (
        <ObjectiveFormModal
          planId={plan.id}
          parent={null}
          siblingCount={roots.length}
          onClose={() => setAdding(false)}
        />
      )}
    </section>
  );
}
