export const owner: { email: string; password: string };
export const ownerEnv: { ADMIN_EMAIL: string; ADMIN_PASSWORD: string };
export function signInCookie(baseUrl: string): Promise<string>;
