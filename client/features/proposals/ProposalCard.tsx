import { Badge, Group, Paper, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { getFragmentData, type FragmentType } from "../../gql";
import { ProposalCardFields } from "./documents";
import { STAGE_COLOR, scoreColor, useEuro } from "./format";

/** One proposal on the board: a link (keyboard and screen reader reachable) with its key figures. */
export function ProposalCard({
  proposal: ref,
  showStage,
}: {
  proposal: FragmentType<typeof ProposalCardFields>;
  showStage: boolean;
}) {
  const { t } = useTranslation();
  const euro = useEuro();
  const p = getFragmentData(ProposalCardFields, ref);
  return (
    <Paper
      component={Link}
      to={`/proposals/${p.id}`}
      withBorder
      p="sm"
      radius="md"
      className="proposal-card"
      data-testid="proposal-card"
    >
      <Text fw={600} size="sm" lineClamp={3} style={{ overflowWrap: "anywhere" }}>
        {p.title.text}
      </Text>
      <Group gap={6} mt={6}>
        <Badge variant="light" color="gray" size="sm" title={p.orgUnit?.name}>
          {p.orgUnit?.code}
        </Badge>
        {showStage && (
          <Badge variant="light" color={STAGE_COLOR[p.stage]} size="sm">
            {t(`proposals.stages.${p.stage}`)}
          </Badge>
        )}
        {p.level === "organisation" && (
          <Badge variant="outline" size="sm">
            {t("proposals.level.organisation")}
          </Badge>
        )}
      </Group>
      <Group gap="xs" mt={6} justify="space-between">
        <Text size="xs" c="dimmed">
          {t("proposals.card.savings", { amount: euro(p.expectedImpact.savingsPerYear) })}
        </Text>
        <Badge size="sm" color={scoreColor(p.smart.score)} variant="filled">
          {t("proposals.card.smart", { score: p.smart.score })}
        </Badge>
      </Group>
    </Paper>
  );
}
