// Runs before the page paints (a classic script in <head>): applies the colour scheme the learner chose with the
// header's toggle, so a dark page does not flash light. Without a choice, the stylesheet follows the system.
// The key and values are shared with color-scheme.js.
(function () {
  try {
    var chosen = window.localStorage.getItem("codealong:color-scheme");
    if (chosen === "dark" || chosen === "light") document.documentElement.dataset.colorScheme = chosen;
  } catch (error) {
    // No storage: follow the system.
  }
})();
