// Which code a step's editor opens with, and which banner explains it. "Build your own" carries the learner's
// own server forward: a step whose previous step they passed opens with their passing code from that step,
// not with our starter. Choosing the starter keeps their code aside, so they can switch back; nothing they
// wrote is ever dropped. One step and language at a time; storage lives in progress.js. Pure.

/**
 * `saved`: the code last saved for this step and language (null when never edited or chosen);
 * `kept`: the version kept aside when the learner switched (null when none);
 * `starter`: our starter; `carried`: `{code, lesson}` of the previous step's passing code, or null.
 *
 * Returns `{code, banner}` where banner is
 *   "carried"        the editor shows the previous step's passing code; offer to continue or take the starter,
 *   "on-starter"     the editor shows the untouched starter and the learner's own code is kept: offer it back,
 *   "other-version"  the editor shows the learner's code and another version of theirs is kept: offer a swap,
 *   null             nothing to explain.
 */
export function openingCode({ saved = null, kept = null, starter = "", carried = null }) {
  if (saved !== null) {
    if (kept === null || kept === saved) return { code: saved, banner: null };
    return { code: saved, banner: saved === starter ? "on-starter" : "other-version" };
  }
  if (carried && carried.code && carried.code !== starter) return { code: carried.code, banner: "carried" };
  if (kept !== null && kept !== starter) return { code: starter, banner: "on-starter" };
  return { code: starter, banner: null };
}

/**
 * Start from our starter: the editor's code (`current`) is kept aside unless it is the starter itself (or empty).
 * Returns `{saved, kept}` to store. `replacesKept` says an older kept version would be replaced, which the page
 * confirms first.
 */
export function takeStarter({ current, kept = null, starter }) {
  const keep = current && current !== starter ? current : kept;
  return { saved: starter, kept: keep, replacesKept: Boolean(kept !== null && keep !== kept) };
}

/** Switch to the kept version; what the editor held becomes the kept one, unless it was the untouched starter. */
export function swapVersions({ current, kept, starter }) {
  return { saved: kept, kept: current && current !== starter ? current : null };
}
