// The progress file: everything CodeAlong keeps in this browser (code per step and language, passed steps,
// preferences), as one JSON file the learner can take to another browser or machine. Pure: no DOM, no storage.

export const FORMAT = "codealong-progress";
export const VERSION = 1;
/** Keys this site owns in localStorage; nothing else is exported or imported. */
export const KEY_PREFIX = "codealong:";
const PROGRESS_KEY = `${KEY_PREFIX}progress`;
/** Larger files are refused before parsing: localStorage holds about 5 MB per site anyway. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** The file's text for `entries` (`{key: value}`, values as stored: strings). */
export function progressFile(entries, exportedAt = new Date().toISOString()) {
  const kept = Object.fromEntries(
    Object.entries(entries)
      .filter(([key, value]) => key.startsWith(KEY_PREFIX) && typeof value === "string")
      .sort(([a], [b]) => a.localeCompare(b)),
  );
  return `${JSON.stringify({ format: FORMAT, version: VERSION, exportedAt, entries: kept }, null, 2)}\n`;
}

/** `codealong-progress-2026-11-29.json`. */
export function progressFileName(date = new Date()) {
  return `${FORMAT}-${date.toISOString().slice(0, 10)}.json`;
}

/** A file that is not a progress file; `message` says so in words a learner can act on. */
export class ProgressFileError extends Error {}

/** The entries of a progress file's text; throws a ProgressFileError naming what is wrong. */
export function readProgressFile(text) {
  if (typeof text !== "string" || text.length > MAX_FILE_BYTES) {
    throw new ProgressFileError("This file is too large to be a CodeAlong progress file.");
  }
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ProgressFileError("This file is not a CodeAlong progress file (it is not JSON).");
  }
  if (parsed?.format !== FORMAT || typeof parsed.entries !== "object" || parsed.entries === null) {
    throw new ProgressFileError("This file is not a CodeAlong progress file. Choose a file made by “Export progress”.");
  }
  if (typeof parsed.version !== "number" || parsed.version > VERSION) {
    throw new ProgressFileError("This progress file comes from a newer version of CodeAlong than this site.");
  }
  const entries = {};
  for (const [key, value] of Object.entries(parsed.entries)) {
    if (key.startsWith(KEY_PREFIX) && typeof value === "string") entries[key] = value;
  }
  return entries;
}

/**
 * What importing `incoming` into `current` writes: every incoming entry, except that the passed-steps record is
 * merged (a step passed in either place stays passed, and started stays started). `replaced` lists the keys
 * whose different content the import overwrites (the page asks first).
 */
export function mergeProgress(current, incoming) {
  const writes = { ...incoming };
  if (incoming[PROGRESS_KEY] !== undefined) {
    writes[PROGRESS_KEY] = JSON.stringify(mergeSteps(parseSteps(current[PROGRESS_KEY]), parseSteps(incoming[PROGRESS_KEY])));
  }
  const replaced = Object.keys(incoming).filter(
    (key) => key !== PROGRESS_KEY && current[key] !== undefined && current[key] !== incoming[key],
  );
  return { writes, replaced };
}

function parseSteps(text) {
  try {
    const parsed = JSON.parse(text ?? "{}");
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

function mergeSteps(here, there) {
  const merged = { ...here };
  for (const [lesson, entry] of Object.entries(there)) {
    if (!entry || typeof entry !== "object") continue;
    const mine = merged[lesson] ?? {};
    merged[lesson] = {
      ...mine,
      ...entry,
      started: Boolean(mine.started || entry.started),
      passed: Boolean(mine.passed || entry.passed),
    };
    const passedAt = [mine.passedAt, entry.passedAt].filter(Boolean).sort()[0];
    if (passedAt) merged[lesson].passedAt = passedAt;
    else delete merged[lesson].passedAt;
  }
  return merged;
}

/** Counts for a sentence after an import: steps passed, steps with code. */
export function describeEntries(entries) {
  const steps = parseSteps(entries[PROGRESS_KEY]);
  const passed = Object.values(steps).filter((entry) => entry?.passed).length;
  const lessonsWithCode = new Set(
    Object.keys(entries)
      .filter((key) => key.startsWith(`${KEY_PREFIX}code:`))
      .map((key) => key.split(":").slice(2, -1).join(":")),
  );
  return { passed, withCode: lessonsWithCode.size };
}
