import MarkdownIt from "markdown-it";

// Raw HTML in an answer is shown as text, never run: `html: false` escapes it.
const markdown = new MarkdownIt({ html: false, linkify: true });

/** An answer's Markdown as a chat client would render it. */
export function MarkdownPreview({ text, label }: { text: string; label: string }) {
  return (
    <section
      className="markdown-preview"
      aria-label={label}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: markdown-it escapes HTML (html: false)
      dangerouslySetInnerHTML={{ __html: markdown.render(text) }}
    />
  );
}
