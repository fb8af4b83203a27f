"""Text helpers shared by every module: the pinyin search key behind "zs" finding 张三, and
the checks every typed text passes: invisible characters removed (``clean``, ``is_blank``),
codes folded (``normalize_code``), lengths and control characters refused on every write
(``check_row``, called by ``models.base.BaseModel``), echoed values cut (``shorten``)."""

from __future__ import annotations

import operator
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from functools import lru_cache
from typing import Any

import peewee

from models.errors import RuleViolation

SEARCH_KEY_MAX = 255
_KEPT = "\x00"  # marks a part of a name pypinyin kept as it is (not Chinese)


@lru_cache(maxsize=1)
def _han_runs() -> re.Pattern[str]:
    """Runs of the characters pypinyin reads as Chinese (its own character class)."""
    # Imported here: pypinyin loads its dictionaries in ~150 ms, which the desktop should
    # not pay at start-up when nobody is being added or renamed.
    from pypinyin.constants import RE_HANS

    pattern = RE_HANS.pattern
    assert pattern.startswith("^(?:") and pattern.endswith(")+$"), pattern
    return re.compile(f"((?:{pattern[4:-3]})+)")


def _runs(name: str) -> list[str]:
    """``name`` cut where Chinese meets other text, as pypinyin cuts it before it looks
    words up (``simple_seg``), so converting run by run gives what converting the whole
    name gives."""
    return [run for run in _han_runs().split(name) if run]


@lru_cache(maxsize=16384)
def _run_pinyin(run: str) -> tuple[str, ...]:
    """The pinyin of one run of Chinese, by syllable (a character without pinyin marked and
    kept as it is). Cached by run: a catalogue repeats its words (笔, 复印纸, 墨盒) across
    thousands of names, and pypinyin costs ~100 µs a name, most of a bulk import's time
    otherwise. (Other text, digits and sizes mostly, is kept as it is, uncached.)

    People's names seldom repeat, so their runs miss that cache; but most hold no word of
    pypinyin's phrase dictionary (张伟, 李秀英), and then pypinyin reads each character on
    its own, with its first reading: the run is made of cached characters, the same
    syllables at a seventh of the cost (compared over 20,000 names, none differed). A run
    holding a phrase (重庆, 银行) goes through pypinyin whole, which reads the phrase."""
    if _phrase_free(run):
        return tuple(_char_pinyin(ch) for ch in run)
    return _pinyin_of(run)


def _pinyin_of(text: str) -> tuple[str, ...]:
    from pypinyin import lazy_pinyin

    return tuple(lazy_pinyin(text, errors=lambda chunk: _KEPT + chunk))


@lru_cache(maxsize=16384)
def _char_pinyin(ch: str) -> str:
    """One character's syllable as pypinyin reads it alone (its first reading)."""
    return _pinyin_of(ch)[0]


PHRASE_RUN_MAX = 8  # longer runs (a sentence) go through pypinyin whole


def _phrase_free(run: str) -> bool:
    """Whether no two or more characters of ``run`` in a row are a word of pypinyin's phrase
    dictionary (which it would read as that word, not character by character)."""
    n = len(run)
    if n > PHRASE_RUN_MAX:
        return False
    if n < 2:
        return True
    phrases = _phrases()
    if n == 2:
        return run not in phrases
    return not any(run[i:j] in phrases for i in range(n - 1) for j in range(i + 2, n + 1))


@lru_cache(maxsize=1)
def _phrases() -> Mapping[str, Any]:
    """pypinyin's phrase dictionary (loaded with pypinyin, on first use)."""
    from pypinyin.constants import PHRASES_DICT

    return PHRASES_DICT


