import { Suspense, useEffect } from "react";
import {
  ActionIcon,
  AppShell,
  Avatar,
  Box,
  Burger,
  Center,
  Group,
  Loader,
  Menu,
  NavLink,
  UnstyledButton,
  Text,
  Tooltip,
  VisuallyHidden,
  useComputedColorScheme,
  useMantineColorScheme,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation, useMatch } from "react-router-dom";
import { useSession } from "../features/auth/session";
import { LanguageSwitcher } from "./LanguageSwitcher";
import { GlobalSearch } from "../features/search/GlobalSearch";
import { NotificationBell, NotificationNavLink } from "../features/notifications/NotificationBell";
import { IconMoon, IconSun } from "./icons";
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

/**
 * After a navigation to "#id" (from the home page, the search), brings that element into view
 * and moves focus to it once the lazily loaded page has rendered it, so keyboard and screen
 * reader users land where the link promised.
 */
function useFocusHashTarget(hash: string) {
  useEffect(() => {
    if (!hash) return;
    const id = decodeURIComponent(hash.slice(1));
    let tries = 0;
    const timer = window.setInterval(() => {
      const target = document.getElementById(id);
      if (!target && ++tries < 50) return;
      window.clearInterval(timer);
      if (!target) return;
      if (!target.matches("a, button, input, select, textarea, [tabindex]"))
        target.setAttribute("tabindex", "-1");
      target.scrollIntoView({ block: "center" });
      target.focus({ preventScroll: true });
    }, 100);
    return () => window.clearInterval(timer);
  }, [hash]);
}

function ColorSchemeToggle() {
  const { t } = useTranslation();
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme("light");
  const label = scheme === "dark" ? t("shell.lightMode") : t("shell.darkMode");
  return (
    <Tooltip label={label}>
      <ActionIcon
        variant="default"
        size="lg"
        aria-label={label}
        onClick={() => setColorScheme(scheme === "dark" ? "light" : "dark")}
      >
        {scheme === "dark" ? <IconSun size={18} /> : <IconMoon size={18} />}
      </ActionIcon>
    </Tooltip>
  );
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
  useFocusHashTarget(location.hash);
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
              hiddenFrom="md"
              size="sm"
              aria-label={t("nav.main")}
            />
            <Link to="/" className="plain-link" aria-label={t("nav.home")}>
              <Logo />
            </Link>
          </Group>
          <div role="search" className="header-search">
            <GlobalSearch />
          </div>
          <Group gap="sm" wrap="nowrap">
            {user && <NotificationBell />}
            {/* On a phone the header has no room for it: the menu carries it (below). */}
            <Box visibleFrom="sm">
              <LanguageSwitcher compact />
            </Box>
            <ColorSchemeToggle />
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
          to="/seminars"
          label={t("seminars.page.nav")}
          active={location.pathname.startsWith("/seminars")}
          onClick={close}
        />
        <NotificationNavLink active={location.pathname === "/notifications"} onClick={close} />
        <NavLink
          component={Link}
          to="/proposals"
          label={t("proposals.nav")}
          active={location.pathname.startsWith("/proposals")}
          onClick={close}
        />
        <NavLink
          component={Link}
          to="/portfolio"
          label={t("portfolio.nav")}
          active={location.pathname.startsWith("/portfolio")}
          onClick={close}
        />
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
        <Box hiddenFrom="sm" mt="md" px="sm">
          <LanguageSwitcher />
        </Box>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        {/* Here, not around the shell: the header and navigation stay while a page loads. */}
        <Suspense
          fallback={
            <Center mih="40vh">
              <Loader aria-label={t("app.loading")} />
            </Center>
          }
        >
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
