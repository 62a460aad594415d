// Finds the line of the learner's own file that an error output points at: Python tracebacks
// (`File "/tmp/codealong/app/main.py", line 4, in f`), Node stacks (`at f (/tmp/codealong/app/main.js:3:3)` or a
// first line `/tmp/codealong/app/main.js:3`), and the same `file:line` form of other languages. Pure.

const escapeForPattern = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The 1-based line of `mainFile` where the error happened, or null. Python prints the innermost frame last
 * ("most recent call last"), so the last mention of the file wins there; elsewhere the first one does.
 * Only a file named exactly `mainFile` counts (not `not_main.py`, not a library's `main.py` in site-packages).
 */
export function errorLine(text, mainFile) {
  if (!text || !mainFile) return null;
  const name = escapeForPattern(mainFile);
  // The file at the start of a path or of a word: `/app/main.py`, `(main.js:3`, `"main.py"`.
  const file = String.raw`(?:^|[\s("'/\\])(?:[^\s()"':]*[/\\])?${name}`;
  const pattern = new RegExp(String.raw`${file}(?:", line (\d+)|:(\d+))`, "gm");
  const lines = [];
  for (const match of text.matchAll(pattern)) {
    if (/site-packages|node_modules/.test(match[0])) continue;
    lines.push(Number(match[1] ?? match[2]));
  }
  const found = lines.filter((line) => Number.isInteger(line) && line > 0);
  if (!found.length) return null;
  return /most recent call last/.test(text) ? found[found.length - 1] : found[0];
}