@lru_cache(maxsize=16384)
def _run_key(run: str) -> tuple[str, str]:
    """The initials and the full pinyin of one run of ``_runs``: text that is not Chinese, or
    a character without pinyin, stands for itself in both. Cached by run, so a name costs one
    split and a join of cached parts (most of a catalogue's runs repeat)."""
    if not _han_runs().match(run):
        return run, run
    parts = _run_pinyin(run)
    if _KEPT not in "".join(parts):  # every character read (the common case)
        return "".join([p[:1] for p in parts]), "".join(parts)
    initials = "".join([p[1:] if p.startswith(_KEPT) else p[:1] for p in parts])
    full = "".join([p[1:] if p.startswith(_KEPT) else p for p in parts])
    return initials, full


@lru_cache(maxsize=4096)
def search_key(name: str) -> str:
    """``"张三"`` → ``"zs zhangsan 张三"``: initials, full pinyin and the name itself, lower case,
    stored beside the name so a list can filter with one indexed ``LIKE`` in the database.
    At most ``SEARCH_KEY_MAX`` characters (the column's length): the full pinyin of a long
    name is cut, never the name."""
    name = name.strip()
    # One pass of pypinyin (half the time of two): an initial is the first letter of its
    # syllable, which is what ``Style.FIRST_LETTER`` returns; text that is not Chinese comes
    # back as it is (kept whole in the initials too).
    keys = [_run_key(run) for run in _han_runs().split(name) if run]
    initials = "".join([k[0] for k in keys])
    full = "".join([k[1] for k in keys])
    full = full[: max(0, SEARCH_KEY_MAX - len(initials) - len(name) - 2)]
    return f"{initials} {full} {name}".lower()[:SEARCH_KEY_MAX]


def search_words(text: str) -> list[str]:
    """The words of a search, lower case: each must match some searched column, so "硒鼓 hp"
    finds the 硒鼓 whose specification is HP 88A (one phrase would need both in one column).
    Full-width spaces split too, as an input method types them."""
    return text.replace("\u3000", " ").lower().split()


# --- input: invisible and control characters, codes, lengths ------------------------------

# Zero-width and direction marks, the soft hyphen, the BOM: they show nothing, so a text made
# only of them is empty and a name padded with them is the same name.
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# What Excel (and openpyxl) cannot hold in a cell: C0 controls except tab, line feed and
# carriage return. Accepted once, they make every later template or export write fail.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACE = re.compile(r"\s")

FREE_TEXT_MAX = 5000
"""Characters a free-text column (``TextField``) holds. MariaDB's TEXT stores 65,535 bytes,
which is 16,383 characters at worst (4 bytes each); 5,000 leaves room for the audit row that
copies the text, on both backends."""

# Text columns the program writes itself (JSON, specs): not typed by anyone, not limited.
MACHINE_TEXT = frozenset(
    {
        ("audit_log", "changes"),
        ("flow_version", "spec"),
        ("instance", "fields"),
        ("instance", "route"),
        ("setting", "value"),
    }
)


def clean(text: Any) -> str:
    """A typed text as it is kept: invisible characters removed, spaces trimmed."""
    if type(text) is str and text.isascii():
        return text.strip()  # the invisible characters are none of ASCII (an O(1) test)
    return _INVISIBLE.sub("", "" if text is None else str(text)).strip()


def is_blank(text: Any) -> bool:
    return not clean(text)


def normalize_code(text: Any) -> str:
    """A code as compared and stored: full-width forms folded (NFKC: ``ＺＺ０１`` → ``ZZ01``),
    invisible characters and spaces removed, upper case."""
    if type(text) is str and text.isascii():
        # NFKC and the invisible characters leave ASCII as it is; ``split`` cuts at what
        # ``\s`` matches (the ASCII spaces and U+001C-U+001F): a typed code's common case.
        return "".join(text.split()).upper()
    return _SPACE.sub("", unicodedata.normalize("NFKC", clean(text))).upper()


def shorten(text: Any, limit: int = 60) -> str:
    """A value echoed in a message: at most ``limit`` characters, then …"""
    text = "" if text is None else str(text)
    return text if len(text) <= limit else text[:limit] + "…"


