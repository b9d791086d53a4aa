import { lazy, Suspense } from "react";
import { Center, Loader } from "@mantine/core";
import { Navigate, Route, Routes } from "react-router-dom";
import { useSession } from "./features/auth/session";
import { LoginPage } from "./features/auth/LoginPage";

// Everything behind the login (the shell with its search, the pages) is loaded once the user
// is known, so the login page stays small.
const loadAppLayout = () => import("./ui/AppLayout");
const loadHomePage = () => import("./features/home/HomePage");
const SIGNED_IN_HINT = "koers.signedIn";
// Someone who was signed in last time most likely still is: fetch the shell and the home page
// while /auth/me is on its way instead of after it.
if (localStorage.getItem(SIGNED_IN_HINT)) {
  void loadAppLayout();
  if (location.pathname === "/") void loadHomePage();
}
const AppLayout = lazy(() => loadAppLayout().then((m) => ({ default: m.AppLayout })));

// Home and the plans list are small, but they stay out of the bundle the login page needs.
const HomePage = lazy(loadHomePage);
const PlansPage = lazy(() =>
  import("./features/plans/PlansPage").then((m) => ({ default: m.PlansPage })),
);

// The plan page pulls in Yjs and the websocket provider: load it only when opened.
const PlanPage = lazy(() => import("./features/plans/PlanPage"));
// The point page draws charts (recharts, itself loaded on demand); the tracking pages are
// only needed by those who steer: none of them belongs in the first bundle.
const MeasurementPointPage = lazy(() => import("./features/plans/MeasurementPointPage"));
const ScoreboardPage = lazy(() => import("./features/cycles/ScoreboardPage"));
const CyclePage = lazy(() => import("./features/cycles/CyclePage"));
const ScoreboardsPage = lazy(() => import("./features/cycles/ScoreboardsPage"));
const ImportPlanPage = lazy(() => import("./features/transfer/ImportPlanPage"));
// Seminars pull in Yjs for their boards: loaded when opened.
const SeminarsPage = lazy(() =>
  import("./features/seminars/SeminarsPage").then((m) => ({ default: m.SeminarsPage })),
);
const SeminarRoomPage = lazy(() => import("./features/seminars/SeminarRoomPage"));
// The action plan editor (TipTap, ProseMirror, y-indexeddb) is the heaviest page: on demand only.
const ActionPlanPage = lazy(() => import("./features/actionplan/ActionPlanPage"));
// The OPTIris portfolio draws charts and a timeline: loaded when opened.
const PortfolioPage = lazy(() => import("./features/portfolio/PortfolioPage"));
const ProjectPage = lazy(() => import("./features/portfolio/ProjectPage"));

// Optimisation proposals (board, page with debate and co-written plan) and notifications.
const ProposalsBoardPage = lazy(() => import("./features/proposals/ProposalsBoardPage"));
const ProposalPage = lazy(() => import("./features/proposals/ProposalPage"));
const NotificationsPage = lazy(() => import("./features/notifications/NotificationsPage"));

function Spinner() {
  return (
    <Center mih="50vh">
      <Loader aria-label="…" />
    </Center>
  );
}

export function AppRoutes() {
  const { user, loading } = useSession();
  if (loading) return <Spinner />;
  if (!user) {
    localStorage.removeItem(SIGNED_IN_HINT);
    return <LoginPage />;
  }
  localStorage.setItem(SIGNED_IN_HINT, "1");
  // The shell and the home page in parallel, not one after the other as nested lazy routes would.
  void loadAppLayout();
  if (location.pathname === "/") void loadHomePage();
  return (
    <Suspense fallback={<Spinner />}>
      <Routes>
        <Route element={<AppLayout />}>
          <Route path="/" element={<HomePage />} />
          <Route path="/plans" element={<PlansPage />} />
          <Route path="/plans/:id" element={<PlanPage />} />
          <Route path="/plans/:id/action-plan" element={<ActionPlanPage />} />
          <Route path="/plans/:id/scoreboard/:period" element={<ScoreboardPage />} />
          <Route path="/plans/:id/cycles/:period" element={<CyclePage />} />
          <Route path="/points/:id" element={<MeasurementPointPage />} />
          <Route path="/scoreboards" element={<ScoreboardsPage />} />
          <Route path="/import" element={<ImportPlanPage />} />
          <Route path="/portfolio" element={<PortfolioPage />} />
          <Route path="/portfolio/projects/:id" element={<ProjectPage />} />
          <Route path="/seminars" element={<SeminarsPage />} />
          <Route path="/seminars/:id" element={<SeminarRoomPage />} />
          <Route path="/proposals" element={<ProposalsBoardPage />} />
          <Route path="/proposals/:id" element={<ProposalPage />} />
          <Route path="/notifications" element={<NotificationsPage />} />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
