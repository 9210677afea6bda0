"""QR codes of share links, so a patient can open the program on a phone."""

from __future__ import annotations

import segno

from generator.i18n import lazy_gettext

SHARE_TITLE = lazy_gettext("QR code of the link to this program")


def share_qr_svg(url: str, title: str = SHARE_TITLE) -> str:
    """An inline SVG QR code of ``url`` (medium error correction, quiet zone of 4 modules
    as the standard asks), sized by CSS through its viewBox; empty when ``url`` is too
    long for a QR code (the handout then prints without one)."""
    try:
        code = segno.make(url, error="m", micro=False)
    except segno.DataOverflowError:
        return ""
    return code.svg_inline(
        scale=1,
        border=4,
        omitsize=True,
        svgclass="qr",
        title=str(title),
    )
