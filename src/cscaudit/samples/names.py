"""Fictional Chinese people and places for synthetic exports.

Names, addresses, ID numbers and phone numbers are composed from small lists with a seeded
`random.Random`, so a seed always gives the same people. Every ID number carries a valid
GB 11643 check digit (readers check it); none belongs to a real person on purpose: the
sequence part is random and the phone numbers use the 1xx-5555-xxxx pattern.
"""

from __future__ import annotations

import datetime as dt
import random

from cscaudit.ingest.values import id_check_digit
from cscaudit.samples.model import pick

# Frequent surnames first; `random.choices` with these weights gives a plausible mix.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
)
_SURNAME_WEIGHTS = tuple(max(1.0, 12.0 - i * 0.15) for i in range(len(SURNAMES)))
GIVEN_CHARS = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华建国志红玉兰德文春梅海燕金凤"
    "桂珍淑珍秀兰凤英秀珍玉梅丹婷宇浩然子涵欣怡梓轩一鸣佳琪诗雨思远俊杰晨阳博文雅婷"
)
ROAD_STEMS = (
    "新园", "和悦", "清河", "金银湖", "育才", "振兴", "和平", "建设", "幸福", "光明", "朝阳",
    "长青", "东湖", "南苑", "北辰", "文昌", "银杏", "丰收", "锦绣", "滨江",
)
ROAD_SUFFIXES = ("路", "街", "大道", "巷")
COMPOUND_SUFFIXES = ("小区", "花园", "家园", "苑", "新村", "公寓")

# Area codes for ID numbers per city (first six digits of a district of that city).
CITY_AREA_CODES = {
    "北京市": ("110114", "110105", "110108"),
    "宁波市": ("330212", "330203", "330206"),
    "武汉市": ("420112", "420102", "420106"),
}
_DEFAULT_AREA_CODES = ("110101", "330102", "420103", "510104", "440106")

def person_name(rng: random.Random) -> str:
    """A two- or three-character Chinese name."""
    surname = rng.choices(SURNAMES, weights=_SURNAME_WEIGHTS)[0]
    size = 1 if rng.random() < 0.3 else 2
    return surname + "".join(pick(rng, GIVEN_CHARS) for _ in range(size))


def id_number(rng: random.Random, city: str, born: dt.date) -> str:
    """An 18-character ID number with a valid check digit."""
    area = pick(rng, CITY_AREA_CODES.get(city, _DEFAULT_AREA_CODES))
    body = f"{area}{born:%Y%m%d}{int(rng.random() * 1000):03d}"
    return body + id_check_digit(body)


def phone_number(rng: random.Random) -> str:
    """A mobile number on a reserved-looking pattern (13x5555xxxx)."""
    return f"1{pick(rng, '3578')}{int(rng.random() * 10)}5555{int(rng.random() * 10000):04d}"


def birth_date(rng: random.Random, year: int, age_min: int, age_max: int) -> dt.date:
    """A birth date giving an age between `age_min` and `age_max` in `year`."""
    age = rng.randint(age_min, age_max)
    return dt.date(year - age, rng.randint(1, 12), rng.randint(1, 28))


def road_names(rng: random.Random, count: int) -> list[str]:
    """`count` distinct road names."""
    pool = [stem + suffix for stem in ROAD_STEMS for suffix in ROAD_SUFFIXES]
    rng.shuffle(pool)
    return pool[:count]


def compound_name(rng: random.Random, road: str) -> str:
    return road[:2] + rng.choice(COMPOUND_SUFFIXES)


def community_name(rng: random.Random, used: set[str]) -> str:
    """A community name not in `used` (then added to it)."""
    for _ in range(1000):
        name = rng.choice(ROAD_STEMS) + rng.choice(("社区", "里社区", "苑社区", "新村社区"))
        if name not in used:
            used.add(name)
            return name
    name = f"第{len(used) + 1}社区"
    used.add(name)
    return name
