"""The pinyin search key (``models.text.search_key``): a run of Chinese is read by
pypinyin whole, or character by character when it holds none of its phrases; both must give
the very syllables pypinyin gives the whole run. No database: the key is plain text."""

from __future__ import annotations

import random

from pypinyin import lazy_pinyin

from models import text


def _names() -> list[str]:
    """People's names, with the surnames and given names that have several readings
    (单, 曾, 解, 乐, 重, 长, 行, 朝), and the items and places whose words are phrases."""
    surnames = "王李张刘陈杨黄赵周吴徐孙朱马胡郭林何高罗郑梁谢宋唐韩冯曾单解查区仇乐覃"
    given = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚华建国志玉红梅海燕晓东春长重乐朝行"
    rnd = random.Random(7)
    names = [
        rnd.choice(surnames) + "".join(rnd.choice(given) for _ in range(rnd.randint(1, 2)))
        for _ in range(3000)
    ]
    return [*names, "重庆", "银行", "长江", "重新", "音乐", "朝阳", "行长", "复印纸", "长城宽带"]


def test_a_name_read_by_its_characters_has_the_syllables_pypinyin_gives_it_whole():
    kept = text._KEPT
    for name in _names():
        whole = lazy_pinyin(name, errors=lambda chunk: kept + chunk)
        assert list(text._run_pinyin.__wrapped__(name)) == whole, name


def test_a_phrase_is_read_as_the_phrase():
    assert not text._phrase_free("重庆") and text._run_pinyin.__wrapped__("重庆")[0] == "chong"
    assert text._phrase_free("张伟")
    assert text.search_key("银行") == "yh yinhang 银行"
