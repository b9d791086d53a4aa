import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "@apollo/client/react";
import { Alert, Button, Group, Loader, Paper, Select, Stack, Text, Title } from "@mantine/core";
import { getFragmentData } from "../../gql";
import { errorText } from "../../ui/errors";
import { IconPlus } from "../../ui/icons";
import { PROPOSAL_BOARD_COLUMNS } from "../../../shared/proposals";
import { ProposalCardFields, ProposalsBoardQuery } from "./documents";
import { ProposalCard } from "./ProposalCard";
import { ProposalFormModal } from "./ProposalFormModal";
import "./proposals.css";

/** The proposals by stage (kanban), filtered by unit. */
export default function ProposalsBoardPage() {
  const { t } = useTranslation();
  const { data, loading, error } = useQuery(ProposalsBoardQuery);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const headUnits = (data?.viewer?.memberships ?? [])
    .filter((m) => m.role === "department_head")
    .map((m) => m.orgUnit);

  const columns = useMemo(() => {
    const proposals = (data?.proposals ?? []).filter(
      (p) => !unitId || getFragmentData(ProposalCardFields, p).orgUnit?.id === unitId,
    );
    return PROPOSAL_BOARD_COLUMNS.map((stages) => ({
      stages,
      items: proposals.filter((p) => stages.includes(getFragmentData(ProposalCardFields, p).stage)),
    }));
  }, [data, unitId]);

  return (
    <>
      <Group justify="space-between" mb="md" wrap="wrap" gap="sm">
        <Title order={1} style={{ overflowWrap: "anywhere", hyphens: "auto" }}>
          {t("proposals.board.title")}
        </Title>
        <Group gap="sm" wrap="wrap">
          <Select
            label={t("proposals.board.unitFilter")}
            placeholder={t("proposals.board.allUnits")}
            data={(data?.proposalUnits ?? []).map((u) => ({
              value: u.id,
              label: `${u.code} – ${u.name}`,
            }))}
            value={unitId}
            onChange={setUnitId}
            clearable
            w={260}
          />
          {headUnits.length > 0 && (
            <Button leftSection={<IconPlus />} onClick={() => setCreating(true)} mt={24}>
              {t("proposals.board.new")}
            </Button>
          )}
        </Group>
      </Group>
      <Text c="dimmed" size="sm" mb="md">
        {t("proposals.board.intro")}
      </Text>
      {error && (
        <Alert color="red" role="alert" mb="md">
          {errorText(error, t)}
        </Alert>
      )}
      {loading && !data ? (
        <Group gap="sm" role="status">
          <Loader size="sm" />
          <Text>{t("app.loading")}</Text>
        </Group>
      ) : (
        <div
          className="proposal-board"
          role="region"
          aria-label={t("proposals.board.title")}
          tabIndex={0}
        >
          {columns.map(({ stages, items }) => {
            const id = `column-${stages[0]}`;
            return (
              <section key={stages[0]} className="proposal-column" aria-labelledby={id}>
                <Group justify="space-between" mb="xs" wrap="nowrap">
                  <Text component="h2" id={id} fw={650} size="sm" m={0}>
                    {stages.length > 1 && stages[0] === "approved"
                      ? t("proposals.board.decided")
                      : t(`proposals.stages.${stages[0]}`)}
                  </Text>
                  <Text
                    size="xs"
                    c="dimmed"
                    aria-label={t("proposals.board.count", { count: items.length })}
                  >
                    {items.length}
                  </Text>
                </Group>
                <Stack gap="xs" component="ul" className="proposal-list">
                  {items.map((p) => (
                    <li key={p.id}>
                      <ProposalCard proposal={p} showStage={stages.length > 1} />
                    </li>
                  ))}
                  {items.length === 0 && (
                    <Paper p="xs" className="proposal-empty" component="li">
                      <Text size="xs" c="dimmed">
                        {t("proposals.board.empty")}
                      </Text>
                    </Paper>
                  )}
                </Stack>
              </section>
            );
          })}
        </div>
      )}
      {creating && <ProposalFormModal units={headUnits} onClose={() => setCreating(false)} />}
    </>
  );
}
