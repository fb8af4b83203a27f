"""Chinese is the source language of every ``tr()`` string; English is a Qt translation
(``resources/i18n/houqin_en.qm``, compiled from ``houqin_en.ts`` with ``pyside6-lrelease``).

Widgets translate with ``self.tr`` (the class is the context); a package's module-level
strings share one context through ``tr = translator("fleet")``. Messages that come from
``models/`` (rule violations, role names) carry both languages already; ``pick(zh, en)``
chooses between them with the same setting, so a user never sees a half-translated sentence.
Domain codes (states, categories) have their labels in ``desktop.labels``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop import prefs

LANGUAGES = {"zh_CN": "中文", "en": "English"}
I18N_DIR = Path(__file__).resolve().parent.parent / "resources" / "i18n"

_current = "zh_CN"
_translators: list[QTranslator] = []


def configured_language() -> str:
    lang = prefs.value("ui/language", "zh_CN", str)
    return lang if lang in LANGUAGES else "zh_CN"


def set_configured_language(lang: str) -> None:
    """Saved for the next start: widgets are built once with their texts."""
    prefs.put("ui/language", lang)


def current() -> str:
    return _current


def is_english() -> bool:
    return _current == "en"


def pick(zh: str, en: str) -> str:
    return en if _current == "en" else zh  # asked for every cell of some lists: no call


def translator(context: str) -> Callable[..., str]:
    """``tr(text, disambiguation=None, n=-1)`` for the module-level strings of ``context``."""

    def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
        return QCoreApplication.translate(context, text, disambiguation, n)

    return tr


def install(app: QCoreApplication, lang: str | None = None) -> str:
    """Load the translation for ``lang`` (default: the user's setting) into ``app``. Qt's own
    dialog buttons follow: ``qtbase_zh_CN`` for Chinese, nothing for English."""
    global _current
    for old in _translators:
        app.removeTranslator(old)
    _translators.clear()
    lang = lang or configured_language()
    _current = lang
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if lang == "en":
        ours = QTranslator(app)
        if ours.load(str(I18N_DIR / "houqin_en.qm")):
            app.installTranslator(ours)
            _translators.append(ours)
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    else:
        qt = QTranslator(app)
        if qt.load("qtbase_zh_CN", qt_dir):
            app.installTranslator(qt)
            _translators.append(qt)
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    return lang
