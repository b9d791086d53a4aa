import argon2 from "argon2";
import mongoose, { trusted } from "mongoose";
import type { Actor } from "../../authz";
import { isLocale, type Locale, type Role } from "../../../shared/domain";
import { CredentialModel, UserModel, type User } from "./model";

export type { User };

// OWASP Password Storage Cheat Sheet minimum for argon2id.
const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export async function initUsers(): Promise<void> {
  await Promise.all([UserModel.init(), CredentialModel.init()]);
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

// A fixed hash to verify against when the account does not exist, so an unknown
// e-mail costs the same time as a wrong password (no user enumeration by timing).
let dummyHash: Promise<string> | undefined;

/** Returns the user when the e-mail and password match an enabled account. */
export async function verifyCredentials(email: string, password: string): Promise<User | null> {
  const user = await UserModel.findOne({ emailLower: normalizeEmail(email) }).lean<User>();
  const credential = user ? await CredentialModel.findById(user._id).lean() : null;
  const hash = credential?.passwordHash ?? (await (dummyHash ??= hashPassword("not-a-password")));
  const matches = await argon2.verify(hash, password).catch(() => false);
  if (!user || !credential || !matches || user.disabled) return null;
  return user;
}

export async function getUser(id: string): Promise<User | null> {
  if (!mongoose.isValidObjectId(id)) return null;
  return UserModel.findById(id).lean<User>();
}

export async function getUsers(ids: readonly string[]): Promise<(User | null)[]> {
  const users = await UserModel.find({ _id: trusted({ $in: ids }) }).lean<User[]>();
  const byId = new Map(users.map((u) => [String(u._id), u]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** Every enabled user of an organisation, by name. */
export async function listActiveUsersOfOrganisation(organisationId: string): Promise<User[]> {
  if (!mongoose.isValidObjectId(organisationId)) return [];
  const users = await UserModel.find({ organisationId }).lean<User[]>();
  return users.filter((u) => !u.disabled).sort((a, b) => a.name.localeCompare(b.name));
}

export async function createUser(input: {
  organisationId: string;
  email: string;
  name: string;
  password: string;
  locale?: Locale;
  isAdmin?: boolean;
  memberships?: { orgUnitId: string; role: Role }[];
}): Promise<User> {
  const user = await UserModel.create({
    organisationId: input.organisationId,
    email: input.email.trim(),
    emailLower: normalizeEmail(input.email),
    name: input.name,
    locale: input.locale ?? "nl",
    isAdmin: input.isAdmin ?? false,
    memberships: input.memberships ?? [],
  });
  await CredentialModel.create({ _id: user._id, passwordHash: await hashPassword(input.password) });
  return user.toObject();
}

/** Remembers the user's language. */
export async function setUserLocale(userId: string, locale: string): Promise<void> {
  if (!isLocale(locale)) return;
  await UserModel.updateOne({ _id: userId }, { $set: { locale } });
}

/** The Actor a session acts for. */
export function toActor(user: User, sessionId: string): Actor {
  return {
    id: String(user._id),
    sessionId,
    organisationId: String(user.organisationId),
    name: user.name,
    email: user.email,
    locale: isLocale(user.locale) ? user.locale : "nl",
    isAdmin: user.isAdmin ?? false,
    memberships: (user.memberships ?? []).map((m) => ({
      orgUnitId: String(m.orgUnitId),
      role: m.role as Role,
    })),
  };
}

/** A user of an organisation by e-mail address, or null. */
export async function findUserByEmail(organisationId: string, email: string): Promise<User | null> {
  const user = await UserModel.findOne({ emailLower: normalizeEmail(email) }).lean<User>();
  return user && String(user.organisationId) === organisationId ? user : null;
}
