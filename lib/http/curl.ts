// "Copy as cURL": a request as a command for a POSIX shell (sh, dash, bash, zsh) that sends the same
// method, URL, headers and body bytes. Pure, for the browser and the server alike.
//
// Everything the shell would read is single-quoted, where only `'` itself needs care ('\''), so quotes,
// `$`, backticks, newlines and unicode arrive as they are. A body goes as `--data-binary '…'` while it
// is plain text; a body with control characters, bytes that are not UTF-8, a leading `@` (curl would read
// a file) or more than CHUNK bytes (Linux caps one argument at 128 KiB) is piped in from `printf` with
// octal escapes instead, in several printfs when it is long, so pasting it carries no raw control bytes.

export type CurlRequest = {
  method: string;
  url: string;
  headers: readonly (readonly [string, string])[];
  /** The body as sent: text (UTF-8) or bytes; null or empty for none. */
  body: string | Uint8Array | null;
};

// Headers curl writes itself from the URL and the body; giving them again could only disagree.
const COMPUTED = new Set(["host", "content-length", "transfer-encoding", "connection", "keep-alive"]);
// Source characters of one printf format argument.
const CHUNK = 32 * 1024;

/** Quotes a value for a POSIX shell: one word, taken literally. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

export function toCurl({ method, url, headers, body }: CurlRequest): string {
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : (body ?? new Uint8Array());
  const verb = method.toUpperCase();
  // The first line: method and URL; then one option a line.
  const first: string[] = [];
  if (verb === "HEAD") first.push("--head");
  else if (verb !== "GET" || bytes.length > 0)
    first.push(`-X ${/^[A-Z]+$/.test(verb) ? verb : argument(verb)}`);
  // curl expands [] and {} in URLs as ranges unless told not to.
  if (/[[\]{}]/.test(url)) first.push("--globoff");
  first.push(argument(url));
  const args = [first.join(" ")];

  const sent = new Set(headers.map(([name]) => name.toLowerCase()));
  for (const [name, value] of headers) {
    if (COMPUTED.has(name.toLowerCase())) continue;
    // "Name;" is curl's way to send a header with an empty value ("Name:" would remove it).
    args.push(`-H ${argument(value === "" ? `${name};` : `${name}: ${value}`)}`);
  }
  // Headers curl would add on its own, left out so the request is the one that was sent.
  if (!sent.has("accept")) args.push("-H 'Accept:'");
  if (!sent.has("user-agent")) args.push("-H 'User-Agent:'");

  if (bytes.length === 0) return `curl ${args.join(" \\\n  ")}`;
  if (!sent.has("content-type")) args.push("-H 'Content-Type:'");
  if (bytes.length > 1024) args.push("-H 'Expect:'");
  const text = plainText(bytes);
  if (text !== null) {
    args.push(`--data-binary ${shellQuote(text)}`);
    return `curl ${args.join(" \\\n  ")}`;
  }
  args.push("--data-binary @-");
  const formats = printfFormats(bytes);
  const printf =
    formats.length === 1
      ? `printf ${formats[0]}`
      : `{\n${formats.map((format) => `  printf ${format}`).join("\n")}\n}`;
  return `${printf} | curl ${args.join(" \\\n  ")}`;
}

// A method or URL with a control character cannot be typed as it is: printf spells it out.
function argument(value: string): string {
  if (!hasControl(value)) return shellQuote(value);
  return `"$(printf ${printfFormats(new TextEncoder().encode(value))[0]})"`;
}

// The body as text when it can go as one literal argument: UTF-8, no control characters but tab and
// newline, no leading "@", not too long.
function plainText(bytes: Uint8Array): string | null {
  if (bytes.length > CHUNK || bytes[0] === 0x40) return null;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  return hasControl(text) ? null : text;
}

// C0 controls but tab and newline, DEL, C1 controls; and the line and paragraph separators, which some
// terminals treat as line ends when pasting.
function hasControl(text: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  return /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/.test(text);
}

// printf format strings (quoted) that together print exactly `bytes`: printable ASCII as it is ("%" and
// "\" doubled), UTF-8 characters as they are when the bytes are valid UTF-8, everything else as \ooo.
function printfFormats(bytes: Uint8Array): string[] {
  const tokens: string[] = [];
  let text: string | null;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    text = null;
  }
  if (text !== null) {
    for (const char of text) {
      if (char.length === 1 && char.charCodeAt(0) < 0x80) tokens.push(asciiToken(char.charCodeAt(0)));
      else if (hasControl(char)) for (const byte of new TextEncoder().encode(char)) tokens.push(octal(byte));
      else tokens.push(char);
    }
  } else {
    for (const byte of bytes) tokens.push(byte < 0x80 ? asciiToken(byte) : octal(byte));
  }
  // A format that starts with "-" could be read as an option.
  if (tokens[0] === "-") tokens[0] = octal(0x2d);
  const formats: string[] = [];
  let current = "";
  for (const token of tokens) {
    if (current.length + token.length > CHUNK) {
      formats.push(current);
      current = token === "-" ? octal(0x2d) : token;
    } else current += token;
  }
  formats.push(current);
  return formats.map(shellQuote);
}

function asciiToken(code: number): string {
  if (code === 0x25) return "%%";
  if (code === 0x5c) return "\\\\";
  if (code < 0x20 || code === 0x7f) return octal(code);
  return String.fromCharCode(code);
}

const octal = (byte: number) => `\\${byte.toString(8).padStart(3, "0")}`;
