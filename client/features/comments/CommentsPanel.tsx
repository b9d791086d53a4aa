import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "@apollo/client/react";
import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  MultiSelect,
  Paper,
  Stack,
  Text,
  Textarea,
} from "@mantine/core";
import { graphql } from "../../gql";
import type { CommentTargetKind } from "../../gql/graphql";
import { errorText } from "../../ui/errors";
import { useFormat } from "../../ui/format";
import { COMMENT_MAX_LENGTH } from "../../../shared/proposals";
import "./comments.css";

export const CommentsQuery = graphql(`
  query Comments($target: CommentTargetInput!) {
    comments(target: $target) {
      id
      parentId
      body
      author {
        id
        name
      }
      mentions {
        id
        name
      }
      resolved
      resolvedBy {
        name
      }
      createdAt
      editedAt
      viewerCanEditUntil
      viewerCanResolve
      replies {
        id
        parentId
        body
        author {
          id
          name
        }
        mentions {
          id
          name
        }
        resolved
        resolvedBy {
          name
        }
        createdAt
        editedAt
        viewerCanEditUntil
        viewerCanResolve
      }
    }
    mentionableUsers(target: $target) {
      id
      name
    }
  }
`);

const AddCommentMutation = graphql(`
  mutation AddComment($input: AddCommentInput!) {
    addComment(input: $input) {
      id
    }
  }
`);
const EditCommentMutation = graphql(`
  mutation EditComment($id: ID!, $body: String!, $mentionIds: [ID!]) {
    editComment(id: $id, body: $body, mentionIds: $mentionIds) {
      id
      body
      editedAt
    }
  }
`);
const ResolveCommentMutation = graphql(`
  mutation ResolveComment($id: ID!, $resolved: Boolean!) {
    setCommentResolved(id: $id, resolved: $resolved) {
      id
      resolved
    }
  }
`);

interface CommentData {
  id: string;
  parentId?: string | null;
  body: string;
  author?: { id: string; name: string } | null;
  mentions: { id: string; name: string }[];
  resolved: boolean;
  resolvedBy?: { name: string } | null;
  createdAt: string;
  editedAt?: string | null;
  viewerCanEditUntil?: string | null;
  viewerCanResolve: boolean;
}

interface Target {
  kind: CommentTargetKind;
  id: string;
}

