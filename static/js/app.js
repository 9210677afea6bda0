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

// A preview that comes back while someone is typing must not take their typing away:
// htmx keeps the focus and the caret of a field with an id, and this keeps what the field
// holds now (letters typed after the request left), then asks for a preview of it.
let typing = null;
document.addEventListener("htmx:beforeSwap", () => {
  const field = document.activeElement;
  typing = field && field.id && field.matches("input[type=text], textarea")
    ? { id: field.id, value: field.value, start: field.selectionStart, end: field.selectionEnd }
    : null;
});
document.addEventListener("htmx:afterSettle", () => {
  if (!typing) return;
  const field = document.getElementById(typing.id);
  if (field && field.value !== typing.value) {
    field.value = typing.value;
    field.focus();
    field.setSelectionRange(typing.start, typing.end);
    field.form?.dispatchEvent(new CustomEvent("typed", { bubbles: true }));
  }
  typing = null;
});

// Typing in a text or number field asks for a preview once the typing pauses ("typed"
// with a delay in the form's data-hx-trigger); radios, boxes and menus update on "change".
document.addEventListener("input", (event) => {
  const field = event.target;
  if (field.form && field.matches("input[type=text], input[type=number], textarea")) {
    field.form.dispatchEvent(new CustomEvent("typed", { bubbles: true }));
  }
});
