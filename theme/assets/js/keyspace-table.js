// The keyspace table: what Valkey holds after a run with a server (the result's `keyspace`), one row per key,
// values shown the way valkey-cli would show them. formatTTL and formatValue are pure.

import { element } from "./dom.js";

/** Fills the table in `section` (`.keyspace-table`, `.keyspace-note`) with `keys`; hides it for a run without a server. */
export function showKeyspace(section, keys, truncated) {
  if (!Array.isArray(keys)) {
    section.hidden = true;
    return;
  }
  const body = section.querySelector(".keyspace-table tbody");
  const note = section.querySelector(".keyspace-note");
  const table = section.querySelector(".keyspace-table");
  body.replaceChildren(...keys.map(keyRow));
  table.hidden = keys.length === 0;
  const notes = [];
  if (keys.length === 0) notes.push("Valkey holds no keys after this run.");
  if (truncated) notes.push(`Only the first ${keys.length} keys are listed.`);
  note.textContent = notes.join(" ");
  note.hidden = notes.length === 0;
  section.hidden = false;
}

function keyRow(entry) {
  const row = element("tr", "keyspace-row");
  row.dataset.key = String(entry.key ?? "");
  row.dataset.type = String(entry.type ?? "");
  const key = element("td", "keyspace-key");
  key.append(element("code", "", String(entry.key ?? "")));
  const value = element("td", "keyspace-value");
  value.append(element("pre", "keyspace-value-text", formatValue(entry.type, entry.value) + (entry.truncated ? "\n…" : "")));
  row.append(key, element("td", "keyspace-type", String(entry.type ?? "")), element("td", "keyspace-ttl", formatTTL(entry.ttl)), value);
  return row;
}

/** `ttl` is milliseconds (PTTL); -1 means the key never expires. */
export function formatTTL(ttl) {
  if (typeof ttl !== "number" || ttl < 0) return "no expiry";
  if (ttl < 1000) return `${ttl} ms`;
  const seconds = ttl / 1000;
  if (seconds < 120) return `${seconds.toFixed(1)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}

const quote = (text) => JSON.stringify(String(text));

/** A value the way valkey-cli would show it, compactly: strings quoted, one element or field per line. */
export function formatValue(type, value) {
  switch (type) {
    case "string":
      return quote(value);
    case "list":
    case "set":
      return Array.isArray(value) ? value.map((item, index) => `${index + 1}) ${quote(item)}`).join("\n") : "";
    case "hash":
      return value && typeof value === "object"
        ? Object.entries(value).map(([field, text]) => `${field} → ${quote(text)}`).join("\n")
        : "";
    case "zset":
      return Array.isArray(value)
        ? value.map(([member, score], index) => `${index + 1}) ${quote(member)} (score ${score})`).join("\n")
        : "";
    case "stream":
      return Array.isArray(value)
        ? value
            .map((item) => `${item.id}  ${Object.entries(item.fields ?? {}).map(([f, v]) => `${f}=${quote(v)}`).join(" ")}`)
            .join("\n")
        : "";
    default:
      return typeof value === "string" ? value : JSON.stringify(value);
  }
}
