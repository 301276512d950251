/** A part of a markdown document under one heading. */
export interface MarkdownSection {
  /** Unique within the document, e.g. `returns` or `returns-2`. */
  slug: string;
  title: string;
  text: string;
}

const HEADING = /^ {0,3}(#{1,3})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const FRONT_MATTER = /^---\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/;

/**
 * Splits a markdown document into sections at `#`, `##` and `###` headings (deeper headings
 * stay inside their section, as do `#` lines in code blocks). Text before the first heading
 * becomes a section titled `untitled`; sections with no text are dropped.
 *
 * @example
 * splitMarkdownSections("# Returns\nWithin 30 days.", "shipping");
 * // [{ slug: "returns", title: "Returns", text: "Within 30 days." }]
 */
export function splitMarkdownSections(markdown: string, untitled: string): MarkdownSection[] {
  const sections: { title: string; lines: string[] }[] = [{ title: untitled, lines: [] }];
  let fence: string | null = null;
  for (const line of markdown.replace(FRONT_MATTER, "").split(/\r?\n/)) {
    const marker = FENCE.exec(line)?.[1];
    // A fence closes only with the same character, at least as many times.
    if (marker && (fence === null || marker.startsWith(fence))) {
      fence = fence === null ? marker : null;
    }
    const heading = fence === null ? HEADING.exec(line) : null;
    if (heading?.[2]) sections.push({ title: heading[2].trim(), lines: [] });
    else sections.at(-1)?.lines.push(line);
  }
  const slugs = new Set<string>();
  return sections.flatMap(({ title, lines }) => {
    const text = lines.join("\n").trim();
    if (text === "") return [];
    const base = slugify(title) || "section";
    let slug = base;
    for (let count = 2; slugs.has(slug); count++) slug = `${base}-${count}`;
    slugs.add(slug);
    return [{ slug, title, text }];
  });
}

/**
 * A heading as a URL fragment: lower case without accents or apostrophes, words joined by `-`.
 *
 * @example
 * slugify("Délais & Returns!") // "delais-returns"
 */
export function slugify(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/[\p{M}'’]+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
}
