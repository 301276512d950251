const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const ESCAPE = /\\(["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

/** A JSON reader that only answers "valid or not" and leaves `at` on the first bad character. */
class JsonScanner {
  at = 0;
  constructor(private readonly text: string) {}

  private get char(): string {
    return this.text.charAt(this.at);
  }

  private eat(char: string): boolean {
    if (this.char !== char) return false;
    this.at++;
    return true;
  }

  private skipSpace(): void {
    while (this.char !== "" && " \t\n\r".includes(this.char)) this.at++;
  }

  private sticky(pattern: RegExp): boolean {
    pattern.lastIndex = this.at;
    const match = pattern.exec(this.text);
    if (match) this.at += match[0].length;
    return match !== null;
  }

  private word(expected: string): boolean {
    return [...expected].every((char) => this.eat(char));
  }

  private string(): boolean {
    if (!this.eat('"')) return false;
    while (!this.eat('"')) {
      if (this.char === "" || this.char < " ") return false;
      if (this.char !== "\\") this.at++;
      else if (!this.sticky(ESCAPE)) return false;
    }
    return true;
  }

  private items(close: string, item: () => boolean): boolean {
    this.at++;
    this.skipSpace();
    if (this.eat(close)) return true;
    do {
      if (!item()) return false;
      this.skipSpace();
    } while (this.eat(","));
    return this.eat(close);
  }

  private member = (): boolean => {
    this.skipSpace();
    if (!this.string()) return false;
    this.skipSpace();
    return this.eat(":") && this.value();
  };

  value = (): boolean => {
    this.skipSpace();
    switch (this.char) {
      case "{":
        return this.items("}", this.member);
      case "[":
        return this.items("]", this.value);
      case '"':
        return this.string();
      case "t":
        return this.word("true");
      case "f":
        return this.word("false");
      case "n":
        return this.word("null");
      default:
        return this.sticky(NUMBER);
    }
  };

  /** Whether only whitespace is left. */
  atEnd(): boolean {
    this.skipSpace();
    return this.char === "";
  }
}

/**
 * Where a text stops being JSON: the index of the first character a JSON parser refuses, or
 * undefined when it is valid. Bun's JSON.parse names no position, so the validator scans.
 *
 * @example
 * jsonErrorIndex('{"a": 1,}') // 8
 */
export function jsonErrorIndex(text: string): number | undefined {
  const scanner = new JsonScanner(text);
  return scanner.value() && scanner.atEnd() ? undefined : scanner.at;
}
