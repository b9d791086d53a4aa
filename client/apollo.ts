import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from "@apollo/client";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { getMainDefinition } from "@apollo/client/utilities";
import { createClient } from "graphql-ws";
import { i18n } from "./i18n";

/** Apollo Client over HTTP for queries and mutations, graphql-ws for subscriptions. */
export function createApolloClient(): ApolloClient {
  const http = new HttpLink({
    uri: "/graphql",
    credentials: "same-origin",
    // The server answers errors in the language the user has chosen.
    fetch: (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set("x-koers-locale", i18n.language);
      return fetch(input, { ...init, headers });
    },
  });
  const wsUrl = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/graphql`;
  const ws = new GraphQLWsLink(createClient({ url: wsUrl, lazy: true, retryAttempts: Infinity }));
  const link = ApolloLink.split(
    ({ query }) => {
      const definition = getMainDefinition(query);
      return definition.kind === "OperationDefinition" && definition.operation === "subscription";
    },
    ws,
    http,
  );
  return new ApolloClient({ link, cache: new InMemoryCache() });
}
