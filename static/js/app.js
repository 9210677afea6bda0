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
// holds now (letters typed after the request left), then asks for a preview of it. Only
// a field the swap replaced is given its old value back: one outside the preview (the
// questionnaire's) is still the same element and holds what was typed during the swap.
// It is given back at once after the swap, which runs in the same task as beforeSwap, so
// no key can come between: not after the settle, 20 ms later, which would undo a key
// pressed in the new field in the meantime.
let typing = null;
document.addEventListener("htmx:beforeSwap", () => {
  const field = document.activeElement;
  typing = field && field.id && field.matches("input[type=text], textarea")
    ? {
        element: field,
        id: field.id,
        value: field.value,
        start: field.selectionStart,
        end: field.selectionEnd,
      }
    : null;
});
document.addEventListener("htmx:afterSwap", () => {
  if (!typing) return;
  const field = document.getElementById(typing.id);
  if (field && field !== typing.element && field.value !== typing.value) {
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

// htmx sends a form's requests to the formaction of the last button clicked while that
// button keeps the focus: right after "Download PDF", a preview asked for by typing that
// paused a moment earlier would go to the PDF address and swap a PDF into the page. The
// preview always comes from the form's own address.
document.addEventListener("htmx:configRequest", (event) => {
  const form = event.detail.elt;
  if (form.id === "questionnaire") event.detail.path = form.getAttribute("data-hx-post");
});

// The preview must end up made from the answers the form holds now, whatever happened to
// the requests on the way: a request replaced at an unlucky moment, or a trigger lost
// while another was in flight, would otherwise leave an older preview on screen for good.
// Once a second, when no request has left for two seconds and the answers (the fields
// outside the preview) differ from those the preview on screen was made from, ask again:
// twice at most for the same answers, so a request that keeps failing is not repeated.
const preview = { shown: null, lastSent: 0, retried: null, retries: 0 };
function answersOf(form) {
  const answers = new URLSearchParams();
  for (const field of form.elements) {
    if (!field.name || field.disabled || field.closest("#preview")) continue;
    if (["submit", "button", "reset"].includes(field.type)) continue;
    if (["radio", "checkbox"].includes(field.type) && !field.checked) continue;
    answers.append(field.name, field.value);
  }
  return answers.toString();
}
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("questionnaire");
  if (form) preview.shown = answersOf(form); // the server made the first preview from them
});
document.addEventListener("htmx:beforeRequest", (event) => {
  if (event.detail.elt.id !== "questionnaire") return;
  preview.lastSent = Date.now();
  event.detail.xhr.answers = answersOf(event.detail.elt);
});
document.addEventListener("htmx:afterSwap", (event) => {
  const sent = event.detail.xhr && event.detail.xhr.answers;
  if (sent !== undefined) preview.shown = sent;
});
window.setInterval(() => {
  const form = document.getElementById("questionnaire");
  if (!form || preview.shown === null || Date.now() - preview.lastSent < 2000) return;
  const answers = answersOf(form);
  if (answers === preview.shown) return;
  if (answers !== preview.retried) {
    preview.retried = answers;
    preview.retries = 0;
  }
  if (preview.retries < 2) {
    preview.retries += 1;
    form.dispatchEvent(new CustomEvent("typed", { bubbles: true }));
  }
}, 1000);
