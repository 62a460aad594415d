// The languages the grader runs, as sitegen wrote them into the page from its one table
// (Sources/Content/Model.swift, `Language`): by id and alias, with each one's editor mode and
// whether it needs a Valkey server.

import { readPageData } from "./page-data.js";

let table;

/** `{id, name, mainFile, editorMode, needsServer, defaultServer}` for an id or alias, or undefined. */
export function languageNamed(word) {
  table ??= readPageData("codealong-languages");
  return table[word];
}
