import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "@apollo/client/react";
import { Alert, Button, Group, Select, Stack, Text, TextInput } from "@mantine/core";
import { errorText, fieldErrors } from "../../ui/errors";
import { useFormat } from "../../ui/format";
import { CreatePackageMutation, ProposalPackagesQuery, SetPackageMutation } from "./documents";

/** The management team puts the proposal in a package for a college meeting (or a new one). */
export function PackagePicker({
  proposal,
}: {
  proposal: { id: string; version: number; package?: { id: string } | null };
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const packages = useQuery(ProposalPackagesQuery);
  const [choice, setChoice] = useState<string | null>(proposal.package?.id ?? null);
  const [creating, setCreating] = useState(false);
  const [title, setTitle] = useState("");
  const [meetingDate, setMeetingDate] = useState("");
  const [setPackage, setting] = useMutation(SetPackageMutation, {
    refetchQueries: ["ProposalPage"],
  });
  const [createPackage, created] = useMutation(CreatePackageMutation, {
    refetchQueries: ["ProposalPackages"],
  });
  const error = setting.error ?? created.error;
  const fields = fieldErrors(created.error);

  async function save() {
    try {
      let packageId = choice;
      if (creating) {
        const result = await createPackage({ variables: { input: { title, meetingDate } } });
        packageId = result.data?.createProposalPackage.id ?? null;
        setCreating(false);
        setChoice(packageId);
      }
      await setPackage({ variables: { id: proposal.id, version: proposal.version, packageId } });
    } catch {
      // Shown below.
    }
  }

  return (
    <Stack gap="xs">
      <Text fw={600} size="sm">
        {t("proposals.package.title")}
      </Text>
      {creating ? (
        <Group gap="xs" align="flex-end" wrap="wrap">
          <TextInput
            label={t("proposals.package.newTitle")}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={fields.title}
            style={{ flex: "2 1 200px" }}
          />
          <TextInput
            label={t("proposals.package.meetingDate")}
            type="date"
            value={meetingDate}
            onChange={(e) => setMeetingDate(e.currentTarget.value)}
            error={fields.meetingDate}
            style={{ flex: "1 1 150px" }}
          />
        </Group>
      ) : (
        <Select
          label={t("proposals.package.choose")}
          data={(packages.data?.proposalPackages ?? []).map((p) => ({
            value: p.id,
            label: `${p.title} (${format.date(p.meetingDate)})`,
          }))}
          value={choice}
          onChange={setChoice}
          clearable
          placeholder={t("proposals.package.none")}
        />
      )}
      <Group gap="xs">
        <Button size="xs" onClick={() => void save()} loading={setting.loading || created.loading}>
          {t("proposals.package.save")}
        </Button>
        <Button size="xs" variant="subtle" onClick={() => setCreating((c) => !c)}>
          {creating ? t("proposals.package.pickExisting") : t("proposals.package.create")}
        </Button>
      </Group>
      {error && !Object.keys(fields).length && (
        <Alert color="red" role="alert" p="xs">
          {errorText(error, t)}
        </Alert>
      )}
    </Stack>
  );
}
