/** The first line a process prints; its output keeps being read after, so it never blocks on a full pipe. */
export async function firstLine(stdout: ReadableStream<Uint8Array>): Promise<string> {
  const reader = stdout.getReader();
  const decoder = new TextDecoder();
  let printed = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) throw new Error(`the process stopped before printing a line:\n${printed}`);
    printed += decoder.decode(value, { stream: true });
    const end = printed.indexOf("\n");
    if (end >= 0) {
      void (async () => {
        while (!(await reader.read()).done);
      })();
      return printed.slice(0, end);
    }
  }
}
