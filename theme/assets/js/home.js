// The home page: shows how far the learner got in each course.

import { stepState } from "./progress.js";

for (const card of document.querySelectorAll(".course-card[data-lessons]")) {
  const lessons = card.dataset.lessons.split(" ").filter(Boolean);
  const passed = lessons.filter((lesson) => stepState(lesson) === "passed").length;
  const line = card.querySelector(".course-card-progress");
  if (!line || passed === 0) continue;
  line.textContent = `✓ ${passed} of ${lessons.length} steps passed`;
  line.hidden = false;
}
