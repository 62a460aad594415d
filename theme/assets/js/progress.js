// Progress kept in this browser: the learner's code per step and language, which steps passed (and with what
// code), the version of a step's code kept aside, where they stopped in each course, and preferences.
// localStorage can be missing or full (private windows, quotas); every access degrades to "nothing saved".

import { KEY_PREFIX as PREFIX } from "./progress-file.js";

const PROGRESS_KEY = `${PREFIX}progress`;

function storage() {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // a browser that blocks storage throws on access
  }
}

function read(key) {
  try {
    return storage()?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function write(key, value) {
  try {
    if (value === null || value === undefined) storage()?.removeItem(key);
    else storage()?.setItem(key, value);
  } catch {
    // Storage refused the write; the page keeps working without persistence.
  }
}

function readProgress() {
  try {
    const parsed = JSON.parse(read(PROGRESS_KEY) ?? "{}");
    return parsed && typeof parsed === "object" ? parsed : {};
  } catch {
    return {};
  }
}

function updateLesson(lesson, change) {
  const progress = readProgress();
  progress[lesson] = { ...(progress[lesson] ?? {}), ...change };
  write(PROGRESS_KEY, JSON.stringify(progress));
}

const codeKey = (lesson, language) => `${PREFIX}code:${lesson}:${language}`;
const keptKey = (lesson, language) => `${PREFIX}kept:${lesson}:${language}`;
const passedCodeKey = (lesson, language) => `${PREFIX}passed:${lesson}:${language}`;
const lastKey = (course) => `${PREFIX}last:${course}`;

/** The code the learner last wrote for a step in a language, or null. */
export function savedCode(lesson, language) {
  return read(codeKey(lesson, language));
}

export function saveCode(lesson, language, code) {
  write(codeKey(lesson, language), code);
  if (!readProgress()[lesson]?.started) updateLesson(lesson, { started: true });
}

export function forgetCode(lesson, language) {
  write(codeKey(lesson, language), null);
}

/** The other version of a step's code, kept aside when the learner switched to the starter (or back), or null. */
export function keptCode(lesson, language) {
  return read(keptKey(lesson, language));
}

export function setKeptCode(lesson, language, code) {
  write(keptKey(lesson, language), code);
}

/** Records a pass, and the code that passed: the next step offers it to carry on with. */
export function markPassed(lesson, language, code) {
  updateLesson(lesson, { started: true, passed: true, passedAt: new Date().toISOString() });
  if (language && typeof code === "string") write(passedCodeKey(lesson, language), code);
}

/**
 * The code that passed a step in a language, or null. Progress saved before passing code was recorded
 * falls back to the step's saved code, if the step passed.
 */
export function passedCode(lesson, language) {
  const code = read(passedCodeKey(lesson, language));
  if (code !== null) return code;
  return stepState(lesson) === "passed" ? savedCode(lesson, language) : null;
}

/** "passed", "started" or "todo". */
export function stepState(lesson) {
  const entry = readProgress()[lesson];
  if (entry?.passed) return "passed";
  if (entry?.started) return "started";
  return "todo";
}

/** Forgets one step: its passed or started mark and its code in every language (kept and passed versions too). */
export function resetStep(lesson) {
  const progress = readProgress();
  delete progress[lesson];
  write(PROGRESS_KEY, JSON.stringify(progress));
  for (const key of Object.keys(allEntries())) {
    const [, kind, id] = key.split(":");
    if (["code", "kept", "passed"].includes(kind) && id === lesson) write(key, null);
  }
}

/** The step of a course the learner last had open, or null. */
export function lastLesson(course) {
  return read(lastKey(course));
}

export function setLastLesson(course, lesson) {
  write(lastKey(course), lesson);
}

/**
 * Where to continue in a course: the step the learner last had open, unless they passed it, then the first
 * unpassed step after it (or, failing that, anywhere); null when every step passed.
 * `steps` is `[{lesson, state}]` in course order.
 */
export function resumeStep(steps, last) {
  const at = steps.findIndex((step) => step.lesson === last);
  if (at >= 0 && steps[at].state !== "passed") return steps[at].lesson;
  const after = steps.slice(at + 1).find((step) => step.state !== "passed");
  return (after ?? steps.find((step) => step.state !== "passed"))?.lesson ?? null;
}

export function preferredLanguage(course) {
  return read(`${PREFIX}language:${course}`);
}

export function setPreferredLanguage(course, language) {
  write(`${PREFIX}language:${course}`, language);
}

/** The playground's code per language, kept so a reload does not lose it. */
export function savedPlaygroundCode(language) {
  return read(`${PREFIX}playground:${language}`);
}

export function savePlaygroundCode(language, code) {
  write(`${PREFIX}playground:${language}`, code);
}

/** Every entry this site keeps (`{key: value}`), for the progress file. */
export function allEntries() {
  const entries = {};
  const store = storage();
  try {
    for (let index = 0; index < (store?.length ?? 0); index += 1) {
      const key = store.key(index);
      if (key?.startsWith(PREFIX)) entries[key] = store.getItem(key);
    }
  } catch {
    // Unreadable storage exports nothing.
  }
  return entries;
}

/** Writes imported entries; false when storage refused (full, or blocked). */
export function writeEntries(entries) {
  try {
    const store = storage();
    if (!store) return false;
    for (const [key, value] of Object.entries(entries)) store.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}
