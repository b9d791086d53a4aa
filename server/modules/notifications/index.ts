import { NotificationModel, type Notification, type NotificationKind } from "./model";

export type { Notification, NotificationKind };
export { notificationResolvers } from "./resolvers";
export {
  notifyUsers,
  listNotifications,
  countUnreadNotifications,
  markNotificationsRead,
  renderNotification,
  type NotificationInput,
} from "./service";
export { configureMail, isMailEnabled } from "./mail";
export {
  registerDueSource,
  scanDueItems,
  startDueScanner,
  DUE_HORIZON_DAYS,
  type DueItem,
  type DueSource,
} from "./due";
export { usersOfOrganisation, type Recipient } from "./directory";

/** Creates the collection and indexes of this module. */
export async function initNotifications(): Promise<void> {
  await NotificationModel.init();
}
