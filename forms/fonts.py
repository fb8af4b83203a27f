"""A Chinese font for PDFs that prints the same on every PC.

reportlab subset-embeds TrueType-outline fonts, so a form made here shows its Chinese on a
PC without any Chinese font. It cannot embed CFF-outline fonts (Noto Sans/Serif CJK, Source
Han): those fail to load or print blank, so they are never picked. Search order:

1. ``HOUQIN_PDF_FONT`` (a .ttf/.ttc path, for an office that prefers its own font);
2. a font shipped in ``resources/fonts``: the frozen build (packaging/houqin.spec) carries
   WenQuanYi Micro Hei there, inside the program folder (``sys._MEIPASS/resources``);
3. Windows: SimSun, Microsoft YaHei, SimHei, KaiTi, FangSong under ``%WINDIR%\\Fonts``;
4. Linux: WenQuanYi Micro Hei / Zen Hei (Debian ``fonts-wqy-microhei``), AR PL UMing;
5. otherwise the built-in CID font STSong-Light, which is *not embedded*: the PDF shows boxes
   on a PC without a Chinese font, so a warning says so.

For a .ttc collection, subfont 0 is the regular face (SimSun; WenQuanYi Micro Hei).
"""

from __future__ import annotations

import logging
import os
import warnings
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

FONT_NAME = "HouqinCJK"
FALLBACK_CID = "STSong-Light"


def _windows_fonts() -> list[Path]:
    windir = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
    names = ("simsun.ttc", "msyh.ttc", "msyh.ttf", "simhei.ttf", "simkai.ttf", "simfang.ttf")
    return [windir / n for n in names]


LINUX_FONTS = [
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
    Path("/usr/share/fonts/truetype/arphic/uming.ttc"),
    Path("/usr/share/fonts/wqy-microhei/wqy-microhei.ttc"),  # Fedora
    Path("/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc"),  # Arch
]
MAC_FONTS = [Path("/Library/Fonts/Arial Unicode.ttf")]


def candidates() -> list[Path]:
    """Font files to try, best first."""
    found: list[Path] = []
    override = os.environ.get("HOUQIN_PDF_FONT")
    if override:
        found.append(Path(override))
    bundled = Path(__file__).resolve().parent.parent / "resources" / "fonts"
    if bundled.is_dir():
        found += sorted(p for p in bundled.iterdir() if p.suffix.lower() in (".ttf", ".ttc"))
    if os.name == "nt":  # pragma: no cover - exercised on Windows desktops
        found += _windows_fonts()
    found += LINUX_FONTS + MAC_FONTS
    return found


def _is_cff(path: Path) -> bool:
    """True for OpenType-CFF outlines ('OTTO'), which reportlab cannot embed."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4)
    except OSError:
        return True
    return head == b"OTTO" or path.suffix.lower() == ".otf"


@lru_cache(maxsize=1)
def cjk_font() -> str:
    """Register and return the name of the font PDFs use for Chinese (cached per process)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    tried: list[str] = []
    for path in candidates():
        if not path.is_file():
            continue
        if _is_cff(path):
            tried.append(f"{path} (CFF outlines, cannot be embedded)")
            continue
        try:
            pdfmetrics.registerFont(TTFont(FONT_NAME, str(path), subfontIndex=0))
        except (TTFError, OSError, ValueError) as exc:
            tried.append(f"{path} ({exc})")
            continue
        log.info("PDF font: %s", path)
        return FONT_NAME
    message = (
        "未找到可嵌入的中文 TrueType 字体（宋体 simsun.ttc、微软雅黑 msyh.ttc、文泉驿），"
        "PDF 改用内置 STSong-Light，该字体不嵌入文件，在没有中文字体的电脑上会显示为方框。"
        " / No embeddable TrueType CJK font found (SimSun, Microsoft YaHei, WenQuanYi); PDFs "
        "fall back to the built-in STSong-Light, which is not embedded and shows as boxes on "
        "a PC without Chinese fonts."
    )
    if tried:
        message += " Tried: " + "; ".join(tried)
    warnings.warn(message, RuntimeWarning, stacklevel=2)
    log.warning(message)
    pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_CID))
    return FALLBACK_CID
