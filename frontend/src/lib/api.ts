import { client } from "../client/client.gen";
import { toApiError } from "./errors";

const TOKEN_KEY = "supportgym.apiToken";

/** The API token this browser sends, when the server requires one. */
export function apiToken(): string | null {
  try {
    return window.localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function setApiToken(token: string | null): void {
  if (token) window.localStorage.setItem(TOKEN_KEY, token);
  else window.localStorage.removeItem(TOKEN_KEY);
}

/**
 * Points the generated client at this page's origin, sends the API token when one is
 * set, and turns every failed response into an {@link ApiError}.
 */
export function configureApi(): void {
  client.setConfig({
    baseUrl: window.location.origin,
    auth: () => apiToken() ?? undefined,
  });
  client.interceptors.error.use((error, response) => toApiError(error, response));
}
