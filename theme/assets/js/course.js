// A course page: marks each step passed, in progress or not started, shows where the learner stopped and points
// the main button there; resets a step (after asking); exports and imports progress as a file.

import { download } from "./dom.js";
import {
  ProgressFileError,
  describeEntries,
  mergeProgress,
  progressFile,
  progressFileName,
  readProgressFile,
} from "./progress-file.js";
import * as progress from "./progress.js";
import { plural } from "./result-summary.js";

const MARKERS = {
  passed: { icon: "✓", label: "Passed" },
  started: { icon: "◐", label: "In progress" },
  todo: { icon: "○", label: "Not started" },
};

const page = document.querySelector(".course-page[data-course]");
const course = page?.dataset.course;
const items = [...document.querySelectorAll(".step-item[data-lesson]")];
const status = document.getElementById("progress-tools-status");
const button = document.getElementById("course-continue");
const startLabel = button?.textContent;
const startURL = button?.getAttribute("href");

function render() {
  const last = progress.lastLesson(course);
  const steps = items.map((item) => ({ item, lesson: item.dataset.lesson, state: progress.stepState(item.dataset.lesson) }));
  for (const { item, lesson, state } of steps) {
    item.dataset.progress = state;
    const stopped = lesson === last && state !== "todo";
    if (stopped) item.dataset.stopped = "true";
    else delete item.dataset.stopped;
    item.querySelector(".progress-icon").textContent = MARKERS[state].icon;
    item.querySelector(".progress-label").textContent = stopped
      ? `${MARKERS[state].label} · you stopped here`
      : MARKERS[state].label;
    const reset = item.querySelector(".step-reset");
    if (reset) reset.hidden = state === "todo";
  }

  const passed = steps.filter((step) => step.state === "passed").length;
  const summary = document.getElementById("course-progress");
  if (summary) summary.textContent = passed > 0 ? `${passed} of ${plural(items.length, "step")} passed` : "";
  if (!button) return;
  const anyProgress = steps.some((step) => step.state !== "todo");
  const resume = progress.resumeStep(steps, last);
  const target = steps.find((step) => step.lesson === resume);
  if (!anyProgress) {
    button.textContent = startLabel;
    button.setAttribute("href", startURL);
  } else if (target) {
    const position = target.item.querySelector(".step-number")?.textContent ?? "";
    const title = target.item.querySelector(".step-title")?.textContent ?? "";
    button.href = target.item.querySelector("a").href;
    button.textContent = `${target.lesson === last ? "Continue" : "Go on"} with step ${position}: ${title}`;
  } else {
    button.setAttribute("href", startURL);
    button.textContent = "Course complete — review step 1";
  }
}

for (const item of items) {
  item.querySelector(".step-reset")?.addEventListener("click", () => {
    const title = item.querySelector(".step-title")?.textContent ?? "this step";
    if (!window.confirm(`Reset “${title}”? Your code for this step (in every language) and its passed mark are deleted from this browser.`)) {
      return;
    }
    progress.resetStep(item.dataset.lesson);
    render();
    say(`“${title}” is reset.`);
    button?.focus();
  });
}

function say(text) {
  if (status) status.textContent = text;
}

function exportProgress() {
  download(progressFileName(), progressFile(progress.allEntries()));
  const { passed, withCode } = describeEntries(progress.allEntries());
  say(`Exported: ${plural(passed, "passed step")}, code for ${plural(withCode, "step")}.`);
}

async function importProgress(file) {
  let incoming;
  try {
    incoming = readProgressFile(await file.text());
  } catch (error) {
    say(error instanceof ProgressFileError ? error.message : `Could not read the file: ${error.message}`);
    return;
  }
  const { writes, replaced } = mergeProgress(progress.allEntries(), incoming);
  if (
    replaced.length &&
    !window.confirm(
      `The file has different code for ${plural(replaced.length, "step and language", "steps and languages")} than this browser. Replace the code here with the file's?`,
    )
  ) {
    say("Nothing was imported.");
    return;
  }
  if (!progress.writeEntries(writes)) {
    say("This browser refused to store the progress (storage full or blocked). Nothing was lost from the file.");
    return;
  }
  render();
  const { passed, withCode } = describeEntries(incoming);
  say(`Imported: ${plural(passed, "passed step")}, code for ${plural(withCode, "step")}.`);
}

const tools = document.getElementById("progress-tools");
if (tools) {
  const input = document.getElementById("import-progress");
  document.getElementById("export-progress")?.addEventListener("click", exportProgress);
  document.getElementById("import-progress-button")?.addEventListener("click", () => input.click());
  input?.addEventListener("change", () => {
    const [file] = input.files ?? [];
    if (file) importProgress(file).finally(() => (input.value = ""));
  });
  tools.hidden = false;
}

if (course) render();
