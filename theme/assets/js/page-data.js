// Data the generator embeds in a page as `<script type="application/json" id="…">`.

/** The parsed JSON of the script element `id`, or `fallback` when it is missing or unreadable. */
export function readPageData(id, fallback = {}) {
  try {
    return JSON.parse(document.getElementById(id)?.textContent ?? "null") ?? fallback;
  } catch {
    return fallback;
  }
}
