/** The `args` input could not be split into arguments. */
export class ArgsError extends Error {}

/**
 * Splits the `args` input the way a POSIX shell splits words, without expanding anything:
 * blanks and newlines separate, '...' is literal, "..." keeps blanks and honours \" \\ \$ \`,
 * and a backslash outside quotes takes the next character as it is.
 */
export function splitArgs(input: string): string[] {
  const out: string[] = [];
  let word = "";
  let inWord = false;
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (c === "'") {
      const end = input.indexOf("'", i + 1);
      if (end < 0) throw new ArgsError("args: unterminated ' quote");
      word += input.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < input.length && input[j] !== '"'; j++) {
        if (input[j] === "\\" && j + 1 < input.length && '"\\$`'.includes(input[j + 1]!)) j++;
        word += input[j]!;
      }
      if (j >= input.length) throw new ArgsError('args: unterminated " quote');
      inWord = true;
      i = j;
    } else if (c === "\\") {
      // A backslash before a newline joins the lines, as in a shell.
      if (i + 1 < input.length && input[i + 1] !== "\n") {
        word += input[i + 1]!;
        inWord = true;
      }
      i++;
    } else if (/\s/.test(c)) {
      if (inWord) out.push(word);
      word = "";
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) out.push(word);
  return out;
}
