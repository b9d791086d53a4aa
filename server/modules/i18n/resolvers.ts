import type { Resolvers } from "../../graphql/generated";
import { badInput } from "../../errors";
import { localize, translationsOf, withText, type LocalizedValue } from "../../../shared/localized";
import { translatePlanText, translateObjective, translatePoint } from "../plans";
import { translateIndicator } from "../indicators";
import { translateAction } from "../actions";

export const i18nResolvers: Resolvers = {
  LocalizedText: {
    text: (v, _, ctx) => localize(v, ctx.locale).text,
    locale: (v, _, ctx) => localize(v, ctx.locale).locale,
    isFallback: (v, _, ctx) => localize(v, ctx.locale).isFallback,
    translations: (v) => translationsOf(v),
  },
  Mutation: {
    setTranslation: async (_, { input }, ctx) => {
      const text = input.text.trim();
      if (text.length > 10_000) throw badInput("input.text", "errors.tooLong", { max: 10_000 });
      const apply = (value: LocalizedValue | null) =>
        withText(value, input.locale, text, input.state);
      const field = input.field;
      switch (input.entity) {
        case "plan":
          return translatePlanText(ctx.actor, input.id, field, apply);
        case "objective":
          return translateObjective(ctx.actor, input.id, field, apply);
        case "measurement_point":
          return translatePoint(ctx.actor, input.id, null, field, apply);
        case "target":
          if (!input.targetId) throw badInput("input.targetId", "errors.required");
          return translatePoint(ctx.actor, input.id, input.targetId, "text", apply);
        case "indicator":
          return translateIndicator(ctx.actor, input.id, apply);
        case "action":
          return translateAction(ctx.actor, input.id, apply);
      }
    },
  },
};
