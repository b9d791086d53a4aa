import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../harness";
import { UserModel } from "../../server/modules/users/model";

/**
 * reliability-anchors C1, second half: 50 concurrent creates on one unique key
 * (a user's case-folded e-mail) on the embedded database → exactly 1 succeeds,
 * the 49 others get a duplicate-key error (11000). The first half, 50
 * concurrent updates at one version → 1 success and 49 CONFLICT, is in
 * test/integration/plans.test.ts.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(import.meta.filename);
});
afterAll(() => server?.stop());

describe("concurrent creates on one unique key", () => {
  it("lets exactly 1 of 50 concurrent creates of the same e-mail succeed", async () => {
    const director = await UserModel.findOne({ emailLower: "director@koers.demo" }).lean();
    const email = "Same.Person@koers.demo";
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        UserModel.create({
          organisationId: director!.organisationId,
          email,
          emailLower: email.toLowerCase(),
          name: `Attempt ${i}`,
        }),
      ),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(49);
    expect(failed.every((r) => (r.reason as { code?: number }).code === 11000)).toBe(true);
    expect(await UserModel.countDocuments({ emailLower: email.toLowerCase() })).toBe(1);
  });
});