/** Writes a comment or reply; people are mentioned by picking them (stored as ids, notified). */
function CommentComposer({
  target,
  parentId,
  people,
  label,
  onDone,
  initial,
  editId,
}: {
  target: Target;
  parentId?: string;
  people: { id: string; name: string }[];
  label: string;
  onDone?: () => void;
  initial?: { body: string; mentionIds: string[] };
  editId?: string;
}) {
  const { t } = useTranslation();
  const [body, setBody] = useState(initial?.body ?? "");
  const [mentionIds, setMentionIds] = useState<string[]>(initial?.mentionIds ?? []);
  const [add, added] = useMutation(AddCommentMutation, { refetchQueries: ["Comments"] });
  const [edit, edited] = useMutation(EditCommentMutation, { refetchQueries: ["Comments"] });
  const error = added.error ?? edited.error;

  function pickMentions(ids: string[]) {
    // Picking someone also writes @Name in the text, so readers see who was addressed.
    const newOnes = ids.filter((id) => !mentionIds.includes(id));
    const names = newOnes.map((id) => `@${people.find((p) => p.id === id)?.name ?? ""}`);
    if (names.length) setBody((b) => `${b}${b && !b.endsWith(" ") ? " " : ""}${names.join(" ")} `);
    setMentionIds(ids);
  }

  async function submit() {
    if (!body.trim()) return;
    try {
      if (editId) await edit({ variables: { id: editId, body, mentionIds } });
      else
        await add({
          variables: { input: { target, parentId: parentId ?? null, body, mentionIds } },
        });
      setBody("");
      setMentionIds([]);
      onDone?.();
    } catch {
      // Shown below.
    }
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack gap={6}>
        <Textarea
          label={label}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={COMMENT_MAX_LENGTH}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) void submit();
          }}
        />
        <MultiSelect
          label={t("proposals.comments.mention")}
          placeholder={t("proposals.comments.mentionPlaceholder")}
          data={people.map((p) => ({ value: p.id, label: p.name }))}
          value={mentionIds}
          onChange={pickMentions}
          searchable
          clearable
          size="xs"
        />
        {error && (
          <Alert color="red" role="alert" p="xs">
            {errorText(error, t)}
          </Alert>
        )}
        <Group gap="xs" justify="flex-end">
          {onDone && (
            <Button variant="default" size="xs" onClick={onDone}>
              {t("proposals.form.cancel")}
            </Button>
          )}
          <Button
            type="submit"
            size="xs"
            loading={added.loading || edited.loading}
            disabled={!body.trim()}
          >
            {editId
              ? t("proposals.comments.save")
              : parentId
                ? t("proposals.comments.reply")
                : t("proposals.comments.post")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CommentView({
  comment,
  target,
  people,
  canComment,
  isRoot,
  onReply,
}: {
  comment: CommentData;
  target: Target;
  people: { id: string; name: string }[];
  canComment: boolean;
  isRoot: boolean;
  onReply?: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [editing, setEditing] = useState(false);
  const [resolve, resolving] = useMutation(ResolveCommentMutation, {
    refetchQueries: ["Comments"],
  });
  const canEdit = !!comment.viewerCanEditUntil && new Date(comment.viewerCanEditUntil) > new Date();
  return (
    <div className="comment" data-testid="comment">
      <Group gap="xs" wrap="wrap">
        <Text fw={600} size="sm">
          {comment.author?.name ?? "?"}
        </Text>
        <Text size="xs" c="dimmed">
          {format.dateTime(comment.createdAt)}
          {comment.editedAt ? ` · ${t("proposals.comments.edited")}` : ""}
        </Text>
        {isRoot && comment.resolved && (
          <Badge size="xs" color="green" variant="light">
            {t("proposals.comments.resolvedBy", { name: comment.resolvedBy?.name ?? "" })}
          </Badge>
        )}
      </Group>
      {editing ? (
        <CommentComposer
          target={target}
          people={people}
          label={t("proposals.comments.editLabel")}
          editId={comment.id}
          initial={{ body: comment.body, mentionIds: comment.mentions.map((m) => m.id) }}
          onDone={() => setEditing(false)}
        />
      ) : (
        <Text size="sm" className="proposal-text">
          {comment.body}
        </Text>
      )}
      {!editing && (
        <Group gap={4} mt={2}>
          {canComment && onReply && (
            <Button variant="subtle" size="compact-xs" onClick={onReply}>
              {t("proposals.comments.reply")}
            </Button>
          )}
          {canEdit && (
            <Button
              variant="subtle"
              size="compact-xs"
              onClick={() => setEditing(true)}
              title={t("proposals.comments.editUntil", {
                time: format.dateTime(comment.viewerCanEditUntil),
              })}
            >
              {t("proposals.comments.edit")}
            </Button>
          )}
          {isRoot && comment.viewerCanResolve && (
            <Button
              variant="subtle"
              size="compact-xs"
              loading={resolving.loading}
              onClick={() =>
                void resolve({ variables: { id: comment.id, resolved: !comment.resolved } })
              }
            >
              {comment.resolved ? t("proposals.comments.reopen") : t("proposals.comments.resolve")}
            </Button>
          )}
        </Group>
      )}
    </div>
  );
}

/**
 * The discussion on something (a proposal's debate, an objective, a project...): threads with
 * replies, mentions, resolve. The server decides who may read and write (same rules as the target).
 */
export function CommentsPanel({
  target,
  canComment,
  title,
}: {
  target: Target;
  canComment: boolean;
  title: string;
}) {
  const { t } = useTranslation();
  const { data, loading, error } = useQuery(CommentsQuery, { variables: { target } });
  const [replyTo, setReplyTo] = useState<string | null>(null);
  const [showResolved, setShowResolved] = useState(false);
  const people = data?.mentionableUsers ?? [];
  const threads: (CommentData & { replies: CommentData[] })[] = data?.comments ?? [];
  const resolvedCount = threads.filter((c) => c.resolved).length;
  const visible = threads.filter((c) => showResolved || !c.resolved);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="comments-heading">
      <Group justify="space-between" mb="sm">
        <Text component="h2" id="comments-heading" fw={650} size="lg" m={0}>
          {title}
        </Text>
        {resolvedCount > 0 && (
          <Button variant="subtle" size="xs" onClick={() => setShowResolved((s) => !s)}>
            {showResolved
              ? t("proposals.comments.hideResolved")
              : t("proposals.comments.showResolved", { count: resolvedCount })}
          </Button>
        )}
      </Group>
      {error && (
        <Alert color="red" role="alert" mb="sm">
          {errorText(error, t)}
        </Alert>
      )}
      {loading && !data ? (
        <Loader size="sm" aria-label={t("app.loading")} />
      ) : (
        <Stack gap="sm">
          {visible.length === 0 && (
            <Text size="sm" c="dimmed">
              {t("proposals.comments.empty")}
            </Text>
          )}
          {visible.map((thread) => (
            <Paper key={thread.id} withBorder p="sm" radius="md" className="comment-thread">
              <CommentView
                comment={thread}
                target={target}
                people={people}
                canComment={canComment}
                isRoot
                onReply={() => setReplyTo(thread.id)}
              />
              {thread.replies.length > 0 && (
                <Stack gap="xs" mt="xs" className="comment-replies">
                  {thread.replies.map((reply) => (
                    <CommentView
                      key={reply.id}
                      comment={reply}
                      target={target}
                      people={people}
                      canComment={canComment}
                      isRoot={false}
                    />
                  ))}
                </Stack>
              )}
              {replyTo === thread.id && (
                <div className="comment-replies">
                  <CommentComposer
                    target={target}
                    parentId={thread.id}
                    people={people}
                    label={t("proposals.comments.replyLabel", { name: thread.author?.name ?? "" })}
                    onDone={() => setReplyTo(null)}
                  />
                </div>
              )}
            </Paper>
          ))}
          {canComment && (
            <CommentComposer
              target={target}
              people={people}
              label={t("proposals.comments.newLabel")}
            />
          )}
        </Stack>
      )}
    </Paper>
  );
}
