// A CodeMirror 5 mode for raw Valkey commands (`commands.valkey`, ```valkey fences): one command per line,
// valkey-cli quoting, `#` comments. CodeMirror ships no such mode, so the editor and the highlighter define it.

const QUOTES = new Set(['"', "'"]);

/** Defines the "valkey" mode on `CodeMirror` once. */
export function defineValkeyMode(CodeMirror) {
  if (!CodeMirror || CodeMirror.modes?.valkey) return;
  CodeMirror.defineMode("valkey", () => ({
    startState: () => ({ word: 0, quote: null }),
    token(stream, state) {
      if (stream.sol()) {
        state.word = 0;
        state.quote = null;
      }
      if (state.quote) return quoted(stream, state);
      if (stream.eatSpace()) return null;
      if (state.word === 0 && stream.peek() === "#") {
        stream.skipToEnd();
        return "comment";
      }
      const first = stream.peek();
      if (QUOTES.has(first)) {
        stream.next();
        state.quote = first;
        state.word += 1;
        return quoted(stream, state);
      }
      stream.eatWhile(/[^\s"']/);
      const word = stream.current();
      state.word += 1;
      if (state.word === 1) return "keyword";
      if (/^-?\d+(\.\d+)?$/.test(word)) return "number";
      // Options such as NX, EX, WITHSCORES, LIMIT; a second word of CLUSTER SLOTS-style commands too.
      if (/^[A-Z][A-Z0-9-]*$/.test(word)) return "builtin";
      return null;
    },
    lineComment: "#",
  }));
  CodeMirror.defineMIME("text/x-valkey", "valkey");
}

function quoted(stream, state) {
  let escaped = false;
  let next;
  while ((next = stream.next()) != null) {
    if (next === state.quote && !escaped) {
      state.quote = null;
      break;
    }
    escaped = !escaped && next === "\\" && state.quote === '"';
  }
  return "string";
}
