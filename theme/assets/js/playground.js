// The playground: write Python, JavaScript or raw Valkey commands, pick the server, Run, and see the output and
// the keys Valkey holds afterwards. `?template=<name>` opens a template's published file.

import { createEditor } from "./editor.js";
import { languageNamed } from "./languages.js";
import { readPageData } from "./page-data.js";
import * as progress from "./progress.js";
import { resultsPanel } from "./results.js";
import { createRunFlow } from "./run-flow.js";

const SAVE_DELAY_MS = 300;

const DEFAULTS = {
  python: `import os

import valkey

client = valkey.Valkey(
    host=os.environ.get("VALKEY_HOST", "127.0.0.1"),
    port=int(os.environ.get("VALKEY_PORT", "6379")),
    decode_responses=True,
)

client.set("greeting", "hello from the playground")
print(client.get("greeting"))
`,
  javascript: `const { createClient } = require("redis");

async function main() {
  const client = createClient({
    socket: { host: process.env.VALKEY_HOST ?? "127.0.0.1", port: Number(process.env.VALKEY_PORT ?? 6379) },
  });
  await client.connect();
  await client.set("greeting", "hello from the playground");
  console.log(await client.get("greeting"));
  await client.quit();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
`,
  valkey: `# One command per line, quoted like in valkey-cli.
SET greeting "hello from the playground"
GET greeting
INCR visits
EXPIRE greeting 60
TTL greeting
`,
};

function start() {
  const main = document.querySelector("main.playground");
  if (!main) return;
  const graderURL = main.dataset.graderUrl ?? "";
  const templates = readPageData("playground-templates");
  const languageSelect = document.getElementById("playground-language");
  const valkeySelect = document.getElementById("playground-valkey");
  const templateSelect = document.getElementById("template-select");
  const runButton = document.getElementById("run-button");
  const resetButton = document.getElementById("reset-button");
  const fileName = document.getElementById("file-name");
  const results = resultsPanel(document.getElementById("results"), { mode: "run" });

  const optionFor = (language) => languageSelect.querySelector(`option[value="${language}"]`);
  const modeFor = (language) => optionFor(language)?.dataset.mode ?? language;
  const labelFor = (language) => `Code editor, ${optionFor(language)?.textContent ?? language}`;

  let language = languageSelect.value;
  let template = null; // {name, code} while the editor shows a template as opened
  let saveTimer;

  const editor = createEditor(document.getElementById("code-editor"), {
    mode: modeFor(language),
    label: labelFor(language),
    onRun: () => flow.run(),
    onLeave: () => runButton.focus(),
    onChange() {
      clearTimeout(saveTimer);
      saveTimer = setTimeout(save, SAVE_DELAY_MS);
    },
  });

  function save() {
    clearTimeout(saveTimer);
    const code = editor.getValue();
    if (template && code === template.code) return; // an untouched template is not "your code"
    if (code !== DEFAULTS[language]) progress.savePlaygroundCode(language, code);
  }

  // A language that needs a server (raw commands) is not offered "none".
  function syncValkeyChoices() {
    const none = valkeySelect.querySelector('option[value="none"]');
    const { needsServer, defaultServer } = languageNamed(language) ?? {};
    none.disabled = Boolean(needsServer);
    if (needsServer && valkeySelect.value === "none") valkeySelect.value = defaultServer;
  }

  function show(id, code) {
    language = id;
    languageSelect.value = id;
    fileName.textContent = optionFor(id)?.dataset.mainFile ?? "";
    editor.setMode(modeFor(id), labelFor(id));
    editor.setValue(code);
    syncValkeyChoices();
  }

  function showOwnCode(id) {
    template = null;
    templateSelect.value = "";
    show(id, progress.savedPlaygroundCode(id) ?? DEFAULTS[id] ?? "");
  }

  async function openTemplate(name) {
    const entry = templates[name];
    if (!entry) {
      results.showError(`There is no template called “${name}”. Pick one from the list instead.`);
      return;
    }
    try {
      const response = await fetch(entry.url);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const code = await response.text();
      save();
      template = { name, code };
      templateSelect.value = name;
      show(entry.language, code);
      valkeySelect.value = entry.valkey;
      syncValkeyChoices();
      const url = new URL(window.location.href);
      url.searchParams.set("template", name);
      window.history.replaceState(null, "", url);
    } catch (error) {
      results.showError(`Could not load the template “${entry.title}” (${error.message}). Reload the page to try again.`);
    }
  }

  const flow = createRunFlow({
    source: main,
    button: runButton,
    panel: results,
    graderURL,
    editor: () => editor,
    savedNote: "Your code is saved in this browser.",
    request: () => ({
      body: { language, code: editor.getValue(), mode: "run", valkey: valkeySelect.value },
      mainFile: languageNamed(language)?.mainFile ?? "",
    }),
    beforeRun: save,
    runningText: () =>
      languageNamed(language)?.needsServer ? "Sending your commands to a fresh Valkey server…" : undefined,
  });

  languageSelect.addEventListener("change", () => {
    save();
    showOwnCode(languageSelect.value);
  });
  templateSelect.addEventListener("change", () => {
    if (templateSelect.value) openTemplate(templateSelect.value);
    else {
      const url = new URL(window.location.href);
      url.searchParams.delete("template");
      window.history.replaceState(null, "", url);
      showOwnCode(language);
    }
  });
  resetButton.addEventListener("click", () => {
    const original = template ? template.code : DEFAULTS[language];
    if (editor.getValue() !== original && !window.confirm("Replace your code with the original? Your changes will be lost.")) {
      return;
    }
    if (!template) progress.savePlaygroundCode(language, null);
    editor.setValue(original ?? "");
    editor.focus();
  });
  window.addEventListener("pagehide", save);

  const requested = new URLSearchParams(window.location.search).get("template");
  if (requested) openTemplate(requested);
  else showOwnCode(language);
  runButton.disabled = false;
  resetButton.disabled = false;
}

start();
