export const staticSecurityHeaders: { key: string; value: string }[];
export const apiContentSecurityPolicy: string;
export function pageContentSecurityPolicy(nonce: string, options?: { development?: boolean }): string;
export const strictTransportSecurity: { key: string; value: string };
