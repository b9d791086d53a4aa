import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { ActionIcon, Text, Textarea, TextInput, Tooltip } from "@mantine/core";
import { DeadlineText } from "./DeadlineText";
import { isObjectiveKind, type DraftNode, type DraftProblems, type Problem } from "./importDraft";
import { IconTrash, IconUndo } from "../../ui/icons";

export interface TreeProps {
  nodes: DraftNode[];
  /** Problems to show (empty until the user first tries to create the plan). */
  problems: DraftProblems["nodes"];
  /** Messages the server gave for a node, by node id. */
  serverErrors: Record<string, string>;
  onChange(id: string, change: Partial<Pick<DraftNode, "code" | "title">>): void;
  onRemove(node: DraftNode, name: string): void;
}

/** "measurement point 1.1 of strategic objective 2": codes repeat under other parents. */
export function nodeName(t: TFunction, node: DraftNode, parentName?: string): string {
  const name = t("transfer.node.name", {
    kind: t(`transfer.nodeKinds.${node.kind}`).toLocaleLowerCase(),
    code: node.code.trim() || "—",
  });
  return parentName ? t("transfer.node.nameIn", { node: name, parent: parentName }) : name;
}

/** Input ids, so a problem summary can move focus to the field concerned. */
export const codeInputId = (node: DraftNode) => `import-code-${node.id}`;
export const titleInputId = (node: DraftNode) => `import-title-${node.id}`;

export function ImportTree({ nodes, ...rest }: TreeProps) {
  const { t } = useTranslation();
  return (
    <ul className="import-tree" aria-label={t("transfer.tree.label")}>
      {nodes.map((node) => (
        <NodeItem key={node.id} node={node} {...rest} />
      ))}
    </ul>
  );
}

function NodeItem({
  node,
  parentName,
  problems,
  serverErrors,
  onChange,
  onRemove,
}: Omit<TreeProps, "nodes"> & { node: DraftNode; parentName?: string }) {
  const { t } = useTranslation();
  const text = (p: Problem | undefined) => (p ? t(p.key, p.params) : undefined);
  const name = nodeName(t, node, parentName);
  // Children are named after their parent by its short name: one level is enough to tell
  // "1.1 of strategic objective 1" from "1.1 of transversal objective 1".
  const shortName = nodeName(t, node);
  const found = problems[node.id];
  const serverError = serverErrors[node.id];
  const isObjective = isObjectiveKind(node.kind);
  const isEdited = node.title !== node.readTitle;
  const kindText = t(`transfer.nodeKinds.${node.kind}`);
  const messageId = `import-message-${node.id}`;

  return (
    <li
      className="import-node"
      data-kind={node.kind}
      data-objective={isObjective || undefined}
      data-problem={found || serverError ? true : undefined}
    >
      <div className="import-node__body">
        <div className="import-node__row">
          <Text
            className="import-node__kind"
            size="xs"
            fw={650}
            c={isObjective ? "var(--mantine-color-koers-text)" : "dimmed"}
          >
            {kindText}
          </Text>
          <TextInput
            id={codeInputId(node)}
            className="import-node__code"
            aria-label={t("transfer.node.codeLabel", { node: name })}
            value={node.code}
            onChange={(e) => onChange(node.id, { code: e.currentTarget.value })}
            // The column is narrow: the message goes on the line below the row.
            error={!!found?.code}
            aria-describedby={found?.code ? messageId : undefined}
            size="sm"
            styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
          />
          <Textarea
            id={titleInputId(node)}
            className="import-node__title"
            aria-label={t("transfer.node.titleLabel", { node: name })}
            value={node.title}
            // A title is one line: it wraps to stay readable, but Enter and pasted line
            // breaks do not split it.
            autosize
            minRows={1}
            maxRows={8}
            onKeyDown={(e) => e.key === "Enter" && e.preventDefault()}
            onChange={(e) =>
              onChange(node.id, { title: e.currentTarget.value.replace(/\s*\n\s*/g, " ") })
            }
            error={text(found?.title)}
            size="sm"
            fw={isObjective ? 600 : undefined}
            description={isEdited ? t("transfer.node.edited") : undefined}
            inputWrapperOrder={["input", "description", "error"]}
            rightSection={
              isEdited ? (
                <Tooltip label={t("transfer.node.restoreTitle")}>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    size="sm"
                    aria-label={t("transfer.node.restoreTitleOf", { node: name })}
                    onClick={() => onChange(node.id, { title: node.readTitle })}
                  >
                    <IconUndo size={14} />
                  </ActionIcon>
                </Tooltip>
              ) : undefined
            }
          />
          <Tooltip label={t("transfer.node.remove", { node: name })}>
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              aria-label={t("transfer.node.remove", { node: name })}
              onClick={() => onRemove(node, name)}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        </div>
        {(found?.code || found?.kind || serverError) && (
          <Text id={messageId} size="sm" c="red" mt={4} className="import-node__details">
            {[text(found?.code), text(found?.kind), serverError].filter(Boolean).join(" ")}
          </Text>
        )}
        {(node.targets.length > 0 ||
          node.indicators.length > 0 ||
          node.kind === "measurement_point") && (
          <div className="import-node__details">
            {node.targets.length > 0 ? (
              <ul
                className="import-targets"
                aria-label={t("transfer.node.targets", { node: name })}
              >
                {node.targets.map((target, index) => (
                  <li key={index}>
                    <Text size="sm" fs={target.text ? undefined : "italic"}>
                      {target.text || t("transfer.node.noTargetText")}
                    </Text>
                    <DeadlineText deadline={target.deadline} />
                  </li>
                ))}
              </ul>
            ) : (
              node.kind === "measurement_point" && (
                <Text size="sm" c="orange.8">
                  {t("transfer.node.noTarget")}
                </Text>
              )
            )}
            {isObjective && (
              // createPlanFromImport keeps targets and indicators on measurement points only.
              <Text size="sm" c="orange.8">
                {t("transfer.node.objectiveTargets")}
              </Text>
            )}
            {node.indicators.length > 0 && (
              <Text size="sm">
                <Text span fw={600} size="sm">
                  {t("transfer.node.indicators")}
                </Text>{" "}
                {node.indicators.join(" · ")}
              </Text>
            )}
          </div>
        )}
      </div>
      {node.children.length > 0 && (
        <ul aria-label={t("transfer.node.children", { node: name })}>
          {node.children.map((child) => (
            <NodeItem
              key={child.id}
              node={child}
              parentName={shortName}
              problems={problems}
              serverErrors={serverErrors}
              onChange={onChange}
              onRemove={onRemove}
            />
          ))}
        </ul>
      )}
    </li>
  );
}
