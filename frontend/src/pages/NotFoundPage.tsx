import { Link } from "react-router";

import { EmptyState, PageHeader } from "../components/ui";

export function NotFoundPage() {
  return (
    <>
      <PageHeader title="Page not found" />
      <EmptyState
        title="There is no page at this address."
        action={<Link to="/">Go to the playground</Link>}
      />
    </>
  );
}
