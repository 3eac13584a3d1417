// The owner that scripts' apps create at start-up (ADMIN_EMAIL/ADMIN_PASSWORD), and a way to sign in as it.
export const owner = { email: "owner@scripts.example", password: "scripts-owner-password-1" };
export const ownerEnv = { ADMIN_EMAIL: owner.email, ADMIN_PASSWORD: owner.password };

/** Signs in through Better Auth's route and returns the Cookie header for later requests. */
export async function signInCookie(baseUrl) {
  const response = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify(owner),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return response.headers
    .getSetCookie()
    .map((header) => header.split(";")[0])
    .join("; ");
}
