export const e2eEnv: {
  API_TOKEN: string;
  INTERNAL_TOKEN: string;
  ALLOW_PRIVATE_TARGETS: string;
  DISPATCH_RETRY_SCHEDULE: string;
  ADMIN_EMAIL: string;
  ADMIN_PASSWORD: string;
};
export function otherWorkspaceFileFor(port: number | string): string;
export const otherWorkspaceOwner: { email: string; password: string };
export const editorAccount: { email: string; password: string };
