import { describe, expect, it } from "bun:test";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import GithubSlugger from "github-slugger";
import MarkdownIt from "markdown-it";

const ROOT = join(import.meta.dir, "..", "..");
const markdown = new MarkdownIt({ html: true });

/** The pages a reader starts from: the README and every page of docs/. */
const PAGES = [
  "README.md",
  ...readdirSync(join(ROOT, "docs"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => `docs/${name}`),
];

interface Link {
  href: string;
  line: number;
}

/** Every link and image of a page, as markdown-it reads them (code blocks hold none). */
function linksOf(text: string): Link[] {
  const links: Link[] = [];
  // A table cell's text has no line of its own: it is on its row's.
  let line = 1;
  for (const token of markdown.parse(text, {})) {
    if (token.map) line = token.map[0] + 1;
    if (token.type !== "inline") continue;
    for (const child of token.children ?? []) {
      const attribute = { link_open: "href", image: "src" }[child.type];
      const href = attribute ? child.attrGet(attribute) : null;
      if (href !== null) links.push({ href: String(href), line });
    }
  }
  return links;
}

/** The anchors GitHub gives a page's headings. */
function anchorsOf(text: string): Set<string> {
  const slugger = new GithubSlugger();
  const tokens = markdown.parse(text, {});
  const anchors = new Set<string>();
  tokens.forEach((token, index) => {
    if (token.type !== "heading_open") return;
    const heading = (tokens[index + 1]?.children ?? [])
      .filter((child) => child.type === "text" || child.type === "code_inline")
      .map((child) => child.content)
      .join("");
    anchors.add(slugger.slug(heading));
  });
  return anchors;
}

/**
 * The relative links of `page` (a path from the repository root) whose file, or whose heading
 * anchor in a Markdown file, does not exist; links with a scheme (https:, mailto:) are not checked.
 */
export function brokenLinks(page: string, text: string, root = ROOT): string[] {
  const broken: string[] = [];
  for (const { href, line } of linksOf(text)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(href)) continue;
    const [path = "", anchor] = href.split("#");
    const where = `${page}:${line} → ${href}`;
    const target = resolve(root, dirname(page), path);
    let headings = path === "" ? text : undefined;
    if (path !== "") {
      if (relative(root, target).startsWith("..") || !existsSync(target)) {
        broken.push(`${where}: no such file`);
        continue;
      }
      if (target.endsWith(".md") && statSync(target).isFile())
        headings = readFileSync(target, "utf8");
    }
    if (anchor && headings !== undefined && !anchorsOf(headings).has(decodeURIComponent(anchor)))
      broken.push(`${where}: no heading with that anchor`);
  }
  return broken;
}

describe("documentation links", () => {
  for (const page of PAGES) {
    it(`every relative link of ${page} reaches a file and heading that exist`, () => {
      expect(brokenLinks(page, readFileSync(join(ROOT, page), "utf8"))).toEqual([]);
    });
  }

  it("reports a missing file, a missing heading, and nothing inside code", () => {
    const page = [
      "# Guide",
      "",
      "[ok](#guide) [runtime](runtime.md#tokens) ![studio](images/studio.png) [here](#nothing)",
      "",
      "[gone](nowhere.md) [wrong anchor](runtime.md#no-such-heading) [out](../../etc/passwd)",
      "[web](https://example.com/missing.md)",
      "```",
      "[in a code block](nowhere.md)",
      "```",
    ].join("\n");
    expect(brokenLinks("docs/guide.md", page)).toEqual([
      "docs/guide.md:3 → #nothing: no heading with that anchor",
      "docs/guide.md:5 → nowhere.md: no such file",
      "docs/guide.md:5 → runtime.md#no-such-heading: no heading with that anchor",
      "docs/guide.md:5 → ../../etc/passwd: no such file",
    ]);
  });
});

describe("the README", () => {
  it("stays a one-page introduction: 200 lines at most, the reference in docs/", () => {
    const lines = readFileSync(join(ROOT, "README.md"), "utf8").trimEnd().split("\n");
    expect(lines.length).toBeLessThanOrEqual(200);
  });
});
