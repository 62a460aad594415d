// Colours fenced code blocks with CodeMirror's runmode addon, when it loaded. Blocks marked `run` are left to
// runnable.js, which turns them into editors.

import { languageNamed } from "./languages.js";
import { defineValkeyMode } from "./valkey-mode.js";

// Fence languages that are not languages the grader runs (those come from the page's table).
const OTHER_MODES = {
  json: "application/json",
  shell: "shell",
  sh: "shell",
  bash: "shell",
  console: "shell",
};

/** The CodeMirror mode for a fence language (`py` → `python`), or undefined for plain text. */
export function modeFor(language) {
  return languageNamed(language)?.editorMode ?? OTHER_MODES[language];
}

/** The language word of a `<code class="language-…">`. */
export function languageOf(code) {
  return [...code.classList].find((name) => name.startsWith("language-"))?.slice(9) ?? "";
}

export function highlightCodeBlocks(root) {
  const CodeMirror = window.CodeMirror;
  if (!root || typeof CodeMirror?.runMode !== "function") return;
  defineValkeyMode(CodeMirror);
  for (const code of root.querySelectorAll("pre > code[class*='language-']")) {
    if (code.dataset.highlighted || isRunnable(code)) continue;
    const mode = modeFor(languageOf(code));
    if (!mode) continue;
    const text = code.textContent;
    code.textContent = "";
    CodeMirror.runMode(text, mode, code);
    code.dataset.highlighted = "true";
    code.parentElement.classList.add("cm-s-codealong", "highlighted");
  }
}

/** Whether a fence's info string (cmark keeps it in `data-meta`) has the word `run`. */
export function isRunnable(code) {
  return (code.dataset.meta ?? "").split(/\s+/).includes("run");
}
