// The app's version, as package.json states it (tests/unit/build-request.test.ts checks they agree).
// A constant here, not an import of package.json: a client component (the request preview) shows the
// User-Agent, and importing the JSON would ship all of package.json, scripts and dependencies, to the browser.
// The worker runs outside Next (tsx), so a Next-only define or `env` entry would not reach it.
export const VERSION = "0.1.0";
