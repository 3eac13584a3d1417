// The whole schema, by capability. drizzle-kit generates the migrations from here (drizzle.config.ts).
export * from "./accounts";
export * from "./audit";
export * from "./dispatch";
export * from "./inboxes";
export * from "./keys";
export * from "./limits";
export * from "./webhooks";
export * from "./workspaces";
