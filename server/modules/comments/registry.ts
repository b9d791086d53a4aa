import type { Actor } from "../../authz";
import { notFound } from "../../errors";
import type { LocalizedValue } from "../../../shared/localized";
import type { CommentTargetKind } from "../../../shared/proposals";

/**
 * What comments may be on. Each owning module says who may read and who may write the
 * comments on one of its things; comments inherit that confidentiality.
 */
export interface CommentTarget {
  /** May read the comments (false also when the thing does not exist or is not readable). */
  canRead(actor: Actor, id: string): Promise<boolean>;
  /** May add comments, reply and resolve threads. */
  canComment(actor: Actor, id: string): Promise<boolean>;
  /** Its organisation, its title and where it lives in the app, as `actor` (who may read it) sees it. */
  describe(
    actor: Actor,
    id: string,
  ): Promise<{ organisationId: string; title: LocalizedValue; link: string } | null>;
}

const targets = new Map<string, CommentTarget>();

/** Lets a module accept comments on its things (e.g. portfolio registers "project"). */
export function registerCommentTarget(kind: CommentTargetKind, target: CommentTarget): void {
  targets.set(kind, target);
}

export function commentTarget(kind: string): CommentTarget {
  const target = targets.get(kind);
  if (!target) throw notFound("Comment target");
  return target;
}
