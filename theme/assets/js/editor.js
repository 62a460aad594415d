// The code editor: CodeMirror 5 over the page's <textarea>, or the plain textarea when CodeMirror did not load.

import { defineValkeyMode } from "./valkey-mode.js";

const INDENT = { python: 4, javascript: 2, valkey: 2 };

/**
 * Wraps `textarea` in an editor. `onRun` fires on Ctrl/Cmd-Enter, `onChange` after edits,
 * and `onLeave` on Escape (so keyboard users can get out of an editor that captures Tab).
 * `describedBy` names the element explaining the shortcuts; `autoHeight` grows the editor with its code
 * (for the small editors of runnable examples) instead of filling its frame.
 */
export function createEditor(
  textarea,
  { mode, label, onRun, onChange, onLeave, describedBy = "editor-hint", autoHeight = false },
) {
  const CodeMirror = window.CodeMirror;
  if (typeof CodeMirror === "function") {
    try {
      defineValkeyMode(CodeMirror);
      return codeMirrorEditor(CodeMirror, textarea, {
        mode,
        label,
        onRun,
        onChange,
        onLeave,
        describedBy,
        autoHeight,
      });
    } catch (error) {
      console.warn("CodeMirror failed; using the plain text area.", error);
    }
  }
  return textareaEditor(textarea, { label, onRun, onChange });
}

function codeMirrorEditor(CodeMirror, textarea, { mode, label, onRun, onChange, onLeave, describedBy, autoHeight }) {
  const indent = INDENT[mode] ?? 4;
  const cm = CodeMirror.fromTextArea(textarea, {
    mode,
    lineNumbers: true,
    indentUnit: indent,
    tabSize: indent,
    indentWithTabs: false,
    matchBrackets: true,
    autoCloseBrackets: true,
    viewportMargin: autoHeight ? Infinity : 50,
    extraKeys: {
      "Ctrl-Enter": () => onRun(),
      "Cmd-Enter": () => onRun(),
      Esc: () => onLeave?.(),
      // Tab indents with spaces: mixed tabs break Python.
      Tab: (editor) =>
        editor.somethingSelected()
          ? editor.indentSelection("add")
          : editor.replaceSelection(" ".repeat(editor.getOption("indentUnit")), "end"),
      "Shift-Tab": (editor) => editor.indentSelection("subtract"),
      "Ctrl-/": "toggleComment",
      "Cmd-/": "toggleComment",
    },
  });
  const input = cm.getInputField();
  input.setAttribute("aria-label", label);
  if (describedBy) input.setAttribute("aria-describedby", describedBy);
  cm.on("changes", () => onChange?.(cm.getValue()));
  return {
    kind: "codemirror",
    getValue: () => cm.getValue(),
    setValue(code) {
      cm.setValue(code);
      cm.clearHistory();
    },
    setMode(newMode, newLabel) {
      const size = INDENT[newMode] ?? 4;
      cm.setOption("mode", newMode);
      cm.setOption("indentUnit", size);
      cm.setOption("tabSize", size);
      input.setAttribute("aria-label", newLabel);
    },
    focus: () => cm.focus(),
    refresh: () => cm.refresh(),
  };
}

function textareaEditor(textarea, { label, onRun, onChange }) {
  textarea.setAttribute("aria-label", label);
  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onRun();
    }
  });
  textarea.addEventListener("input", () => onChange?.(textarea.value));
  return {
    kind: "textarea",
    getValue: () => textarea.value,
    setValue(code) {
      textarea.value = code;
    },
    setMode(_mode, newLabel) {
      textarea.setAttribute("aria-label", newLabel);
    },
    focus: () => textarea.focus(),
    refresh() {},
  };
}
