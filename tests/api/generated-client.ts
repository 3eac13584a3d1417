import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";

// What an integrator does: generate types from the live document with openapi-typescript on its default
// options, write a client with openapi-fetch, and compile it with tsc in strict mode. The folder sits in
// .test-data, inside the repository, so the compiled client finds openapi-fetch in node_modules.
const root = path.resolve(import.meta.dirname, "../..");

// The integrator's code: a create/read/patch/delete cycle, typed by the generated `paths`.
const cycleSource = `
import createClient from "openapi-fetch";
import type { components, paths } from "./hooksmith-api";

type WebhookCreate = components["schemas"]["WebhookCreate"];

export async function cycle(baseUrl: string, key: string) {
  const client = createClient<paths>({ baseUrl: baseUrl + "/api/v1", headers: { Authorization: "Bearer " + key } });
  const bare = createClient<paths>({ baseUrl: baseUrl + "/api/v1", headers: { Authorization: key } });

  // Only the required fields: everything with a default may be left out.
  const input: WebhookCreate = {
    name: "Generated client",
    payload_url: "https://crm.example.com/hooks/generated",
    trigger_element: "rsvp_answer",
    trigger: "create",
  };
  const created = await client.POST("/webhook", { body: input });
  if (!created.data) throw new Error("create: " + created.response.status);
  const id: string = created.data.id;
  const method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE" = created.data.method;

  const read = await bare.GET("/webhook/{id}", { params: { path: { id } } });
  if (!read.data) throw new Error("read: " + read.response.status);
  const patched = await client.PATCH("/webhook/{id}", {
    params: { path: { id } },
    body: { name: "Renamed by the generated client", header: null },
  });
  // A fetched webhook can be sent back as it is: its read-only fields are ignored.
  const copy = await client.POST("/webhook", { body: read.data });
  const deleted = await client.DELETE("/webhook/{id}", { params: { path: { id } } });
  const gone = await client.GET("/webhook/{id}", { params: { path: { id } } });
  const ids = await bare.GET("/webhook/all");
  return {
    created: { status: created.response.status, method, secret: created.data.secret },
    read: { status: read.response.status, name: read.data.name },
    patched: { status: patched.response.status, name: patched.data?.name, header: patched.data?.header },
    copy: { status: copy.response.status, id: copy.data?.id, name: copy.data?.name },
    deleted: deleted.response.status,
    gone: { status: gone.response.status, code: gone.error?.error.code },
    ids: ids.data?.ids ?? [],
    id,
  };
}
`;

export type CycleResult = {
  created: { status: number; method: string; secret: string };
  read: { status: number; name: string };
  patched: { status: number; name?: string; header?: unknown };
  copy: { status: number; id?: string; name?: string };
  deleted: number;
  gone: { status: number; code?: string };
  ids: string[];
  id: string;
};

/** Generates and compiles the client; returns tsc's diagnostics and, when there are none, the cycle. */
export async function generateClient(documentUrl: string): Promise<{
  diagnostics: string[];
  cycle: (baseUrl: string, key: string) => Promise<CycleResult>;
}> {
  await mkdir(path.join(root, ".test-data"), { recursive: true });
  const folder = await mkdtemp(path.join(root, ".test-data", "generated-client-"));
  await writeFile(path.join(folder, "hooksmith-api.ts"), astToString(await openapiTS(new URL(documentUrl))));
  const entry = path.join(folder, "cycle.ts");
  await writeFile(entry, cycleSource);

  try {
    const program = ts.createProgram([entry], {
      strict: true,
      noUncheckedIndexedAccess: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
      types: [],
      skipLibCheck: true,
      outDir: folder,
    });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
    if (diagnostics.length > 0)
      return { diagnostics, cycle: () => Promise.reject(new Error("not compiled")) };
    program.emit();
    const compiled = (await import(pathToFileURL(path.join(folder, "cycle.js")).href)) as {
      cycle: (baseUrl: string, key: string) => Promise<CycleResult>;
    };
    return { diagnostics, cycle: compiled.cycle };
  } finally {
    // Once loaded, the module needs no files.
    await rm(folder, { recursive: true, force: true });
  }
}
