import type { Model } from "mongoose";
import { AppError, notFound } from "../errors";
import { withLock } from "./mutex";

/* eslint-disable @typescript-eslint/no-explicit-any -- mongoose's inferred
   document types do not survive being passed generically; callers type the
   result (before/after) themselves. */
type AnyModel = Model<any>;
type AnyDoc = any;
/* eslint-enable @typescript-eslint/no-explicit-any */

/**
 * Loads a versioned document, checks the version the client read, applies a
 * change and saves it, all under the document's lock (so the check and the
 * write cannot interleave with another request, even on FerretDB).
 */
export async function updateVersioned<T = unknown>(
  model: AnyModel,
  id: string,
  expectedVersion: number,
  apply: (doc: AnyDoc) => void | Promise<void>,
): Promise<{ before: T; after: T }> {
  return withLock(`${model.modelName}:${id}`, async () => {
    const doc = await model.findById(id);
    if (!doc) throw notFound(model.modelName);
    const current = (doc as { version: number }).version;
    if (current !== expectedVersion)
      throw new AppError("CONFLICT", `${model.modelName} ${id} is at version ${current}`, {
        messageKey: "errors.CONFLICT",
      });
    const before = doc.toObject() as T;
    await apply(doc);
    await doc.save();
    return { before, after: doc.toObject() as T };
  });
}
