import type { Resolvers } from "../../graphql/generated";
import {
  countUnreadNotifications,
  listNotifications,
  markNotificationsRead,
  renderNotification,
} from "./service";

export const notificationResolvers: Resolvers = {
  Query: {
    notifications: (_, { first, unreadOnly }, ctx) =>
      listNotifications(ctx.actor, first ?? 50, unreadOnly ?? false),
    unreadNotificationCount: (_, __, ctx) => countUnreadNotifications(ctx.actor),
  },
  Mutation: {
    markNotificationsRead: (_, { ids }, ctx) => markNotificationsRead(ctx.actor, ids ?? null),
  },
  Notification: {
    id: (n) => String(n._id),
    text: (n, _, ctx) => renderNotification(n, ctx.locale),
    read: (n) => !!n.readAt,
  },
};