def without_controls(text: str, mark: str = "\ufffd") -> str:
    """``text`` with each control character Excel cannot hold replaced by ``mark``."""
    return _CONTROL.sub(mark, text)


def field_label(field: peewee.Field) -> str:
    """The label users know (``verbose_name``), else the column's name."""
    return field.verbose_name or field.name


def text_limit(field: peewee.Field) -> int | None:
    """How many characters a text column takes: ``max_length`` for a ``CharField``,
    ``FREE_TEXT_MAX`` for free text, ``None`` for machine-written columns and non-text."""
    if isinstance(field, peewee.CharField):
        return field.max_length
    if isinstance(field, peewee.TextField):
        if (field.model._meta.table_name, field.name) in MACHINE_TEXT:
            return None
        return FREE_TEXT_MAX
    return None


def check_text(field: peewee.Field, value: Any) -> None:
    """Refuse a value its column cannot hold, the same way on SQLite and MariaDB: longer than
    the column, or with control characters Excel cannot store."""
    if not isinstance(value, str):
        return
    limit = text_limit(field)
    if limit is None:
        return
    label = field_label(field)
    if len(value) > limit:
        raise RuleViolation(
            None,
            f"「{label}」不能超过 {limit} 个字（现有 {len(value)} 个）",
            f"{label} takes at most {limit} characters ({len(value)} given)",
            field=field.name,
        )
    bad = _CONTROL.search(value)
    if bad:
        raise RuleViolation(
            None,
            f"「{label}」含有不可见的控制字符（U+{ord(bad.group()):04X}），请删除后重试",
            f"{label} holds a control character (U+{ord(bad.group()):04X}); remove it",
            field=field.name,
        )


def check_row(data: dict[Any, Any]) -> None:
    """Every text in an INSERT or UPDATE (``models.base.BaseModel`` calls this)."""
    typed = [f for f in data if isinstance(f, peewee.Field)]
    # what was typed before what is derived from it (``name`` before ``name_search``)
    for field in sorted(typed, key=lambda f: f.name.endswith("_search")):
        check_text(field, data[field])


def row_checker(fields: Sequence[peewee.Field]) -> Callable[[Sequence[Any]], None]:
    """``check_row`` for many rows of the same columns (a bulk insert): the columns' limits
    are read once, and a row costs a length and a pattern test per text. ``values`` are in
    the order of ``fields``; the checks run in ``check_row``'s order and refuse alike."""
    order = sorted(range(len(fields)), key=lambda i: fields[i].name.endswith("_search"))
    checks = [(i, fields[i], text_limit(fields[i])) for i in order]
    checks = [(i, f, limit) for i, f, limit in checks if limit is not None]
    search = _CONTROL.search

    def check(values: Sequence[Any]) -> None:
        for i, field, limit in checks:
            value = values[i]
            if isinstance(value, str) and (len(value) > limit or search(value)):
                check_text(field, value)

    return check


_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}
_NUMBER = re.compile(r"[0-9０-９]+|[零一二三四五六七八九十百]+")


def number_in(name: str) -> int | None:
    """The first number a name holds, Arabic or Chinese (二中队 2, 十二中队 12, 3号 3)."""
    found = _NUMBER.search(name)
    if found is None:
        return None
    text = unicodedata.normalize("NFKC", found.group())
    if text.isdigit():
        return int(text)
    total, digit = 0, 0
    for ch in text:
        if ch == "百":
            total, digit = total + (digit or 1) * 100, 0
        elif ch == "十":
            total, digit = total + (digit or 1) * 10, 0
        else:
            digit = _DIGITS[ch]
    return total + digit


# --- identity numbers ------------------------------------------------------------------

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_SHAPE = re.compile(r"^\d{17}[\dX]$")


_ID_ZEROS = ord("0") * sum(_ID_WEIGHTS)  # what the digits' character codes add over them


