import path from "node:path";

// Where the sign-in project keeps the owner's cookies for the other specs (a git-ignored folder).
export const ownerState = path.join(import.meta.dirname, "../../.test-data/e2e-owner-state.json");
