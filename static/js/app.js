// Behaviour that needs a script, kept out of the HTML so the Content-Security-Policy can
// forbid inline code. The page works without it: the form posts and the page comes back.
"use strict";

function wirePrintButtons(root) {
  for (const button of root.querySelectorAll(".js-print")) {
    button.hidden = false;
    if (!button.dataset.wired) {
      button.dataset.wired = "yes";
      button.addEventListener("click", () => window.print());
    }
  }
}

document.addEventListener("DOMContentLoaded", () => wirePrintButtons(document));
document.addEventListener("htmx:afterSettle", (event) => wirePrintButtons(event.target));

function wireCopyButtons(root) {
  for (const button of root.querySelectorAll(".js-copy")) {
    button.hidden = false;
    if (!button.dataset.wired) {
      button.dataset.wired = "yes";
      button.addEventListener("click", async () => {
        const field = document.getElementById(button.dataset.copy);
        field.select();
        try {
          await navigator.clipboard.writeText(field.value);
          button.textContent = "Copied";
        } catch {
          button.textContent = "Press Ctrl+C to copy";
        }
      });
    }
  }
}

document.addEventListener("DOMContentLoaded", () => wireCopyButtons(document));
document.addEventListener("htmx:afterSettle", (event) => wireCopyButtons(event.target));

// Typing in a text or number field asks for a preview once the typing pauses ("typed"
// with a delay in the form's data-hx-trigger); radios, boxes and menus update on "change".
document.addEventListener("input", (event) => {
  const field = event.target;
  if (field.form && field.matches("input[type=text], input[type=number], textarea")) {
    field.form.dispatchEvent(new CustomEvent("typed", { bubbles: true }));
  }
});
