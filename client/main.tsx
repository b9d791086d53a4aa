import "@mantine/core/styles.css";
import "./ui/global.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { MantineProvider } from "@mantine/core";
import { ApolloProvider } from "@apollo/client/react";
import { BrowserRouter } from "react-router-dom";
import { I18nextProvider } from "react-i18next";
import { createApolloClient } from "./apollo";
import { i18n, initI18n, initialLocale } from "./i18n";
import { theme } from "./ui/theme";
import { SessionProvider } from "./features/auth/session";
import { AppRoutes } from "./routes";

await initI18n(initialLocale());
const client = createApolloClient();

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme} defaultColorScheme="auto">
        <ApolloProvider client={client}>
          <BrowserRouter>
            <SessionProvider>
              <AppRoutes />
            </SessionProvider>
          </BrowserRouter>
        </ApolloProvider>
      </MantineProvider>
    </I18nextProvider>
  </StrictMode>,
);
