// Pages with code (lessons' free pages, command pages, templates): colours every code block and turns the
// fences marked `run` into small editors that run on the grader.

import { highlightCodeBlocks } from "./highlight.js";
import { enhanceRunnableBlocks } from "./runnable.js";

const main = document.getElementById("main");
enhanceRunnableBlocks(main, { graderURL: document.body.dataset.graderUrl ?? "" });
highlightCodeBlocks(main);
