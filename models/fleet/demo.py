"""A year of fleet life for the demo office: 30 vehicles, repairs with supplements and
overhauls, maintenance and fuel, so the statistics and the chart show something real.

Everything goes through the same use cases as the desktop (so the demo also exercises every
rule), with timestamps spread over the twelve months before ``today``. A fixed seed makes
the demo the same on every PC.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from models import fleet, people, workflow
from models.base import now
from models.demo import demo_phone
from models.fleet import LineInput
from models.people import SYSTEM, Department, Role, User
from models.prepared import Prepared

MODELS = [
    "大众帕萨特",
    "丰田凯美瑞",
    "别克GL8",
    "大众朗逸",
    "比亚迪汉EV",
    "日产轩逸",
    "五菱宏光",
    "江铃全顺",
    "吉利帝豪",
    "本田雅阁",
]
PREFIXES = ["京A", "京B", "京C", "京F", "京N", "京Q"]
SHOPS = [
    ("城东汽修厂", "东环路8号"),
    ("京顺汽车服务中心", "顺义区府前街2号"),
    ("北方车辆维修有限公司", "丰台区南四环西路19号"),
    ("华通汽车修理厂", "朝阳区酒仙桥路5号"),
]
STATIONS = ["中石化东环站", "中石油府前街站", "中石化南四环站"]
DRIVERS = [
    ("liuqiang", "刘强"),
    ("chenming", "陈明"),
    ("yangfan", "杨帆"),
    ("zhaojun", "赵军"),
    ("sunpeng", "孙鹏"),
    ("zhoubin", "周斌"),
    ("wuhao", "吴昊"),
    ("maxin", "马鑫"),
    ("hulin", "胡林"),
    ("gaoyang", "高阳"),
]
FAULTS = [
    ("刹车异响，制动距离变长", [("前刹车片", "420", "part"), ("刹车盘打磨", "150", "labour")]),
    (
        "发动机故障灯亮，怠速抖动",
        [
            ("点火线圈", "680", "part"),
            ("火花塞（4只）", "320", "part"),
            ("检测工时", "200", "labour"),
        ],
    ),
    ("空调不制冷", [("空调压缩机皮带", "260", "part"), ("加注制冷剂", "300", "labour")]),
    ("左前轮胎鼓包", [("轮胎 215/55R17", "780", "part"), ("四轮定位", "180", "labour")]),
    ("蓄电池亏电无法启动", [("蓄电池 60Ah", "650", "part"), ("更换工时", "50", "labour")]),
    ("变速箱换挡冲击", [("变速箱油", "900", "part"), ("换油工时", "300", "labour")]),
    ("雨刮器刮不干净", [("雨刮片（一对）", "160", "part")]),
    ("前大灯不亮", [("大灯灯泡", "120", "part"), ("检修工时", "80", "labour")]),
]
SUPPLEMENTS = [
    ("拆检发现水泵漏水", LineInput("水泵总成", Decimal("2350"), assembly=True, warranty_months=12)),
    ("拆检发现正时皮带老化", LineInput("正时皮带套件", Decimal("1450"), warranty_months=12)),
    ("减震器漏油", LineInput("前减震器（一对）", Decimal("2680"), warranty_months=12)),
]
OVERHAUL = [
    ("发动机大修（缸体、活塞环）", "8600", "part"),
    ("曲轴瓦", "1800", "part"),
    ("大修工时", "3200", "labour"),
]


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 0))


OLD_SHOP = ("老城汽修厂", "西城区旧鼓楼大街3号")  # designated on paper, off the list since


def _paper_history(
    logistics: User, vehicles: list[fleet.Vehicle], shops: list[fleet.RepairShop], start: date
) -> int:
    """Paper repairs (历史补录) from the two months before ``start``, numbered as on paper
    (LS…), then the old shop taken off the list. Its own seed: the live year stays the same."""
    rng = random.Random(20260901)
    old = fleet.add_shop(logistics, *OLD_SHOP)
    count = 0
    for i in range(8):
        applied = start - timedelta(days=60 - i * 7)
        fault, items = rng.choice(FAULTS)
        cost = sum((Decimal(p) for _n, p, _k in items), Decimal("0"))
        fleet.record_historical_repair(
            logistics,
            vehicles[(i * 3) % len(vehicles)],
            shop=old if i % 3 == 0 else shops[i % len(shops)],
            fault=fault,
            cost=cost,
            applied_on=applied,
            closed_on=applied + timedelta(days=rng.randint(1, 4)),
            promised_date=applied + timedelta(days=3),
            first_pass=rng.random() > 0.1,
            number=f"LS{applied:%Y}-{i + 1:04d}",
        )
        count += 1
    fleet.set_designated(logistics, old, False)
    return count


def _service_due(vehicle: fleet.Vehicle, day: date, km: int) -> bool:
    """A careful fleet office books the service before the interval runs out (F1): past
    4,300 km or five and a half months; one fill-up (at most 700 km) later it is still on
    time. The one in ten skipped at the check runs late, so the rate is not a flat 100 %."""
    months = vehicle.last_service_date and (day - vehicle.last_service_date).days > 165
    return km - vehicle.last_service_km > 4300 or bool(months)


USES = [
    ("市内开会", "区政府", False, False),
    ("送文件至财政局", "区财政局", False, False),
    ("赴外市参加培训", "天津市", True, False),
    ("接送检查组", "市应急管理局", False, False),
    ("外出调研", "保定市", True, False),
    ("家中急事临时用车", "顺义区", False, True),
]


def _uses(
    drivers: list[User],
    vehicles: list[fleet.Vehicle],
    fleet_mgr: User,
    leaders: list[User],
    today: date,
) -> int:
    """用车申请 in every state (F10): approved by 车管 (and the leader for leaving the city
    or private use), returned, not approved, withdrawn, and some still waiting."""
    base = datetime.combine(today + timedelta(days=3), time(8, 0))
    count = 0
    for i in range(12):
        purpose, destination, out, private = USES[i % len(USES)]
        driver = drivers[i % len(drivers)]
        vehicle = next(v for v in vehicles if driver in fleet.drivers_of(v))
        starts = base + timedelta(days=i)
        use = fleet.request_use(
            driver,
            vehicle,
            purpose,
            destination,
            starts,
            starts + timedelta(hours=8 if not out else 30),
            out_of_city=out,
            private=private,
        )
        count += 1
        inst = use.instance()
        assert inst is not None
        outcome = i % 6
        if outcome == 0:
            continue  # waits for 车管
        if outcome == 1:
            workflow.return_to(fleet_mgr, inst.id, "请写明同行人员")
            continue
        if outcome == 2:
            workflow.withdraw(driver, inst.id, "行程取消")
            continue
        if outcome == 3 and not (out or private):
            workflow.reject(fleet_mgr, inst.id, "当日车辆已排满")
            continue
        workflow.approve(fleet_mgr, inst.id, "同意")
        if out or private:
            if outcome == 5:
                continue  # waits for the main leader
            workflow.approve(leaders[i % len(leaders)], inst.id, "同意")
    return count


# Asked for every day of the repair year: rendered once (``models.prepared``).
_UNCLOSED = Prepared(
    lambda vehicle: (
        fleet.Repair.select(fleet.Repair.id)
        .where((fleet.Repair.vehicle == vehicle) & (fleet.Repair.state != fleet.RepairState.CLOSED))
        .limit(1)
    )
)


def load(password: str, today: date | None = None) -> dict[str, int]:
    """Fill the fleet of the demo office (``models.demo`` must have run). Returns counts."""
    today = today or now().date()
    rng = random.Random(20261101)
    start = today - timedelta(days=365)

    def user(username: str) -> User:
        return User.get(User.username == username)

    fleet_mgr, leader, leader2 = user("mayong"), user("wangjianguo"), user("liuzhiqiang")
    logistics = user("zhaolei")
    units = [Department.get(Department.name == n) for n in ("一中队", "二中队", "三中队", "办公室")]
    drivers = [
        people.add_user(
            SYSTEM, u, n, password, units[i % 3], [Role.CLERK], phone=demo_phone(u)
        )  # the applicants of repairs, phoned for 抽查回访 (F8)
        for i, (u, n) in enumerate(DRIVERS)
    ]
    shops = [fleet.add_shop(logistics, n, a) for n, a in SHOPS]
    stations = [fleet.add_station(logistics, n) for n in STATIONS]

    vehicles = []
    used: set[str] = set()
    for i in range(30):
        while True:
            if i % 7 == 6:  # a new-energy plate: 京AD12345
                plate = f"{rng.choice(PREFIXES)}{rng.choice('DF')}{rng.randint(10000, 99999)}"
            else:
                plate = f"{rng.choice(PREFIXES)}{rng.randint(10000, 99999)}"
            if plate not in used:
                used.add(plate)
                break
        bought = start - timedelta(days=rng.randint(200, 2400))
        km = rng.randint(20000, 150000)
        vehicle = fleet.add_vehicle(
            fleet_mgr,
            plate,
            units[i % 4],
            model=rng.choice(MODELS),
            purchase_date=bought,
            odometer=km,
            drivers=[drivers[i % len(drivers)]],
        )
        fleet.record_maintenance(
            fleet_mgr,
            vehicle,
            start - timedelta(days=rng.randint(10, 150)),
            km,
            "机油、机滤、空滤",
            Decimal("480"),
            shops[i % len(shops)],
        )
        vehicles.append(fleet.Vehicle.get_by_id(vehicle.id))

    counts = {"vehicles": len(vehicles), "repairs": 0, "fuel": 0, "maintenance": len(vehicles)}
    # Fuel every ~10 days, odometer rising with it.
    for vehicle in vehicles:
        km = vehicle.odometer
        driver = fleet.drivers_of(vehicle)[0]  # the loop changes no driver: ask once
        day = start + timedelta(days=rng.randint(0, 9))
        while day < today:
            km += rng.randint(250, 700)
            litres = Decimal(rng.randint(30, 55))
            fleet.log_fuel(
                fleet_mgr,
                vehicle,
                rng.choice(stations),
                _at(day, 8 + rng.randint(0, 9)),
                litres,
                (litres * Decimal("7.95")).quantize(Decimal("0.01")),
                km,
                driver=driver,
            )
            counts["fuel"] += 1
            if _service_due(fleet.Vehicle.get_by_id(vehicle.id), day, km) and rng.random() < 0.9:
                fleet.record_maintenance(
                    fleet_mgr,
                    vehicle,
                    day,
                    km,
                    "机油、机滤、空滤",
                    Decimal("480"),
                    rng.choice(shops),
                )
                counts["maintenance"] += 1
            day += timedelta(days=rng.randint(7, 13))

    # The paper archive of the two months before the year: entered first, because from the
    # first live application on (the go-live date) history is closed (F2). The shop of
    # some of them has since left the designated list; its history stays (F7).
    counts["history"] = _paper_history(logistics, vehicles, shops, start)

    # Repairs through the whole flow, about 12 a month; the last weeks stay open.
    day = start + timedelta(days=3)
    while day < today - timedelta(days=2):
        vehicle = rng.choice(vehicles)
        driver = fleet.drivers_of(vehicle)[0]
        if _UNCLOSED.first(vehicle.id) is not None:
            day += timedelta(days=1)
            continue
        overhaul = rng.random() < 0.06
        fault, items = ("发动机异响、烧机油", OVERHAUL) if overhaul else rng.choice(FAULTS)
        repair = fleet.apply_repair(
            driver, vehicle, fault, kind="overhaul" if overhaul else "repair", at=_at(day, 9)
        )
        counts["repairs"] += 1
        age = (today - day).days
        stage_days = rng.randint(1, 3)
        lines = [
            LineInput(n, Decimal(p), kind=k, warranty_months=6 if k == "part" else 0)
            for n, p, k in items
        ]
        paid = rng.random() < 0.08
        if age < 6 and rng.random() < 0.5:
            day += timedelta(days=rng.randint(1, 3))
            continue  # waits for 车管鉴定
        promised = day + timedelta(days=stage_days + rng.randint(3, 8))
        repair = fleet.assess(
            fleet_mgr,
            repair,
            diagnosis="经检查确认：" + fault,
            lines=lines,
            shop=rng.choice(shops),
            promised_date=promised,
            quote_ref=f"BJ{day:%Y%m%d}{rng.randint(10, 99)}" if overhaul else "",
            paid=paid,
            payer="区交通运输局" if paid else "",
            at=_at(day, 11),
        )
        if age < 10 and rng.random() < 0.5:
            day += timedelta(days=rng.randint(1, 3))
            continue  # waits for the leader
        if overhaul:
            repair = fleet.approve_repair(logistics, repair, "报价已核", at=_at(day, 14))
        if rng.random() < 0.05:
            workflow.reject(
                rng.choice([leader, leader2]),
                repair.instance().id,
                "可在单位内部处理，不予送修",
                at=_at(day, 15),
            )
            day += timedelta(days=rng.randint(1, 3))
            continue
        repair = fleet.approve_repair(
            rng.choice([leader, leader2]), repair, "同意", at=_at(day, 15)
        )
        repair = fleet.file_repair(logistics, repair, "已备案", at=_at(day, 16))
        entered = day + timedelta(days=1)
        repair = fleet.enter_shop(fleet_mgr, repair, at=_at(entered, 9))
        if rng.random() < 0.15:
            reason, line = rng.choice(SUPPLEMENTS)
            sup = fleet.propose_supplement(fleet_mgr, repair, [line], reason, at=_at(entered, 14))
            inst = sup.instance()
            workflow.approve(logistics, inst.id, "情况属实", at=_at(entered, 15))
            if sup.costly:
                workflow.approve(
                    rng.choice([leader, leader2]), inst.id, "同意更换", at=_at(entered, 17)
                )
        if age < 16 and rng.random() < 0.5:
            day += timedelta(days=rng.randint(1, 3))
            continue  # still in the shop
        done = promised + timedelta(days=rng.choice([-2, -1, -1, 0, 0, 0, 0, 1, 3]))
        done = max(done, entered + timedelta(days=1))
        if done >= today:
            day += timedelta(days=rng.randint(1, 3))
            continue
        for ln in fleet.Repair.get_by_id(repair.id).line_rows():
            if ln.state in (fleet.LineState.AUTHORISED, fleet.LineState.APPROVED):
                fleet.record_fitted(fleet_mgr, ln, at=_at(done, 10))
        repair = fleet.finish_repair(fleet_mgr, repair, at=_at(done, 16))
        if rng.random() < 0.1:  # a comeback: failed the first check
            repair = fleet.accept(driver, repair, False, "试车仍有异响", at=_at(done, 17))
            done += timedelta(days=1)
            repair = fleet.finish_repair(fleet_mgr, repair, at=_at(done, 15))
        if done + timedelta(days=1) < today:
            repair = fleet.accept(driver, repair, True, "试车正常，同意出厂", at=_at(done, 17))
        day += timedelta(days=rng.choice([0, 1, 1, 2, 3, 4]))
    counts["uses"] = _uses(drivers, vehicles, fleet_mgr, [leader, leader2], today)
    return counts
