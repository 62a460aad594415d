// Colours the fenced code blocks in the instructions with CodeMirror's runmode addon, when it loaded.

const MODES = {
  python: "python",
  py: "python",
  javascript: "javascript",
  js: "javascript",
  json: "application/json",
  shell: "shell",
  sh: "shell",
  bash: "shell",
  console: "shell",
};

export function highlightCodeBlocks(root) {
  const CodeMirror = window.CodeMirror;
  if (typeof CodeMirror?.runMode !== "function") return;
  for (const code of root.querySelectorAll("pre > code[class*='language-']")) {
    const language = [...code.classList].find((name) => name.startsWith("language-"))?.slice(9);
    const mode = MODES[language];
    if (!mode) continue;
    const text = code.textContent;
    code.textContent = "";
    CodeMirror.runMode(text, mode, code);
    code.parentElement.classList.add("cm-s-codealong", "highlighted");
  }
}
