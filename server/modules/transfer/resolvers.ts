import type { Resolvers } from "../../graphql/generated";
import { createPlanFromImport } from "./fromImport";

export const transferResolvers: Resolvers = {
  Mutation: {
    createPlanFromImport: (_, { input }, ctx) => createPlanFromImport(ctx.actor, input),
  },
};
