import { graphql } from "../../gql";

export const UnreadCountQuery = graphql(`
  query UnreadNotificationCount {
    unreadNotificationCount
  }
`);

export const NotificationsQuery = graphql(`
  query NotificationCentre {
    notifications(first: 100) {
      id
      kind
      text
      link
      read
      createdAt
    }
    unreadNotificationCount
  }
`);

export const MarkReadMutation = graphql(`
  mutation MarkNotificationsRead($ids: [ID!]) {
    markNotificationsRead(ids: $ids)
  }
`);
