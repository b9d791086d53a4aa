import {
  AppShell,
  Avatar,
  Burger,
  Group,
  Menu,
  NavLink,
  UnstyledButton,
  Text,
  VisuallyHidden,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation } from "react-router-dom";
import { useSession } from "../features/auth/session";
import { LanguageSwitcher } from "./LanguageSwitcher";
import { Logo } from "./Logo";

function initials(name: string): string {
  return name
    .split(/\s+/)
    .map((p) => p[0])
    .join("")
    .slice(0, 2)
    .toUpperCase();
}

export function AppLayout() {
  const { t } = useTranslation();
  const { user, signOut } = useSession();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure();

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 220, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <a href="#main" className="skip-link">
        {t("app.skipToContent")}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t("nav.main")}
            />
            <Link to="/" className="plain-link" aria-label={t("nav.home")}>
              <Logo />
            </Link>
          </Group>
          <Group gap="md" wrap="nowrap">
            <LanguageSwitcher compact />
            {user && (
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <UnstyledButton
                    aria-label={t("auth.userMenu", { name: user.name })}
                    className="user-button"
                  >
                    <Group gap={8} wrap="nowrap">
                      <Avatar color="koers" radius="xl" size="sm">
                        {initials(user.name)}
                      </Avatar>
                      <Text size="sm" visibleFrom="sm">
                        {user.name}
                      </Text>
                    </Group>
                  </UnstyledButton>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Label>{user.email}</Menu.Label>
                  <Menu.Item onClick={() => void signOut()}>{t("auth.signOut")}</Menu.Item>
                </Menu.Dropdown>
              </Menu>
            )}
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t("nav.main")} component="nav">
        <VisuallyHidden>
          <h2>{t("nav.main")}</h2>
        </VisuallyHidden>
        <NavLink
          component={Link}
          to="/"
          label={t("nav.home")}
          active={location.pathname === "/"}
          onClick={close}
        />
        <NavLink
          component={Link}
          to="/plans"
          label={t("nav.plans")}
          active={location.pathname.startsWith("/plans")}
          onClick={close}
        />
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
