import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useApolloClient } from "@apollo/client/react";
import { Alert, Button, Group, Paper, Select, Stack, Text } from "@mantine/core";
import { useNavigate } from "react-router-dom";
import { restorePlanJson, TransferError, transferErrorText } from "./uploadDocument";

interface Props {
  file: File;
  units: { id: string; code: string; name: string }[];
  onCancel(): void;
}

/** A Koers plan export (.json) restored as a new plan, in a unit the user chooses. */
export function RestorePlanPanel({ file, units, onCancel }: Props) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const client = useApolloClient();
  const [orgUnitId, setOrgUnitId] = useState<string | null>(units[0]?.id ?? null);
  const [isBusy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const unitError = failure instanceof TransferError ? failure.fields.orgUnitId : undefined;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const unit = orgUnitId ?? units[0]?.id;
    if (!unit) return;
    setBusy(true);
    setFailure(null);
    try {
      const id = await restorePlanJson(file, unit, i18n.language);
      client.cache.evict({ id: "ROOT_QUERY", fieldName: "plans" });
      client.cache.gc();
      navigate(`/plans/${id}`);
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="restore-heading">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <div>
            <Text component="h2" fw={650} size="lg" id="restore-heading" m={0}>
              {t("transfer.restore.title")}
            </Text>
            <Text size="sm" c="dimmed">
              {t("transfer.restore.intro", { name: file.name })}
            </Text>
          </div>
          {units.length === 0 && (
            <Alert color="orange" role="alert">
              {t("transfer.noUnits")}
            </Alert>
          )}
          <Select
            label={t("planForm.unit")}
            data={units.map((u) => ({ value: u.id, label: `${u.code} — ${u.name}` }))}
            value={orgUnitId}
            onChange={setOrgUnitId}
            allowDeselect={false}
            error={unitError}
            maw={480}
          />
          {failure !== null && !unitError && (
            <Alert color="red" role="alert">
              {transferErrorText(failure, t)}
            </Alert>
          )}
          <Group gap="sm">
            <Button type="submit" loading={isBusy} disabled={units.length === 0}>
              {t("transfer.restore.submit")}
            </Button>
            <Button variant="default" onClick={onCancel}>
              {t("planForm.cancel")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
