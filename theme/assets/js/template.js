// A template's page: Copy buttons that put a file's code on the clipboard (they stay hidden without JavaScript;
// the Download links work either way).

const status = document.getElementById("copy-status");

async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard API (plain http, old browsers): select the text in a hidden field and copy that.
    const field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.style.position = "fixed";
    field.style.opacity = "0";
    document.body.append(field);
    field.select();
    const copied = document.execCommand?.("copy") ?? false;
    field.remove();
    return copied;
  }
}

for (const button of document.querySelectorAll(".copy-button[data-copy-target]")) {
  const source = document.getElementById(button.dataset.copyTarget);
  const label = button.querySelector(".copy-label");
  if (!source) continue;
  button.hidden = false;
  let timer;
  button.addEventListener("click", async () => {
    const copied = await copy(source.textContent);
    label.textContent = copied ? "Copied ✓" : "Copy failed";
    if (status) status.textContent = copied ? "Code copied to the clipboard." : "Could not copy; select the code instead.";
    clearTimeout(timer);
    timer = setTimeout(() => {
      label.textContent = "Copy";
    }, 2000);
  });
}
