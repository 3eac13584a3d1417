import { ApiError } from "@/lib/api/errors";
import { publicApiRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";

// Unknown API addresses answer with the error envelope, not with the HTML 404 page.
const notFound = publicApiRoute<{ path?: string[] }>(async () => {
  throw new ApiError("not_found", "notFound");
});

export { notFound as DELETE, notFound as GET, notFound as PATCH, notFound as POST, notFound as PUT };
