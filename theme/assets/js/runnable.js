// Runnable examples: a fence marked `run` (```python run, ```valkey run, ```javascript run valkey=cluster)
// becomes a small editor with a Run button that runs the code once on the grader and shows what happened.
// Without JavaScript the block stays a plain, readable code listing.

import { button } from "./dom.js";
import { createEditor } from "./editor.js";
import { isRunnable, languageOf, modeFor } from "./highlight.js";
import { languageNamed } from "./languages.js";
import { resultsPanel, runResultsElement } from "./results.js";
import { createRunFlow } from "./run-flow.js";

const SERVERS = { none: "", standalone: "standalone server", cluster: "cluster" };

/** Reads a fence's info words the way sitegen does: `run` and `valkey=none|standalone|cluster`. */
export function fenceOptions(code) {
  const language = languageNamed(languageOf(code));
  const words = (code.dataset.meta ?? "").split(/\s+/);
  const written = words.find((word) => word.startsWith("valkey="))?.slice(7);
  const valkey = SERVERS[written] !== undefined ? written : (language?.defaultServer ?? "none");
  return { language, valkey };
}

let counter = 0;

/** Turns every runnable fence below `root` into an example editor posting to `graderURL`. */
export function enhanceRunnableBlocks(root, { graderURL = "" } = {}) {
  if (!root) return;
  for (const code of root.querySelectorAll("pre > code[class*='language-']")) {
    if (!isRunnable(code)) continue;
    const { language, valkey } = fenceOptions(code);
    if (!language) continue;
    code.parentElement.replaceWith(runBlock(code.textContent, language, valkey, graderURL));
  }
}

function runBlock(source, language, valkey, graderURL) {
  counter += 1;
  const id = `run-example-${counter}`;
  const block = document.createElement("div");
  block.className = "run-block";
  block.dataset.language = language.id;
  block.dataset.valkey = valkey;

  const bar = document.createElement("div");
  bar.className = "run-block-bar";
  const label = document.createElement("span");
  label.className = "run-block-label";
  label.textContent = [language.name, SERVERS[valkey]].filter(Boolean).join(" · ");
  const hint = document.createElement("span");
  hint.className = "run-block-hint";
  hint.id = `${id}-hint`;
  hint.textContent = "Editable · Ctrl/⌘+Enter runs";
  const reset = button("button button-small button-quiet run-block-reset", "Reset");
  const run = button("button button-small button-primary run-block-run", "▶ Run");
  run.setAttribute("aria-describedby", `${id}-hint`);
  bar.append(label, hint, reset, run);

  const frame = document.createElement("div");
  frame.className = "run-block-editor";
  const textarea = document.createElement("textarea");
  textarea.id = `${id}-code`;
  textarea.value = source.replace(/\n$/, "");
  textarea.spellcheck = false;
  textarea.rows = Math.min(Math.max(textarea.value.split("\n").length, 2), 24);
  textarea.setAttribute("autocapitalize", "off");
  textarea.setAttribute("wrap", "off");
  frame.append(textarea);

  const results = runResultsElement();
  results.hidden = true;
  block.append(bar, frame, results);

  let editor;
  const flow = createRunFlow({
    source: block,
    button: run,
    panel: resultsPanel(results, { mode: "run" }),
    graderURL,
    editor: () => editor,
    request: () => ({
      body: { language: language.id, code: editor.getValue(), mode: "run", valkey },
      mainFile: language.mainFile,
    }),
    beforeRun() {
      results.hidden = false;
    },
    runningText: () => (language.needsServer ? "Sending the commands to a fresh Valkey server…" : undefined),
  });

  // The editor needs the textarea in the document, so it is created once the block has replaced the fence.
  queueMicrotask(() => {
    editor = createEditor(textarea, {
      mode: modeFor(language.id) ?? language.id,
      label: `Example code, ${language.name}`,
      onRun: () => flow.run(),
      onLeave: () => run.focus(),
      describedBy: hint.id,
      autoHeight: true,
    });
    reset.addEventListener("click", () => {
      editor.setValue(source.replace(/\n$/, ""));
      results.hidden = true;
      editor.focus();
    });
  });
  return block;
}
