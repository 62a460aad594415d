// The header's dark-mode toggle. Pages follow the system's colour scheme until the learner presses it; their
// choice is remembered (localStorage) and applied before paint by color-scheme-early.js. Hidden without JavaScript,
// where the system's scheme applies.

const KEY = "codealong:color-scheme";
const root = document.documentElement;
const system = window.matchMedia?.("(prefers-color-scheme: dark)");

/** The scheme in effect: the learner's choice, else the system's. */
export function currentScheme() {
  return root.dataset.colorScheme ?? (system?.matches ? "dark" : "light");
}

function remember(scheme) {
  try {
    window.localStorage.setItem(KEY, scheme);
  } catch {
    // Not remembered; it still applies to this page.
  }
}

const toggle = document.getElementById("color-scheme-toggle");
if (toggle) {
  const icon = toggle.querySelector(".color-scheme-icon");
  const render = () => {
    const dark = currentScheme() === "dark";
    toggle.setAttribute("aria-pressed", String(dark));
    toggle.title = dark ? "Dark mode is on" : "Dark mode is off";
    if (icon) icon.textContent = dark ? "☀" : "☾";
  };
  toggle.addEventListener("click", () => {
    const scheme = currentScheme() === "dark" ? "light" : "dark";
    root.dataset.colorScheme = scheme;
    remember(scheme);
    render();
  });
  system?.addEventListener?.("change", render);
  toggle.hidden = false;
  render();
}
