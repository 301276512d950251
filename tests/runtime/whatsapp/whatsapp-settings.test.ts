import { describe, expect, it } from "bun:test";
import {
  readWhatsAppSettings,
  WhatsAppSettingsError,
} from "../../../runtime/src/whatsapp/whatsapp-settings.ts";

const required = {
  WHATSAPP_VERIFY_TOKEN: "verify-me",
  WHATSAPP_APP_SECRET: "app-secret",
  WHATSAPP_ACCESS_TOKEN: "EAAx",
  WHATSAPP_PHONE_NUMBER_ID: "123456789012345",
};

describe("readWhatsAppSettings", () => {
  it("is off, naming what is missing, without the template's four variables", () => {
    expect(readWhatsAppSettings({})).toEqual({
      enabled: false,
      missing: [
        "WHATSAPP_VERIFY_TOKEN",
        "WHATSAPP_APP_SECRET",
        "WHATSAPP_ACCESS_TOKEN",
        "WHATSAPP_PHONE_NUMBER_ID",
      ],
    });
    expect(readWhatsAppSettings({ ...required, WHATSAPP_APP_SECRET: "  " })).toEqual({
      enabled: false,
      missing: ["WHATSAPP_APP_SECRET"],
    });
  });

  it("defaults to Meta's Graph host and a current version", () => {
    const whatsapp = readWhatsAppSettings(required);
    expect(whatsapp).toMatchObject({
      enabled: true,
      settings: {
        ...{ verifyToken: "verify-me", appSecret: "app-secret", accessToken: "EAAx" },
        phoneNumberId: "123456789012345",
        graphBaseUrl: "https://graph.facebook.com",
        graphVersion: expect.stringMatching(/^v2\d\.0$/),
        burstMode: "sequential",
        maxConcurrentTurns: 32,
      },
    });
  });

  it("takes another Graph host and version, and the burst mode", () => {
    const whatsapp = readWhatsAppSettings({
      ...required,
      WHATSAPP_GRAPH_BASE_URL: "http://127.0.0.1:4010/",
      WHATSAPP_GRAPH_VERSION: "v23.0",
      WHATSAPP_BURST_MODE: "merge",
      WHATSAPP_UNSUPPORTED_REPLY: "Text only, please.",
    });
    expect(whatsapp).toMatchObject({
      settings: {
        graphBaseUrl: "http://127.0.0.1:4010",
        graphVersion: "v23.0",
        burstMode: "merge",
        unsupportedReply: "Text only, please.",
      },
    });
  });

  it.each([
    ["WHATSAPP_GRAPH_BASE_URL", "graph.facebook.com", /http\(s\) URL/],
    ["WHATSAPP_GRAPH_VERSION", "23", /look like v/],
    ["WHATSAPP_BURST_MODE", "parallel", /"sequential" or "merge"/],
    ["WHATSAPP_LIST_BUTTON_LABEL", "Choose one of these options", /20 characters/],
    ["WHATSAPP_MAX_CONCURRENT_TURNS", "0", /at least 1/],
  ])("names %s when its value can't be used", (name, value, message) => {
    expect(() => readWhatsAppSettings({ ...required, [name]: value })).toThrow(
      WhatsAppSettingsError,
    );
    expect(() => readWhatsAppSettings({ ...required, [name]: value })).toThrow(message);
  });
});
