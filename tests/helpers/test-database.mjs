// A throw-away PostgreSQL database per test run, so suites never see each other's rows.
import { randomBytes } from "node:crypto";
import postgres from "postgres";

/** @param {string} baseUrl a URL of the server (any database on it) */
export async function createTestDatabase(baseUrl) {
  const name = `hooksmith_test_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const dropper = postgres(baseUrl, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
