import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { apiToken, setApiToken } from "../lib/api";
import { Button, Input } from "./ui";

/** Asks for the server's API token (needed when it was started with one) and retries. */
export function ApiTokenForm() {
  const queryClient = useQueryClient();
  const [token, setToken] = useState(apiToken() ?? "");
  return (
    <form
      className="form-row token-form"
      aria-label="Server API token"
      onSubmit={(event) => {
        event.preventDefault();
        setApiToken(token.trim() || null);
        void queryClient.invalidateQueries();
      }}
    >
      <Input
        label="API token"
        type="password"
        autoComplete="off"
        value={token}
        onChange={(event) => setToken(event.target.value)}
        hint="The server's SUPPORTGYM_API_TOKEN; kept in this browser."
      />
      <Button type="submit" variant="primary" className="token-submit">
        Save token
      </Button>
    </form>
  );
}
