import { randomUUID } from "node:crypto";
import mongoose from "mongoose";
import { requireActor, type Actor } from "../../authz";
import { badInput } from "../../errors";
import { translate } from "../../i18n";
import { localize, type LocalizedValue } from "../../../shared/localized";
import type { Locale } from "../../../shared/domain";
import { getUsers } from "../users";
import { absoluteLink, isMailEnabled, sendMail } from "./mail";
import { NotificationModel, type Notification, type NotificationKind } from "./model";

export interface NotificationInput {
  organisationId: string;
  kind: NotificationKind;
  subject?: LocalizedValue | null;
  params?: Record<string, string>;
  link: string;
  /** Same key, same notification: inserted once (periodic scans). */
  dedupeKey?: (userId: string) => string;
}

/** The notification's message in `locale`. */
export function renderNotification(
  n: Pick<Notification, "kind" | "subject" | "params">,
  locale: Locale,
): string {
  const params = { ...(n.params ?? {}) };
  if (params.stage) params.stage = translate(locale, `proposals.stages.${params.stage}`);
  return translate(locale, `proposals.notifications.kinds.${n.kind}`, {
    ...params,
    subject: localize(n.subject, locale).text,
  });
}

const isDuplicate = (error: unknown) => (error as { code?: number })?.code === 11000;

/** Puts a notification in each user's centre (once per dedupe key) and mails it if SMTP is on. */
export async function notifyUsers(userIds: readonly string[], input: NotificationInput) {
  const unique = [...new Set(userIds)];
  const created: Notification[] = [];
  for (const userId of unique) {
    try {
      const doc = await NotificationModel.create({
        organisationId: input.organisationId,
        userId,
        kind: input.kind,
        subject: input.subject ?? null,
        params: input.params ?? {},
        link: input.link,
        dedupeKey: input.dedupeKey ? input.dedupeKey(userId) : randomUUID(),
      });
      created.push(doc.toObject() as Notification);
    } catch (error) {
      if (!isDuplicate(error)) throw error;
    }
  }
  if (created.length && isMailEnabled()) await mailNotifications(created);
  return created;
}

async function mailNotifications(notifications: Notification[]): Promise<void> {
  const users = await getUsers(notifications.map((n) => String(n.userId)));
  await Promise.all(
    notifications.map(async (n, i) => {
      const user = users[i];
      if (!user?.email || user.disabled) return;
      const locale = (user.locale ?? "nl") as Locale;
      const text = renderNotification(n, locale);
      const sent = await sendMail(
        user.email,
        `Koers: ${text}`.slice(0, 200),
        `${text}\n\n${translate(locale, "proposals.notifications.mailFooter")} ${absoluteLink(n.link)}`,
      );
      if (sent)
        await NotificationModel.updateOne({ _id: n._id }, { $set: { emailedAt: new Date() } });
    }),
  );
}

/** The actor's notifications, newest first. */
export async function listNotifications(
  actor: Actor | null,
  first: number,
  unreadOnly: boolean,
): Promise<Notification[]> {
  const viewer = requireActor(actor);
  if (!Number.isInteger(first) || first < 1 || first > 200)
    throw badInput("first", "errors.pageSize", { max: 200 });
  const all = await NotificationModel.find({ userId: viewer.id })
    .sort({ createdAt: -1, _id: -1 })
    .lean<Notification[]>();
  return all.filter((n) => !unreadOnly || !n.readAt).slice(0, first);
}

export async function countUnreadNotifications(actor: Actor | null): Promise<number> {
  const viewer = requireActor(actor);
  return NotificationModel.countDocuments({ userId: viewer.id, readAt: null });
}

/** Marks the given notifications of the actor as read (all of them when ids is null). */
export async function markNotificationsRead(
  actor: Actor | null,
  ids: readonly string[] | null,
): Promise<number> {
  const viewer = requireActor(actor);
  const filter: Record<string, unknown> = { userId: viewer.id, readAt: null };
  if (ids) {
    const valid = ids.filter((id) => mongoose.isValidObjectId(id));
    filter._id = mongoose.trusted({ $in: valid });
  }
  const result = await NotificationModel.updateMany(filter, { $set: { readAt: new Date() } });
  return result.modifiedCount;
}
