import type { MetadataRoute } from "next";

// The web app manifest (/manifest.webmanifest): the name and icons a browser uses to install the app.
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Hooksmith",
    short_name: "Hooksmith",
    description: "Outgoing webhooks: manage, sign, deliver and log them.",
    start_url: "/",
    display: "standalone",
    background_color: "#f8fafc",
    theme_color: "#4338ca",
    icons: [
      { src: "/favicon.svg", type: "image/svg+xml", sizes: "any" },
      { src: "/icon-192.png", type: "image/png", sizes: "192x192" },
      { src: "/icon-512.png", type: "image/png", sizes: "512x512" },
    ],
  };
}
