// Small DOM helpers the theme's modules share. Text always goes in as text, never as HTML.

/** `<tag class="className">text</tag>`; `text` undefined leaves the element empty. */
export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

/** A `<button type="button">`. */
export function button(className, text) {
  const node = element("button", className, text);
  node.type = "button";
  return node;
}

/** An icon that screen readers skip (the words next to it say the same). */
export function icon(className, symbol) {
  const node = element("span", className, symbol);
  node.setAttribute("aria-hidden", "true");
  return node;
}

/** Offers `text` as a file download named `name`. */
export function download(name, text, type = "application/json") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = element("a");
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
