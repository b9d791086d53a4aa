import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "@apollo/client/react";
import { Anchor, Badge, Button, Group, Modal, Paper, Stack, Text } from "@mantine/core";
import { Link } from "react-router-dom";
import { graphql, getFragmentData, type FragmentType } from "../../gql";
import { EditableTitle } from "../../ui/EditableTitle";
import { PointStatusBadge } from "../../ui/StatusBadge";
import { IconChart } from "../../ui/icons";
import { RecordMeasurementForm } from "../indicators/RecordMeasurementForm";
import { TargetLine } from "./TargetLine";

export const MeasurementPointCardFragment = graphql(`
  fragment MeasurementPointCard_point on MeasurementPoint {
    id
    code
    order
    version
    title {
      text
      isFallback
      locale
    }
    owners {
      id
      name
    }
    status {
      value
      source
      reason
    }
    targets {
      id
      ...TargetLine_target
      indicator {
        id
      }
    }
  }
`);

const UpdatePointTitle = graphql(`
  mutation UpdatePointTitle($id: ID!, $version: Int!, $title: String!) {
    updateMeasurementPoint(id: $id, version: $version, input: { title: $title }) {
      id
      version
      title {
        text
        isFallback
        locale
      }
    }
  }
`);

/** An indicator of the plan, as the pickers need it. */
export interface PlanIndicator {
  id: string;
  name: string;
  unit: string | null | undefined;
  measurementPointId: string | null | undefined;
  pointCode: string | null | undefined;
}

interface Props {
  point: FragmentType<typeof MeasurementPointCardFragment>;
  planId: string;
  canEdit: boolean;
  indicators: PlanIndicator[];
}

export function MeasurementPointCard(props: Props) {
  const { t } = useTranslation();
  const point = getFragmentData(MeasurementPointCardFragment, props.point);
  const [updateTitle] = useMutation(UpdatePointTitle);
  const [recording, setRecording] = useState(false);
  const linked = new Set(point.targets.flatMap((target) => target.indicator?.id ?? []));
  const ownIndicators = props.indicators.filter(
    (i) => linked.has(i.id) || i.measurementPointId === point.id,
  );
  const name = `${t("point.kind")} ${point.code}`;

  return (
    <Paper withBorder p="sm" radius="md" className="point-card">
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0, flex: 1 }}>
            <Badge variant="light" color="gray" radius="sm" className="code-badge">
              {point.code}
            </Badge>
            <EditableTitle
              value={point.title.text}
              label={name}
              canEdit={props.canEdit}
              onSave={(title) =>
                updateTitle({ variables: { id: point.id, version: point.version, title } })
              }
            >
              <Anchor
                component={Link}
                to={`/points/${point.id}`}
                fw={600}
                lang={point.title.isFallback ? point.title.locale : undefined}
              >
                {point.title.text}
              </Anchor>
            </EditableTitle>
          </Group>
          <PointStatusBadge
            status={point.status.value}
            overridden={point.status.source === "assessment"}
          />
        </Group>
        {point.status.source === "assessment" && point.status.reason && (
          <Text size="xs" c="dimmed">
            {t("status.assessedBecause", { reason: point.status.reason })}
          </Text>
        )}
        {point.targets.length > 0 && (
          <ul className="plain-list target-list" aria-label={t("point.targetsOf", { name })}>
            {point.targets.map((target) => (
              <li key={target.id}>
                <TargetLine target={target} />
              </li>
            ))}
          </ul>
        )}
        <Group justify="space-between" gap="xs">
          <Text size="sm" c="dimmed">
            {point.owners.length
              ? t("point.owners", { names: point.owners.map((o) => o.name).join(", ") })
              : t("point.noOwners")}
          </Text>
          <Group gap="xs" className="no-print">
            <Button
              component={Link}
              to={`/points/${point.id}`}
              variant="subtle"
              size="compact-sm"
              leftSection={<IconChart size={14} />}
              aria-label={t("point.openChartOf", { name })}
            >
              {t("point.openChart")}
            </Button>
            {props.canEdit && ownIndicators.length > 0 && (
              <Button
                variant="light"
                size="compact-sm"
                onClick={() => setRecording(true)}
                aria-label={t("measurement.recordFor", { name })}
              >
                {t("measurement.record")}
              </Button>
            )}
          </Group>
        </Group>
      </Stack>
      <Modal
        closeButtonProps={{ "aria-label": t("editing.close") }}
        opened={recording}
        onClose={() => setRecording(false)}
        title={t("measurement.recordFor", { name })}
        size="lg"
      >
        <RecordMeasurementForm indicators={ownIndicators} onRecorded={() => setRecording(false)} />
      </Modal>
    </Paper>
  );
}
