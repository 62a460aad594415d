// Progress kept in this browser: the learner's code per step and language, and which steps passed.
// localStorage can be missing or full (private windows, quotas); every access degrades to "nothing saved".

const PREFIX = "codealong:";
const PROGRESS_KEY = `${PREFIX}progress`;

function read(key) {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key, value) {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
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

export function markPassed(lesson) {
  updateLesson(lesson, { started: true, passed: true, passedAt: new Date().toISOString() });
}

/** "passed", "started" or "todo". */
export function stepState(lesson) {
  const entry = readProgress()[lesson];
  if (entry?.passed) return "passed";
  if (entry?.started) return "started";
  return "todo";
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
