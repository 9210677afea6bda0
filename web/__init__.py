"""The web layer: thin Flask blueprints over ``generator``, one file per concern.

- ``handout``: the questionnaire, the live preview, the program page, the PDF and the JSON;
- ``exercises``: one page per exercise, with its figure moving;
- ``context``: what the templates are given, built in one place by mode;
- ``assets``: figures, the clinic's logo and htmx, served by the app itself;
- ``pdfs``: the PDF service (cache, render slots, render-ahead) for the app;
- ``security``: trusted hosts, body limits, security headers and error pages;
- ``cli``: `flask handout pdf|batch` for clinic printing.
"""
