import { z } from "zod";
import { defineElement } from "./types";

const sponsorSchema = z.looseObject({
  // The sponsor's id, or the product's on a product deletion.
  id: z.string().min(1),
  sponsor: z.looseObject({ id: z.string(), name: z.string(), tier: z.string().optional() }),
  // Product triggers only.
  product: z
    .looseObject({
      id: z.string(),
      name: z.string(),
      description: z.string().optional(),
      url: z.url().optional(),
    })
    .optional(),
  // Link clicks only.
  link: z.looseObject({ label: z.string().optional(), url: z.url() }).optional(),
  // Chats only.
  chat: z.looseObject({ conversation_id: z.string() }).optional(),
  // Asset downloads only.
  asset: z
    .looseObject({
      id: z.string(),
      name: z.string(),
      file_type: z.string().optional(),
      url: z.url().optional(),
    })
    .optional(),
  // The visitor on views, clicks, downloads, chats and interest.
  attendee: z
    .looseObject({ id: z.string(), name: z.string(), email: z.email(), company: z.string().optional() })
    .optional(),
});

type SponsorInput = z.input<typeof sponsorSchema>;

const voltara = { id: "spn_Voltara", name: "Voltara Energy", tier: "Gold" };

const product: SponsorInput = {
  id: "spn_Voltara",
  sponsor: voltara,
  product: {
    id: "prd_208",
    name: "Voltara DepotCharge 150",
    description: "Schnellladesystem für Busdepots mit Lastmanagement.",
    url: "https://voltara.example/depotcharge-150",
  },
};

const visit: SponsorInput = {
  id: "spn_Voltara",
  sponsor: voltara,
  attendee: {
    id: "att_0Pc3Xe9d",
    name: "Jonas Weber",
    email: "jonas.weber@example.net",
    company: "Kommunalflotte GmbH",
  },
};

// Canapii: a sponsor's booth, its products and what visitors do there; the element is the `data` object.
export const sponsor = defineElement({
  key: "sponsor",
  family: "canapii",
  triggers: [
    "create_product",
    "update_product",
    "delete_product",
    "view",
    "click_link",
    "download_asset",
    "chat",
    "mark_interested",
  ],
  idOnlyTriggers: ["delete_product"],
  schema: sponsorSchema,
  idSchema: z.string().min(1),
  sample: visit,
  samplesByTrigger: {
    create_product: product,
    update_product: product,
    // A deletion sends only `id`, and that is the product's.
    delete_product: { ...product, id: "prd_208" },
    click_link: { ...visit, link: { label: "Jetzt Demo buchen", url: "https://voltara.example/demo" } },
    download_asset: {
      ...visit,
      asset: {
        id: "ast_41",
        name: "Whitepaper Schnellladen 2026",
        file_type: "pdf",
        url: "https://files.example.com/voltara/whitepaper-2026.pdf",
      },
    },
    chat: { ...visit, chat: { conversation_id: "cnv_8815" } },
  },
  fieldsByTrigger: {
    product: ["create_product", "update_product"],
    link: ["click_link"],
    chat: ["chat"],
    asset: ["download_asset"],
    attendee: ["view", "click_link", "download_asset", "chat", "mark_interested"],
  },
  prokeyFilter: false,
  filters: [],
});
