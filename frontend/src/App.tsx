import { Route, Routes } from "react-router";

import { Layout } from "./components/Layout";
import { AnalyticsPage } from "./pages/AnalyticsPage";
import { DataPage } from "./pages/DataPage";
import { DeploymentsPage } from "./pages/DeploymentsPage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { PlaygroundPage } from "./pages/PlaygroundPage";
import { RunPage } from "./pages/RunPage";
import { ScenarioPage } from "./pages/ScenarioPage";
import { ScenariosPage } from "./pages/ScenariosPage";
import { TrainingPage } from "./pages/TrainingPage";

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<PlaygroundPage />} />
        <Route path="training" element={<TrainingPage />} />
        <Route path="runs/:runId" element={<RunPage />} />
        <Route path="analytics" element={<AnalyticsPage />} />
        <Route path="scenarios" element={<ScenariosPage />} />
        <Route path="scenarios/:name" element={<ScenarioPage />} />
        <Route path="data/:datasetId?" element={<DataPage />} />
        <Route path="deployments/:name?" element={<DeploymentsPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
