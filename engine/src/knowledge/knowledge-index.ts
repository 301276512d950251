import MiniSearch from "minisearch";
import type { Language } from "../text/language/language.ts";
import { buildTermWeights, queryCoverage } from "../text/term-coverage.ts";
import type {
  KnowledgeBase,
  KnowledgeEntry,
  KnowledgeHit,
  KnowledgeIndex,
} from "./knowledge-base.ts";
import { knowledgeSearchOptions } from "./knowledge-search-options.ts";

interface IndexedEntry {
  id: number;
  title: string;
  alternates: string;
  text: string;
}

// A question's wording is a better signal than words that happen to occur in an answer.
const BOOST = { title: 2, alternates: 1.5, text: 1 };
// Terms found only in the body of an entry count for less of the query.
const TEXT_ONLY = 0.8;
// Only the best BM25 hits are re-scored; coverage rarely lifts a hit from further down.
const CANDIDATES = 20;
// The share of the question's words one of an entry's questions must use to count as asked
// nearly word for word ("where's my order" and "Where is my order?").
const NEAR_VERBATIM = 0.8;

/**
 * Indexes a knowledge base written in `language` (English unless given) for retrieval: words
 * analysed in that language (see `knowledgeSearchOptions`), then BM25+ over an entry's title (boost 2), alternates
 * and tags (1.5) and text, with fuzzy (0.2) and prefix matching.
 *
 * Scores are comparable across questions, so one `minScore` fits every question. A hit's score
 * is the share of the question it accounts for, each word weighted by its rarity in the base
 * (idf) and counted for less when matched as a typo or prefix (≤ 0.85) or only in the text (×
 * 0.8), times 0.5–1 for its BM25 score relative to the best hit or, when higher and at least
 * 0.8, the share of the question's words, stop words included, that one of the entry's questions
 * uses ("where is my order" is asked word for word by "Where is my order?", not by "Can I cancel
 * my order?"); hits scoring the same go by that share. A question whose key words an entry shares scores about
 * 0.5–1; one about something the base never mentions 0 to 0.3, so a `minScore` of 0.3 separates
 * them. A question that shares a single word with an entry and adds unknown ones ("do you sell
 * pizza" against "do you sell gift cards?") can still score about 0.5: retrieval is lexical.
 *
 * @example
 * const index = indexKnowledgeBase(base);
 * index.search("how do I get a refund", 3); // [{ entry: { id: "shipping.md#returns", ... }, score: 0.8 }, ...]
 */
export function indexKnowledgeBase(base: KnowledgeBase, language: Language = "en"): KnowledgeIndex {
  const { options, termsOf, wordsOf } = knowledgeSearchOptions(language);
  const search = new MiniSearch<IndexedEntry>({
    ...options,
    fields: ["title", "alternates", "text"],
    searchOptions: { ...options.searchOptions, boost: BOOST },
  });
  search.addAll(
    base.entries.map((entry, id) => ({
      id,
      title: entry.title,
      alternates: [...(entry.alternates ?? []), ...(entry.tags ?? [])].join("\n"),
      text: entry.text,
    })),
  );
  const weights = buildTermWeights(base.entries.map((entry) => termsOf(searchableText(entry))));
  const questions = base.entries.map((entry) =>
    [entry.title, ...(entry.alternates ?? [])].map((line) => new Set(wordsOf(line))),
  );

  return {
    base,
    language,
    search(query, limit) {
      const terms = termsOf(query);
      if (terms.length === 0 || limit <= 0) return [];
      const words = [...new Set(wordsOf(query))];
      const results = search.search(query).slice(0, Math.max(CANDIDATES, limit));
      const top = results[0]?.score ?? 0;
      return results
        .flatMap((result) => {
          const entry = base.entries[result.id as number];
          if (!entry) return [];
          const coverage = queryCoverage(terms, Object.keys(result.match), weights, (term) =>
            result.match[term]?.some((field) => field !== "text") ? 1 : TEXT_ONLY,
          );
          const phrasing = phrasingShare(words, questions[result.id as number] ?? []);
          // An entry asked nearly the way the user asks ranks as high as the best BM25 hit; a
          // looser likeness ("do you sell pizza" and "do you sell gift cards?") only breaks ties.
          const verbatim = phrasing >= NEAR_VERBATIM ? phrasing : 0;
          const score = coverage * (0.5 + 0.5 * Math.max(result.score / top, verbatim));
          return [{ entry, score: Math.round(score * 1000) / 1000, phrasing }];
        })
        .sort((a, b) => b.score - a.score || b.phrasing - a.phrasing)
        .slice(0, limit)
        .map(({ entry, score }): KnowledgeHit => ({ entry, score }));
    },
  };
}

/**
 * The largest share of the query's words, stop words included, that one of an entry's questions
 * uses: "where is my order" is asked word for word by "Where is my order?", while "Can I cancel
 * my order?" shares only "my order" — the words that BM25, which drops "where", cannot see.
 */
function phrasingShare(words: readonly string[], questions: readonly Set<string>[]): number {
  if (words.length === 0) return 0;
  let best = 0;
  for (const question of questions) {
    const shared = words.filter((word) => question.has(word)).length;
    best = Math.max(best, shared / words.length);
  }
  return best;
}

function searchableText(entry: KnowledgeEntry): string {
  return [entry.title, ...(entry.alternates ?? []), ...(entry.tags ?? []), entry.text].join("\n");
}
