"""The hamstring rehab handout generator: questionnaire, clinical rules, catalogue, program
model, figures and PDF rendering, as plain Python with no web framework."""
