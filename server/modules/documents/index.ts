import type { Resolvers } from "../../graphql/generated";
import { requireActor, type Actor } from "../../authz";
import { forbidden, notFound } from "../../errors";
import type { Context } from "../../context";
import type { DocAccess } from "../../realtime/server";
import type { VersionInfo, VersionService } from "../../realtime/versions";
import { DOC_NAME_PATTERN } from "../../../shared/domain";
import { planDocumentAccess } from "../plans";
import { proposalDocumentAccess } from "../proposals";
import { boardDocumentAccess } from "../seminars";

/** Who may read and write each kind of co-written document: the same rules as the websocket. */
const DOC_KINDS: Record<string, DocAccess> = {
  plan: planDocumentAccess,
  proposal: proposalDocumentAccess,
  board: boardDocumentAccess,
};

export function documentKinds(): Record<string, DocAccess> {
  return DOC_KINDS;
}

async function authorizeDoc(actor: Actor | null, docName: string, write: boolean): Promise<Actor> {
  const viewer = requireActor(actor);
  const match = DOC_NAME_PATTERN.exec(docName);
  const access = match ? DOC_KINDS[match[1]!] : undefined;
  if (!match || !access) throw notFound("Document");
  const rights = await access(viewer, match[2]!);
  if (!rights.canRead) throw notFound("Document");
  if (write && !rights.canWrite) throw forbidden("document.write");
  return viewer;
}

function versionsOf(ctx: Context): VersionService {
  if (!ctx.versions) throw new Error("document versions are not available in this context");
  return ctx.versions;
}

export const documentResolvers: Resolvers = {
  Query: {
    documentVersions: async (_, { docName }, ctx) => {
      await authorizeDoc(ctx.actor, docName, false);
      return versionsOf(ctx).listVersions(docName);
    },
    documentVersionContent: async (_, { docName, id }, ctx) => {
      await authorizeDoc(ctx.actor, docName, false);
      return Buffer.from(await versionsOf(ctx).getVersionState(id, docName)).toString("base64");
    },
  },
  Mutation: {
    saveDocumentVersion: async (_, { docName, name }, ctx) => {
      const actor = await authorizeDoc(ctx.actor, docName, true);
      return versionsOf(ctx).saveVersion(docName, name, actor.id);
    },
    restoreDocumentVersion: async (_, { docName, id }, ctx) => {
      const actor = await authorizeDoc(ctx.actor, docName, true);
      return (await versionsOf(ctx).restoreVersion(docName, id, actor.id)).version;
    },
  },
  DocumentVersion: {
    createdBy: async (v: VersionInfo, _, ctx) =>
      (await ctx.loaders.users.load(v.createdBy)) ?? null,
  },
};
