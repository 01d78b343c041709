import { defineConfig } from "@hey-api/openapi-ts";

export default defineConfig({
  input: "../docs/openapi.json",
  output: { path: process.env.CLIENT_OUTPUT ?? "src/client" },
  plugins: [
    { name: "@hey-api/client-fetch", baseUrl: "/" },
    "@hey-api/typescript",
    "@hey-api/schemas",
    "@hey-api/sdk",
    { name: "@tanstack/react-query", queryOptions: true, mutationOptions: true },
  ],
});
