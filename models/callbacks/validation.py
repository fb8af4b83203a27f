"""The customer archive's typed inputs (C1): phone numbers and identity numbers, checked once
here so the desktop, the importer and the command line refuse the same text with the same
words, on both backends.

- a mobile is 11 digits ``1[3-9]xxxxxxxxx`` (``+86``/``86`` and separators dropped);
- a landline is an area code (``010`` and ``02x`` have three digits, the others four), a
  local number of 7 or 8 digits not starting with 0, and an optional extension
  (``转``, ``ext``, ``-``, ``#``), written ``010-12345678`` or ``0571-8888666-801``;
- a 居民身份证号码 has 18 characters whose last is the GB 11643 check digit (0–9 or X) and
  whose digits 7–14 are a real date of birth; an 统一社会信用代码 (organisations) has 18
  characters checked by GB 32100. A number Excel turned into a float (``1.10105E+17``, or
  digits ending in zeros it rounded) is refused with how to fix the column.
"""

from __future__ import annotations

import re
from typing import Any

from models.errors import RuleViolation
from models.text import check_id_number, shorten

_SEPARATORS = re.compile(r"[\s\-－—()（）.·]")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_EXTENSION = re.compile(r"^(.*?)(?:转|ext\.?|x|#|分机)\s*(\d{1,6})$", re.IGNORECASE)
_LOCAL = re.compile(r"^[1-9]\d{6,7}$")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９＋", "0123456789+")


def _bad_phone(text: str) -> RuleViolation:
    return RuleViolation(
        "C1",
        f"电话号码「{shorten(text, 30)}」格式不正确（手机 11 位如 13812345678；"
        "座机带区号如 010-12345678，分机写作 010-12345678转801）",
        f"phone {shorten(text, 30)!r} is neither a mobile (11 digits, 1[3-9]…) nor a landline "
        "with its area code (010-12345678, extension as 转801)",
        field="phone",
    )


def normalize_phone(text: str) -> str:
    """The phone as the archive stores it: ``13812345678`` or ``010-12345678[-801]``."""
    if type(text) is str and len(text) == 11 and text.isascii() and _MOBILE.match(text):
        return text  # a mobile typed as it is kept: the common case
    raw = (text or "").strip().translate(_FULL_WIDTH)
    if not raw:
        raise RuleViolation("C1", "电话号码不能为空", "a phone number is required", field="phone")
    extension = ""
    hyphenated = re.fullmatch(r"(0\d{2,3})-(\d{7,8})-(\d{1,6})", raw)
    if hyphenated:
        raw, extension = f"{hyphenated[1]}{hyphenated[2]}", hyphenated[3]
    else:
        found = _EXTENSION.match(raw)
        if found:
            raw, extension = found[1], found[2]
    digits = _SEPARATORS.sub("", raw)
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    if not digits.isdigit():
        raise _bad_phone(text)
    if _MOBILE.match(digits):
        if extension:
            raise _bad_phone(text)
        return digits
    if not digits.startswith("0"):
        raise _bad_phone(text)
    width = 3 if digits[1] in "12" else 4
    area, local = digits[:width], digits[width:]
    if not _LOCAL.match(local):
        raise _bad_phone(text)
    return f"{area}-{local}" + (f"-{extension}" if extension else "")


def phone_tail(phone: str) -> str:
    """The last four digits of the number itself (not of an extension): 尾号."""
    parts = phone.split("-")
    main = parts[1] if len(parts) > 1 else parts[0]
    return main[-4:]


_CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def _bad_code(text: str, zh: str, en: str) -> RuleViolation:
    return RuleViolation(
        "C1",
        f"证件号码「{shorten(text, 30)}」{zh}",
        f"ID number {shorten(text, 30)!r}: {en}",
        field="id_no",
    )


def normalize_id_number(value: Any) -> str | None:
    """A customer's 18-digit 居民身份证号码 (``models.text.check_id_number``, refused under C1);
    ``None`` for an empty value."""
    if not isinstance(value, int | float) and not str(value or "").strip():
        return None
    return check_id_number(value, rule="C1", field="id_no")


def credit_check_char(first17: str) -> str:
    total = sum(_CREDIT_CHARS.index(c) * w for c, w in zip(first17, _CREDIT_WEIGHTS, strict=True))
    return _CREDIT_CHARS[(31 - total % 31) % 31]


def normalize_credit_code(value: Any) -> str | None:
    """An organisation's 18-character 统一社会信用代码 with its check character."""
    text = re.sub(r"\s", "", str(value or "")).upper()
    if not text:
        return None
    if not re.fullmatch(f"[{_CREDIT_CHARS}]{{18}}", text):
        raise _bad_code(
            text,
            "不是 18 位统一社会信用代码（不含 I、O、Z、S、V）",
            "an organisation's credit code has 18 characters without I, O, Z, S, V",
        )
    if credit_check_char(text[:17]) != text[17]:
        raise _bad_code(
            text,
            f"校验位不符（末位应为 {credit_check_char(text[:17])}）",
            f"the check character should be {credit_check_char(text[:17])}",
        )
    return text
