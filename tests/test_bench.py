"""The benchmark's reference document stays the one the issue describes (make bench)."""

from __future__ import annotations

import weasyprint

from scripts.bench import exported_figure, our_figure, reference_html


def test_reference_has_ten_flex_cards_and_twenty_inline_figures():
    html = reference_html()
    assert html.count('<section class="card">') == 10
    assert html.count("<svg ") == 20
    assert "display: flex" in html
    assert len(weasyprint.HTML(string=html).render().pages) == 5


def test_reference_figures_are_fixed_outlines_of_bezier_curves():
    figure = exported_figure(0)
    assert exported_figure(3) == exported_figure(3) != exported_figure(4)
    assert 60_000 < len(figure) < 70_000
    assert figure.count("<path ") == 50
    assert figure.count("C") == 50 * 32


def test_the_lighter_reference_uses_our_own_figures():
    html = reference_html(our_figure)
    assert html.count("<svg ") == 20
    assert len(html) < len(reference_html()) / 10
