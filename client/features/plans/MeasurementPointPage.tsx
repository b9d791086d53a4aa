import { useTranslation } from "react-i18next";
import { useQuery } from "@apollo/client/react";
import {
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Grid,
  Group,
  Loader,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { Link, useParams } from "react-router-dom";
import { graphql, getFragmentData } from "../../gql";
import { errorText } from "../../ui/errors";
import { useFormat } from "../../ui/format";
import { PointStatusBadge } from "../../ui/StatusBadge";
import { IndicatorPanel, IndicatorPanelFragment } from "../indicators/IndicatorPanel";
import { RecordMeasurementForm } from "../indicators/RecordMeasurementForm";
import { TargetLine } from "./TargetLine";
import "../../ui/tracking.css";

const MeasurementPointPageQuery = graphql(`
  query MeasurementPointPage($id: ID!) {
    measurementPoint(id: $id) {
      id
      code
      title {
        text
      }
      description {
        text
      }
      plan {
        id
        title {
          text
        }
        viewerCanEdit
      }
      objective {
        id
        code
        title {
          text
        }
        path {
          id
          code
          title {
            text
          }
        }
      }
      owners {
        id
        name
      }
      contributors {
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
        goal {
          value
          comparator
        }
        indicator {
          id
          ...IndicatorPanel_indicator
        }
      }
      indicators {
        id
        ...IndicatorPanel_indicator
      }
      actions {
        id
        title {
          text
        }
        status
        dueDate
        doneOnTime
        owner {
          id
          name
        }
      }
    }
  }
`);

export default function MeasurementPointPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { id = "" } = useParams();
  const { data, loading, error } = useQuery(MeasurementPointPageQuery, { variables: { id } });
  const point = data?.measurementPoint;

  if (loading && !point)
    return (
      <Group gap="sm" role="status">
        <Loader size="sm" />
        <Text>{t("app.loading")}</Text>
      </Group>
    );
  if (error || !point)
    return (
      <Alert color="red" role="alert">
        {error ? errorText(error, t) : t("errors.NOT_FOUND")}
      </Alert>
    );

  const path = [...point.objective.path];
  if (path.at(-1)?.id !== point.objective.id) path.push(point.objective);
  // Indicators linked to a target first (with that target's goal), then the point's others.
  const seen = new Set<string>();
  const panels = [
    ...point.targets.flatMap((target) =>
      target.indicator ? [{ ref: target.indicator, goal: target.goal }] : [],
    ),
    ...point.indicators.map((ref) => ({ ref, goal: null })),
  ].filter(({ ref }) => (seen.has(ref.id) ? false : (seen.add(ref.id), true)));
  const recordable = panels.map(({ ref }) => {
    const i = getFragmentData(IndicatorPanelFragment, ref);
    return { id: i.id, name: i.name.text, unit: i.unit };
  });

  return (
    <Stack gap="lg">
      <Breadcrumbs separatorMargin={6} className="breadcrumbs-wrap">
        <Anchor component={Link} to="/plans">
          {t("plan.back")}
        </Anchor>
        <Anchor component={Link} to={`/plans/${point.plan.id}`}>
          {point.plan.title.text}
        </Anchor>
        {path.map((o) => (
          <Anchor component={Link} to={`/plans/${point.plan.id}#objective-${o.id}`} key={o.id}>
            {o.code} {o.title.text}
          </Anchor>
        ))}
        <Text aria-current="page">
          {point.code} {point.title.text}
        </Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start">
        <div>
          <Text c="dimmed" size="sm">
            {t("point.kindWithCode", { code: point.code })}
          </Text>
          <Title order={1}>{point.title.text}</Title>
          {point.description?.text && (
            <Text mt="xs" maw={760}>
              {point.description.text}
            </Text>
          )}
        </div>
        <Stack gap={4} align="flex-end">
          <PointStatusBadge
            status={point.status.value}
            size="lg"
            overridden={point.status.source === "assessment"}
          />
          {/* Only an assessment's reason: the computed one comes in the server's words, not the user's language. */}
          {point.status.source === "assessment" && point.status.reason && (
            <Text size="xs" c="dimmed" maw={280} ta="right">
              {t("status.assessedBecause", { reason: point.status.reason })}
            </Text>
          )}
        </Stack>
      </Group>
      <Grid gap={32}>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="lg">
            {panels.length === 0 ? (
              <Paper withBorder p="xl" ta="center">
                <Text c="dimmed">{t("point.noIndicators")}</Text>
              </Paper>
            ) : (
              panels.map(({ ref, goal }) => (
                <IndicatorPanel key={ref.id} indicator={ref} goal={goal} />
              ))
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="lg">
            <Paper withBorder p="md" component="section" aria-labelledby="targets-heading">
              <Text component="h2" fw={650} size="lg" id="targets-heading" mb="sm">
                {t("point.targets")}
              </Text>
              {point.targets.length ? (
                <ul className="plain-list point-list">
                  {point.targets.map((target) => (
                    <li key={target.id}>
                      <TargetLine target={target} />
                    </li>
                  ))}
                </ul>
              ) : (
                <Text size="sm" c="dimmed">
                  {t("point.noTargets")}
                </Text>
              )}
              <Text size="sm" mt="md">
                {point.owners.length
                  ? t("point.owners", { names: point.owners.map((o) => o.name).join(", ") })
                  : t("point.noOwners")}
              </Text>
              {point.contributors.length > 0 && (
                <Text size="sm" c="dimmed">
                  {t("point.contributors", {
                    names: point.contributors.map((o) => o.name).join(", "),
                  })}
                </Text>
              )}
            </Paper>
            {point.plan.viewerCanEdit && recordable.length > 0 && (
              <Paper withBorder p="md" component="section" aria-labelledby="record-heading">
                <Text component="h2" fw={650} size="lg" id="record-heading" mb="sm">
                  {t("measurement.formTitle")}
                </Text>
                <RecordMeasurementForm indicators={recordable} narrow />
              </Paper>
            )}
            {point.actions.length > 0 && (
              <Paper withBorder p="md" component="section" aria-labelledby="actions-heading">
                <Text component="h2" fw={650} size="lg" id="actions-heading" mb="sm">
                  {t("point.actions")}
                </Text>
                <Table verticalSpacing={6}>
                  <Table.Tbody>
                    {point.actions.map((a) => (
                      <Table.Tr key={a.id}>
                        <Table.Td>
                          <Text size="sm">{a.title.text}</Text>
                          <Text size="xs" c="dimmed">
                            {[a.owner?.name, a.dueDate && format.date(a.dueDate)]
                              .filter(Boolean)
                              .join(" · ")}
                          </Text>
                        </Table.Td>
                        <Table.Td ta="right">
                          <Badge variant="light" color={a.status === "done" ? "green" : "gray"}>
                            {t(`actionStatus.${a.status}`)}
                          </Badge>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Paper>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