def id_check_digit(first17: str) -> str:
    """GB 11643's check digit (ISO 7064 MOD 11-2) of the first 17 digits of an ID number."""
    if len(first17) == 17 and first17.isascii() and first17.isdigit():
        # the digits' codes weighted in C (a bulk import checks one a row), less the zeros'
        total = sum(map(operator.mul, first17.encode("ascii"), _ID_WEIGHTS)) - _ID_ZEROS
        return _ID_CHECK[total % 11]
    return _ID_CHECK[sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


_EXCEL_FLOAT = re.compile(r"^\d(\.\d+)?E\+?\d+$", re.IGNORECASE)
_EXCEL_NUMBER = (
    "被 Excel 当作数字保存（数字格式只保留 15 位有效数字，末几位已丢失）："
    "请把该列设置为「文本」格式后重新录入",
    "was stored by Excel as a number (15 significant digits kept, the last ones lost): "
    "format the column as Text and type it again",
)


def _read_from_a_number_cell(value: str) -> bool:
    """Whether ``value`` is what a reader makes of an 18-digit number Excel stored as a
    number: 15 significant digits kept, the float's integer (110105199001011008) no longer
    ending in 000. Asked only of a number whose check digit fails; one ending in X never was
    a number."""
    return value.isdigit() and str(int(float(f"{float(value):.15g}"))) == value


def check_id_number(text: Any, *, rule: str = "X3", field: str = "id_number") -> str:
    """An 18-digit 居民身份证号码 as it is kept (full-width folded, ``x`` as ``X``), or a
    ``RuleViolation`` naming ``rule`` (X3 for an imported roll, C1 for the customer archive)
    and saying why not. The one check of an ID number in Houqin: teachers and customers
    refuse the same text with the same words.

    Why so strict: Excel keeps 15 significant digits, so an ID number typed into a number
    cell has already lost its last three digits when the file is read; a number (int or
    float, or its text ``1.10105E+17``) is therefore refused with that reason instead of
    being turned back into digits. The check digit is GB 11643's (ISO 7064 MOD 11-2), and
    the birth date must be a real day between 1900 and today."""

    def refuse(value: str, zh: str, en: str) -> RuleViolation:
        return RuleViolation(
            rule,
            f"身份证号「{shorten(value, 24)}」{zh}",
            f"ID number {shorten(value, 24)!r} {en}",
            field=field,
        )

    if isinstance(text, int | float):  # bool is an int too
        raise refuse(str(text), *_EXCEL_NUMBER)
    value = normalize_code(text)  # full-width folded, spaces and invisible marks removed
    if _EXCEL_FLOAT.match(value):
        raise refuse(value, *_EXCEL_NUMBER)
    if len(value) == 15 and value.isdigit():
        raise refuse(
            value,
            "是 15 位旧号码，请填写 18 位号码",
            "is an old 15-digit one; give the 18-digit one",
        )
    if not _ID_SHAPE.match(value):
        raise refuse(
            value,
            "应为 18 位：17 位数字加 1 位校验码（数字或 X）",
            "must be 18 characters: 17 digits and a check digit (0-9 or X)",
        )
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        born = None
    # The PC's day, not the office clock (``models.base.now``): this runs once a row of an
    # import, and a birth date in the future is wrong by years, not by a time zone's day.
    if born is None or born.year < 1900 or born > date.today():
        raise refuse(
            value,
            f"中的出生日期不存在（{value[6:14]}）",
            f"holds no real date of birth ({value[6:14]})",
        )
    expected = id_check_digit(value[:17])
    if value[17] != expected:
        if value.endswith("000") or _read_from_a_number_cell(value):
            raise refuse(value, *_EXCEL_NUMBER)
        raise refuse(
            value,
            f"校验码不符（末位应为 {expected}），请核对是否录错",
            f"has the wrong check digit (it should be {expected}): a digit was mistyped",
        )
    return value
