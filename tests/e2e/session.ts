import path from "node:path";

const testData = path.join(import.meta.dirname, "../../.test-data");

/** Where a lane's sign-in project keeps its owner's cookies for the lane's specs (a git-ignored folder). */
export function ownerStateFor(baseURL: string): string {
  return path.join(testData, `e2e-owner-state-${new URL(baseURL).port}.json`);
}
