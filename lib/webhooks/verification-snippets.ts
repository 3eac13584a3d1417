// How a receiver verifies our signature, as code to copy from the signing-secret card: one verify function
// per language with that language's Standard Webhooks library, and the raw recipe for the rest. Plain
// strings (no browser or server code) so the card loads them on demand and a unit test runs the Node one.
//
// Each snippet gets the cases receivers get wrong right: the raw body text is verified *before* it is
// parsed (a form body, parsed and re-encoded, no longer matches), and for GET the signed content is the
// exact query string sent, without the "?" (lib/dispatch/sign.ts, signedContent).

export const SNIPPET_LANGUAGES = ["node", "python", "php", "go", "raw"] as const;
export type SnippetLanguage = (typeof SNIPPET_LANGUAGES)[number];

const node = `// npm install standardwebhooks
import { createServer } from "node:http";
import { Webhook } from "standardwebhooks";

const webhook = new Webhook(process.env.HOOKSMITH_SECRET); // "whsec_…"

// Throws when the signature or the timestamp (±5 minutes) does not match.
export function verify(method, url, rawBody, headers) {
  // GET has no body: the exact query string sent is what was signed.
  const content = method === "GET" ? new URL(url, "http://receiver").search.slice(1) : rawBody;
  // jsonParse: false, so a form body or a query string verifies too.
  webhook.verify(content, headers, { jsonParse: false });
}

createServer((request, response) => {
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", () => {
    // The raw text as received: verify it first, parse it after.
    const rawBody = Buffer.concat(chunks).toString("utf8");
    try {
      verify(request.method, request.url, rawBody, request.headers);
    } catch {
      response.writeHead(400).end();
      return;
    }
    // Now parse: JSON.parse(rawBody), or new URLSearchParams(rawBody) for a form.
    response.writeHead(204).end();
  });
}).listen(Number(process.env.PORT ?? 3000));
`;

const python = `# pip install standardwebhooks
import os
from urllib.parse import urlsplit

from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

webhook = Webhook(os.environ["HOOKSMITH_SECRET"])  # "whsec_…"


def verify(method: str, url: str, raw_body: bytes, headers: dict) -> None:
    """Raises WebhookVerificationError when the signature or the timestamp does not match."""
    # GET has no body: the exact query string sent is what was signed.
    content = urlsplit(url).query if method == "GET" else raw_body.decode("utf-8")
    headers = {name.lower(): value for name, value in headers.items()}
    try:
        webhook.verify(content, headers)
    except WebhookVerificationError:
        raise
    except ValueError:
        # Verified: the library then reads the content as JSON, which a form body or a query string is not.
        pass


# Flask: verify(request.method, request.url, request.get_data(), request.headers)
# Django: verify(request.method, request.build_absolute_uri(), request.body, request.headers)
`;

const php = `<?php
// composer require standard-webhooks/standard-webhooks
require __DIR__ . '/vendor/autoload.php';

$webhook = new \\StandardWebhooks\\Webhook(getenv('HOOKSMITH_SECRET')); // "whsec_…"

// The raw text as received: verify it first, parse it after (not $_POST, which is already parsed).
$rawBody = file_get_contents('php://input');
// GET has no body: the exact query string sent is what was signed.
$content = $_SERVER['REQUEST_METHOD'] === 'GET' ? ($_SERVER['QUERY_STRING'] ?? '') : $rawBody;
$headers = array_change_key_case(getallheaders(), CASE_LOWER);

try {
    $webhook->verify($content, $headers);
} catch (\\Exception $e) {
    http_response_code(400);
    exit;
}
// Now parse: json_decode($rawBody, true), or parse_str($rawBody, $fields) for a form.
http_response_code(204);
`;

const go = `// go get github.com/standard-webhooks/standard-webhooks/libraries/go
package main

import (
	"io"
	"net/http"
	"os"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"
)

func main() {
	webhook, err := standardwebhooks.NewWebhook(os.Getenv("HOOKSMITH_SECRET")) // "whsec_…"
	if err != nil {
		panic(err)
	}
	http.HandleFunc("/webhooks", func(w http.ResponseWriter, r *http.Request) {
		// The raw bytes as received: verify them first, parse after (not r.ParseForm first).
		content, err := io.ReadAll(r.Body)
		if err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		// GET has no body: the exact query string sent is what was signed.
		if r.Method == http.MethodGet {
			content = []byte(r.URL.RawQuery)
		}
		if err := webhook.Verify(content, r.Header); err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	http.ListenAndServe(":3000", nil)
}
`;

const raw = `secret    = base64_decode(secret_without_the_whsec_prefix)
content   = raw_body_text            # for GET: the query string, without "?"
signed    = webhook_id + "." + webhook_timestamp + "." + content
expected  = base64(hmac_sha256(secret, signed))

accept when:
  abs(now_in_seconds - webhook_timestamp) <= 300
  and one entry "v1,<signature>" of webhook-signature (space-separated)
      equals expected, compared in constant time
`;

const snippets: Record<SnippetLanguage, string> = { node, python, php, go, raw };

/** The snippet of one language. */
export function verificationSnippet(language: SnippetLanguage): string {
  return snippets[language];
}
