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
  let marked = null;
  const clearMark = () => {
    if (!marked) return;
    cm.removeLineClass(marked, "wrap", "cm-error-line");
    cm.removeLineClass(marked, "gutter", "cm-error-gutter");
    marked = null;
  };
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
    /** Marks a 1-based line as where an error happened (background, gutter, and a title for mouse users). */
    markLine(line) {
      clearMark();
      if (line < 1 || line > cm.lineCount()) return;
      marked = cm.addLineClass(line - 1, "wrap", "cm-error-line");
      cm.addLineClass(marked, "gutter", "cm-error-gutter");
      cm.scrollIntoView({ line: line - 1, ch: 0 }, 80);
    },
    clearMarks: () => clearMark(),
    /** Puts the cursor at the start of a 1-based line and focuses the editor. */
    goToLine(line) {
      cm.setCursor({ line: Math.max(0, line - 1), ch: 0 });
      cm.scrollIntoView(null, 80);
      cm.focus();
    },
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
    markLine() {}, // a plain text area cannot colour a line; the results name it and "Go to line" selects it
    clearMarks() {},
    goToLine(line) {
      const lines = textarea.value.split("\n");
      const start = lines.slice(0, Math.max(0, line - 1)).reduce((sum, text) => sum + text.length + 1, 0);
      const end = start + (lines[line - 1]?.length ?? 0);
      textarea.focus();
      textarea.setSelectionRange(start, end);
    },
  };
}
