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
import { Link, Outlet, useLocation, useMatch } from "react-router-dom";
import { useSession } from "../features/auth/session";
import { LanguageSwitcher } from "./LanguageSwitcher";
import { Logo } from "./Logo";
import { quarterOf } from "./quarters";

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
  // Inside a plan, its own pages (overview, scoreboard, PDCA cycle) get entries under Plans.
  const planMatch = useMatch("/plans/:id/*");
  const planId = planMatch?.params.id;
  const quarter = quarterOf();
  const path = location.pathname;
  const planLinks = planId
    ? [
        {
          to: `/plans/${planId}`,
          label: t("nav.planOverview"),
          active: path === `/plans/${planId}`,
        },
        {
          to: `/plans/${planId}/scoreboard/${quarter}`,
          label: t("nav.scoreboard"),
          active: path.startsWith(`/plans/${planId}/scoreboard`),
        },
        {
          to: `/plans/${planId}/cycles/${quarter}`,
          label: t("nav.cycle"),
          active: path.startsWith(`/plans/${planId}/cycles`),
        },
      ]
    : [];

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 220, breakpoint: "md", collapsed: { mobile: !opened } }}
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
          active={location.pathname === "/plans"}
          onClick={close}
        />
        {/* Siblings, not children: a NavLink with children toggles instead of navigating. */}
        {planLinks.map((link) => (
          <NavLink
            key={link.to}
            component={Link}
            to={link.to}
            label={link.label}
            active={link.active}
            onClick={close}
            pl={28}
          />
        ))}
        <NavLink
          component={Link}
          to="/scoreboards"
          label={t("nav.scoreboards")}
          active={location.pathname === "/scoreboards"}
          onClick={close}
        />
        <NavLink
          component={Link}
          to="/import"
          label={t("transfer.nav")}
          active={location.pathname === "/import"}
          onClick={close}
        />
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
