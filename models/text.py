"""Text helpers shared by every module: the pinyin search key behind "zs" finding 张三."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=4096)
def search_key(name: str) -> str:
    """``"张三"`` → ``"zs zhangsan 张三"``: initials, full pinyin and the name itself, lower case,
    stored beside the name so a list can filter with one indexed ``LIKE`` in the database."""
    # Imported here: pypinyin loads its dictionaries in ~150 ms, which the desktop should
    # not pay at start-up when nobody is being added or renamed.
    from pypinyin import Style, lazy_pinyin

    name = name.strip()
    initials = "".join(lazy_pinyin(name, style=Style.FIRST_LETTER, errors="default"))
    full = "".join(lazy_pinyin(name, errors="default"))
    return f"{initials} {full} {name}".lower()
