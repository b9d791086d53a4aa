import type { Actor } from "../../authz";
import { withText } from "../../../shared/localized";
import type { Deadline } from "../../../shared/deadline";
import { createMeasurementPoint } from "./points";
import { MeasurementPointModel, type MeasurementPoint } from "./model";
import { updateVersioned } from "../../db/versioned";

/**
 * A measurement point whose deadlines are already parsed (an import or a
 * backup), with an indicator created and attached per name.
 */
export async function createMeasurementPointWithTargets(
  actor: Actor | null,
  input: {
    objectiveId: string;
    code: string;
    title: string;
    description?: string | null;
    order?: number;
    ownerIds?: string[];
    targets: {
      text: string;
      deadline: Deadline | null;
      goal?: MeasurementPoint["targets"][number]["goal"];
      indicatorIndex?: number | null;
    }[];
    indicatorNames: readonly string[];
    /** Creates an indicator attached to the new point. */
    createIndicator: (name: string, pointId: string) => Promise<{ _id: unknown }>;
  },
): Promise<MeasurementPoint> {
  const point = await createMeasurementPoint(actor, {
    objectiveId: input.objectiveId,
    code: input.code,
    title: input.title,
    description: input.description ?? null,
    order: input.order ?? 0,
    ...(input.ownerIds?.length ? { ownerIds: input.ownerIds } : {}),
  });
  const indicators: { _id: unknown }[] = [];
  for (const name of input.indicatorNames)
    indicators.push(await input.createIndicator(name, String(point._id)));
  const locale = actor!.locale;
  const { after } = await updateVersioned<MeasurementPoint>(
    MeasurementPointModel,
    String(point._id),
    point.version,
    (doc) => {
      doc.set(
        "targets",
        input.targets.map((t) => ({
          text: withText(null, locale, t.text),
          goal: t.goal ?? null,
          deadline: t.deadline,
          indicatorId:
            t.indicatorIndex != null ? (indicators[t.indicatorIndex]?._id ?? null) : null,
        })),
      );
    },
  );
  return after;
}
