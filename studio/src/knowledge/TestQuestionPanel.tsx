import { type FormEvent, useState } from "react";
import type { QuestionTest } from "../../../runtime/src/api-types.ts";

/** "Test a question": the base's entries ranked for it against the threshold, and the one answered. */
export function TestQuestionPanel({
  test,
}: {
  test: (question: string) => Promise<QuestionTest | undefined>;
}) {
  const [question, setQuestion] = useState("");
  const [result, setResult] = useState<QuestionTest>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (question.trim()) setResult(await test(question.trim()));
  };

  return (
    <section className="knowledge-test" aria-label="Test a question">
      <h2>Test a question</h2>
      <form onSubmit={submit} className="toolbar">
        <input
          aria-label="Question to test"
          placeholder="What a user would ask…"
          value={question}
          onChange={(event) => setQuestion(event.target.value)}
        />
        <button type="submit">Test</button>
      </form>
      {result && (
        <>
          <p role="status">
            {result.answers[0]
              ? `The flow answers from ${result.answers.join(", ")}.`
              : `No entry reaches the threshold: the flow takes no_answer.`}{" "}
            Threshold {result.threshold}
            {result.nodeId ? ` (node ${result.nodeId})` : ""}.
          </p>
          <table className="ranking" aria-label="Ranking">
            <thead>
              <tr>
                <th>#</th>
                <th>Entry</th>
                <th>Score</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {result.hits.map((hit, rank) => (
                <tr key={hit.id} className={hit.passes ? "passes" : "below"}>
                  <td>{rank + 1}</td>
                  <td>
                    {hit.question}
                    <div className="hint">{hit.id}</div>
                  </td>
                  <td>
                    <meter min={0} max={1} value={hit.score} aria-label={`Score of ${hit.id}`} />{" "}
                    {hit.score.toFixed(2)}
                  </td>
                  <td>
                    {hit.id === result.answers[0]
                      ? "answers"
                      : result.answers.includes(hit.id)
                        ? "also used"
                        : hit.passes
                          ? "above threshold"
                          : "below threshold"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
