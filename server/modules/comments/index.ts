import { CommentModel, type Comment } from "./model";

export type { Comment };
export { commentResolvers } from "./resolvers";
export { registerCommentTarget, type CommentTarget } from "./registry";
export {
  listComments,
  addComment,
  editComment,
  setCommentResolved,
  listMentionableUsers,
  COMMENT_EDIT_WINDOW_MS,
} from "./service";
import "./targets";

/** Creates the collection and indexes of this module. */
export async function initComments(): Promise<void> {
  await CommentModel.init();
}
