// A step page: wires the editor, the language switch, the Run button, the results panel and saved progress.

import { createEditor } from "./editor.js";
import { highlightCodeBlocks } from "./highlight.js";
import { readPageData } from "./page-data.js";
import * as progress from "./progress.js";
import { resultsPanel } from "./results.js";
import { enhanceRunnableBlocks } from "./runnable.js";
import { RunError, runTests } from "./runner.js";

const SAVE_DELAY_MS = 300;

function start() {
  const workspace = document.querySelector(".workspace[data-lesson]");
  if (!workspace) return;
  const lesson = workspace.dataset.lesson;
  const course = lesson.split("/")[0];
  const graderURL = workspace.dataset.graderUrl ?? "";
  const timeoutSeconds = Number(workspace.dataset.timeout) || 10;
  const starters = readPageData("starters");
  const select = document.getElementById("language-select");
  const runButton = document.getElementById("run-button");
  const resetButton = document.getElementById("reset-button");
  const fileName = document.getElementById("file-name");
  const nextLink = document.querySelector("a[rel=next]");
  const results = resultsPanel(document.getElementById("results"));

  const preferred = progress.preferredLanguage(course);
  let language = starters[preferred] ? preferred : workspace.dataset.language;
  const starterCode = (id) => starters[id]?.files?.[starters[id].mainFile] ?? "";
  const codeFor = (id) => progress.savedCode(lesson, id) ?? starterCode(id);
  const labelFor = (id) => `Code editor, ${starters[id]?.name ?? id}`;

  let saveTimer;
  let running = false;
  const editor = createEditor(document.getElementById("code-editor"), {
    mode: starters[language]?.mode ?? language,
    label: labelFor(language),
    onRun: () => run(),
    onLeave: () => runButton.focus(),
    onChange() {
      clearTimeout(saveTimer);
      saveTimer = setTimeout(flushSave, SAVE_DELAY_MS);
    },
  });

  function showLanguage(id) {
    language = id;
    workspace.dataset.language = id;
    if (select) select.value = id;
    fileName.textContent = starters[id]?.mainFile ?? "";
    editor.setMode(starters[id]?.mode ?? id, labelFor(id));
    editor.setValue(codeFor(id));
  }

  // Saves only real edits: showing a starter (on load or a language switch) must not mark the step started.
  function flushSave() {
    clearTimeout(saveTimer);
    const code = editor.getValue();
    if (code !== starterCode(language) || progress.savedCode(lesson, language) !== null) {
      progress.saveCode(lesson, language, code);
    }
  }

  async function run() {
    if (running) return;
    running = true;
    runButton.disabled = true;
    runButton.setAttribute("aria-busy", "true");
    flushSave();
    results.showRunning();
    try {
      const result = await runTests({ graderURL, lesson, language, code: editor.getValue(), timeoutSeconds });
      if (result.status === "pass") progress.markPassed(lesson);
      const next = nextLink
        ? { url: nextLink.href, title: nextLink.querySelector(".step-nav-title")?.textContent ?? "Next step" }
        : null;
      results.showResult(result, next);
    } catch (error) {
      results.showError(error instanceof RunError ? error.message : `Something went wrong: ${error.message}`);
    } finally {
      running = false;
      runButton.disabled = false;
      runButton.removeAttribute("aria-busy");
    }
  }

  if (language !== workspace.dataset.language || progress.savedCode(lesson, language) !== null) {
    showLanguage(language);
  }
  select?.addEventListener("change", () => {
    flushSave();
    progress.setPreferredLanguage(course, select.value);
    showLanguage(select.value);
  });
  runButton.addEventListener("click", run);
  resetButton.addEventListener("click", () => {
    if (!window.confirm("Replace your code with the starter code? Your changes will be lost.")) return;
    progress.forgetCode(lesson, language);
    editor.setValue(starterCode(language));
    editor.focus();
  });
  window.addEventListener("pagehide", flushSave);
  runButton.disabled = false;
  resetButton.disabled = false;
  if (progress.stepState(lesson) === "passed") workspace.dataset.passed = "true";

  const instructions = document.getElementById("instructions");
  enhanceRunnableBlocks(instructions, { graderURL });
  highlightCodeBlocks(instructions);
}

start();
