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
