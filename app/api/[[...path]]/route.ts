import { notFound } from "@/lib/api/route";

export const dynamic = "force-dynamic";

// Every address under /api that no route serves answers with the error envelope, never with the HTML 404
// page. More specific routes (v1, internal, Better Auth's auth/…) take precedence over this catch-all.
export {
  notFound as DELETE,
  notFound as GET,
  notFound as OPTIONS,
  notFound as PATCH,
  notFound as POST,
  notFound as PUT,
};
