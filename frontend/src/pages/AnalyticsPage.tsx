import { PageHeader } from "../components/ui";

export function AnalyticsPage() {
  return <PageHeader title="Analytics" description="Compare policies and trained runs." />;
}
