import { describe, expect, it } from "bun:test";
import { parseRoute, routeHash } from "../../../studio/src/app/route.ts";

describe("the knowledge screen's address", () => {
  it("reads and writes a flow's knowledge screen, its id encoded", () => {
    expect(parseRoute("#/flows/faq/knowledge")).toEqual({ screen: "knowledge", flowId: "faq" });
    expect(routeHash({ screen: "knowledge", flowId: "a b" })).toBe("#/flows/a%20b/knowledge");
    expect(parseRoute(routeHash({ screen: "knowledge", flowId: "a b" }))).toEqual({
      screen: "knowledge",
      flowId: "a b",
    });
  });

  it("keeps the editor's address apart from it", () => {
    expect(parseRoute("#/flows/faq")).toEqual({ screen: "editor", flowId: "faq" });
  });
});
