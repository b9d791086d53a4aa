import { lazy, Suspense } from "react";
import { Center, Loader } from "@mantine/core";
import { Navigate, Route, Routes } from "react-router-dom";
import { useSession } from "./features/auth/session";
import { LoginPage } from "./features/auth/LoginPage";
import { AppLayout } from "./ui/AppLayout";
import { PlansPage } from "./features/plans/PlansPage";

// The plan page pulls in Yjs and the websocket provider: load it only when opened.
const PlanPage = lazy(() => import("./features/plans/PlanPage"));
// The point page draws charts (recharts, itself loaded on demand); the tracking pages are
// only needed by those who steer: none of them belongs in the first bundle.
const MeasurementPointPage = lazy(() => import("./features/plans/MeasurementPointPage"));
const ScoreboardPage = lazy(() => import("./features/cycles/ScoreboardPage"));
const CyclePage = lazy(() => import("./features/cycles/CyclePage"));
const ScoreboardsPage = lazy(() => import("./features/cycles/ScoreboardsPage"));
const ImportPlanPage = lazy(() => import("./features/transfer/ImportPlanPage"));

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
  if (!user) return <LoginPage />;
  return (
    <Suspense fallback={<Spinner />}>
      <Routes>
        <Route element={<AppLayout />}>
          <Route path="/" element={<PlansPage />} />
          <Route path="/plans" element={<PlansPage />} />
          <Route path="/plans/:id" element={<PlanPage />} />
          <Route path="/plans/:id/scoreboard/:period" element={<ScoreboardPage />} />
          <Route path="/plans/:id/cycles/:period" element={<CyclePage />} />
          <Route path="/points/:id" element={<MeasurementPointPage />} />
          <Route path="/scoreboards" element={<ScoreboardsPage />} />
          <Route path="/import" element={<ImportPlanPage />} />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
