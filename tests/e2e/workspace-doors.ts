import { type APIRequestContext, type BrowserContext, expect, type Page } from "@playwright/test";

// Shared by the roles and isolation specs: webhooks made and read through the REST API, a sign-in
// through the form, and server action requests caught from one session to be sent again from another.

export const credential = "Bearer other-team-credential-7731";

export async function createWebhookWith(request: APIRequestContext, token: string, name: string) {
  const response = await request.post("/api/v1/webhook", {
    headers: { authorization: `Bearer ${token}` },
    data: {
      name,
      payload_url: "https://crm.example.com/hooks",
      trigger_element: "rsvp_answer",
      trigger: "create",
      header: [{ key: "Authorization", value: credential }],
    },
  });
  expect(response.status()).toBe(201);
  return (await response.json()) as { id: string; name: string; active: boolean; secret: string };
}

export async function readWebhookWith(request: APIRequestContext, token: string, id: string) {
  const response = await request.get(`/api/v1/webhook/${id}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: response.status(), body: response.ok() ? await response.json() : null };
}

export async function deleteWebhookWith(request: APIRequestContext, token: string, id: string) {
  await request.delete(`/api/v1/webhook/${id}`, { headers: { authorization: `Bearer ${token}` } });
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/en/sign-in");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // Signing in without a page to go back to lands on the overview.
  await expect(page).toHaveURL(/\/en\/overview$/);
}

export type CaughtAction = { url: string; headers: Record<string, string>; body: string };

/** Runs `act` on the page and returns the server action request it sent (the first one). */
export async function catchAction(page: Page, act: () => Promise<void>): Promise<CaughtAction> {
  const caught = page.waitForRequest(
    (request) => request.method() === "POST" && !!request.headers()["next-action"],
  );
  await act();
  const request = await caught;
  await request.response();
  return { url: request.url(), headers: request.headers(), body: request.postData() ?? "" };
}

/** Sends a caught server action request again with another session's cookies; returns the answer's text. */
export async function replayAction(context: BrowserContext, action: CaughtAction): Promise<string> {
  const { cookie: _theirs, ...headers } = action.headers;
  const response = await context.request.post(action.url, { headers, data: action.body });
  return response.text();
}
