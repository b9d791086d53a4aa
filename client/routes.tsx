import { lazy, Suspense } from "react";
import { Center, Loader } from "@mantine/core";
import { Navigate, Route, Routes } from "react-router-dom";
import { useSession } from "./features/auth/session";
import { LoginPage } from "./features/auth/LoginPage";
import { AppLayout } from "./ui/AppLayout";
import { PlansPage } from "./features/plans/PlansPage";

// The plan page pulls in Yjs and the websocket provider: load it only when opened.
const PlanPage = lazy(() => import("./features/plans/PlanPage"));

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
          <Route path="*" element={<Navigate to="/" replace />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
