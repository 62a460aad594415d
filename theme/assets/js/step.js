// A step page: wires the editor, the language switch, the Run button (through the shared run flow), the
// banner that carries the learner's own code forward from the previous step, and saved progress.

import { createEditor } from "./editor.js";
import { highlightCodeBlocks } from "./highlight.js";
import { readPageData } from "./page-data.js";
import * as progress from "./progress.js";
import { resultsPanel } from "./results.js";
import { createRunFlow } from "./run-flow.js";
import { enhanceRunnableBlocks } from "./runnable.js";
import { openingCode, swapVersions, takeStarter } from "./workspace-code.js";

const SAVE_DELAY_MS = 300;

function start() {
  const workspace = document.querySelector(".workspace[data-lesson]");
  if (!workspace) return;
  const lesson = workspace.dataset.lesson;
  const [course, stepFolder] = lesson.split("/");
  const graderURL = workspace.dataset.graderUrl ?? "";
  const timeoutSeconds = Number(workspace.dataset.timeout) || 10;
  const starters = readPageData("starters");
  const select = document.getElementById("language-select");
  const runButton = document.getElementById("run-button");
  const resetButton = document.getElementById("reset-button");
  const fileName = document.getElementById("file-name");
  const nextLink = document.querySelector("a[rel=next]");
  const previousLink = document.querySelector("a[rel=prev][data-lesson]");
  const previous = previousLink
    ? {
        lesson: previousLink.dataset.lesson,
        position: previousLink.dataset.position,
        title: previousLink.querySelector(".step-nav-title")?.textContent ?? "",
      }
    : null;
  const panel = resultsPanel(document.getElementById("results"), { currentStep: stepFolder });
  const banner = codeBanner();

  const preferred = progress.preferredLanguage(course);
  let language = starters[preferred] ? preferred : workspace.dataset.language;
  const starterCode = (id) => starters[id]?.files?.[starters[id].mainFile] ?? "";
  const labelFor = (id) => `Code editor, ${starters[id]?.name ?? id}`;

  /** What the editor opens with for a language, and which banner explains it (see workspace-code.js). */
  function opening(id) {
    const carried = previous ? progress.passedCode(previous.lesson, id) : null;
    return openingCode({
      saved: progress.savedCode(lesson, id),
      kept: progress.keptCode(lesson, id),
      starter: starterCode(id),
      carried: carried === null ? null : { code: carried, lesson: previous.lesson },
    });
  }

  let saveTimer;
  let settingCode = false; // edits made by the page itself are not the learner's
  const editor = createEditor(document.getElementById("code-editor"), {
    mode: starters[language]?.mode ?? language,
    label: labelFor(language),
    onRun: () => flow.run(),
    onLeave: () => runButton.focus(),
    onChange() {
      if (settingCode) return;
      if (banner.state === "carried") banner.show(null); // editing the carried code is continuing with it
      clearTimeout(saveTimer);
      saveTimer = setTimeout(flushSave, SAVE_DELAY_MS);
    },
  });

  function setCode(code) {
    settingCode = true;
    editor.setValue(code);
    settingCode = false;
  }

  function showLanguage(id) {
    language = id;
    workspace.dataset.language = id;
    if (select) select.value = id;
    fileName.textContent = starters[id]?.mainFile ?? "";
    editor.setMode(starters[id]?.mode ?? id, labelFor(id));
    const { code, banner: state } = opening(id);
    setCode(code);
    banner.show(state);
  }

  // Saves only the learner's own code: the starter shown on load, or carried code not yet taken up, is not
  // "started". `accept` (a run) takes up carried code.
  function flushSave({ accept = false } = {}) {
    clearTimeout(saveTimer);
    if (banner.state === "carried" && !accept) return;
    const code = editor.getValue();
    if (code !== starterCode(language) || progress.savedCode(lesson, language) !== null) {
      progress.saveCode(lesson, language, code);
    }
    if (banner.state === "carried") banner.show(null);
  }

  function continueWithMine() {
    progress.saveCode(lesson, language, editor.getValue());
    banner.show(null);
    editor.focus();
  }

  function startFromStarter() {
    const starter = starterCode(language);
    if (editor.getValue() === starter && banner.state !== "carried") {
      editor.focus();
      return;
    }
    const change = takeStarter({ current: editor.getValue(), kept: progress.keptCode(lesson, language), starter });
    if (
      change.replacesKept &&
      !window.confirm(
        "Another version of your code for this step is already kept aside. Keep the code in the editor instead (the older version is dropped)?",
      )
    ) {
      return;
    }
    progress.setKeptCode(lesson, language, change.kept);
    progress.saveCode(lesson, language, change.saved);
    setCode(change.saved);
    banner.show(opening(language).banner);
    editor.focus();
  }

  function switchVersions() {
    const change = swapVersions({
      current: editor.getValue(),
      kept: progress.keptCode(lesson, language),
      starter: starterCode(language),
    });
    progress.saveCode(lesson, language, change.saved);
    progress.setKeptCode(lesson, language, change.kept);
    setCode(change.saved);
    banner.show(opening(language).banner);
    editor.focus();
  }

  /** The banner over the editor that says whose code it holds, with the choices that fit. */
  function codeBanner() {
    const root = document.getElementById("code-banner");
    const text = document.getElementById("code-banner-text");
    const buttons = {
      continue: document.getElementById("code-banner-continue"),
      starter: document.getElementById("code-banner-starter"),
      switch: document.getElementById("code-banner-switch"),
    };
    const model = {
      state: null,
      show(state) {
        model.state = state;
        if (!root) return;
        root.hidden = !state;
        root.dataset.state = state ?? "";
        if (!state) return;
        const from = previous ? `step ${previous.position}, “${previous.title}”` : "the previous step";
        text.textContent = {
          carried: `Your own code carries on: the editor holds your code that passed ${from}. Continue with it, or start this step from our starter (your code stays kept).`,
          "on-starter": "You are working from our starter. Your own code for this step is kept.",
          "other-version": "Another version of your code for this step is kept aside.",
        }[state];
        buttons.continue.hidden = state !== "carried";
        buttons.starter.hidden = state !== "carried";
        buttons.switch.hidden = state === "carried";
        buttons.switch.textContent = state === "on-starter" ? "Back to my code" : "Switch to the other version";
      },
    };
    buttons.continue?.addEventListener("click", continueWithMine);
    buttons.starter?.addEventListener("click", startFromStarter);
    buttons.switch?.addEventListener("click", switchVersions);
    return model;
  }

  const flow = createRunFlow({
    source: workspace,
    button: runButton,
    panel,
    graderURL,
    timeoutSeconds,
    editor: () => editor,
    savedNote: "Your code is saved in this browser.",
    request: () => ({
      body: { lesson, language, code: editor.getValue(), mode: "test" },
      mainFile: starters[language]?.mainFile ?? "",
    }),
    beforeRun() {
      flushSave({ accept: true });
      progress.setLastLesson(course, lesson);
    },
    onResult(result, body) {
      if (result.status !== "pass") return {};
      progress.markPassed(lesson, body.language, body.code);
      workspace.dataset.passed = "true";
      return {
        nextStep: nextLink
          ? { url: nextLink.href, title: nextLink.querySelector(".step-nav-title")?.textContent ?? "Next step" }
          : null,
      };
    },
  });

  showLanguage(language);
  select?.addEventListener("change", () => {
    flushSave();
    progress.setPreferredLanguage(course, select.value);
    showLanguage(select.value);
  });
  resetButton.addEventListener("click", startFromStarter);
  window.addEventListener("pagehide", () => flushSave());
  runButton.disabled = false;
  resetButton.disabled = false;
  progress.setLastLesson(course, lesson);
  if (progress.stepState(lesson) === "passed") workspace.dataset.passed = "true";

  const instructions = document.getElementById("instructions");
  enhanceRunnableBlocks(instructions, { graderURL });
  highlightCodeBlocks(instructions);
}

start();
