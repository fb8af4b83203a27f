"""A year of 办公用品 for the demo office: 150 items, quarterly plans approved by the main
leader, orders (定点, 竞争性比价, 政府集中采购) and receipts, requisitions from all eight
departments through head and logistics, a few returns and exchanges, and one completed
quarterly stocktake, so every list, register and chart shows something real.

Everything goes through the same use cases as the desktop (so the demo also exercises every
rule), day by day over the twelve months before ``today``. A fixed seed makes the demo the
same on every PC. ``models.demo`` must have run first (it creates the office's people).
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from models import people, supplies
from models.base import now
from models.demo import demo_phone
from models.errors import RuleViolation, RuleWarning
from models.people import SYSTEM, Department, Role, User
from models.supplies import (
    Category,
    Item,
    OrderLineInput,
    OrderMethod,
    PlanLineInput,
    QuoteInput,
    RequisitionLineInput,
    SupplierKind,
    stocktake,
)

# name, unit, specifications, price, in the 政府采购目录
CATALOGUE: dict[Category, list[tuple[str, str, list[str], str, bool]]] = {
    Category.WRITING: [
        ("中性笔", "支", ["0.5mm 黑色", "0.5mm 蓝色", "0.5mm 红色", "0.38mm 黑色"], "2.5", False),
        ("中性笔芯", "支", ["0.5mm 黑色", "0.5mm 蓝色"], "1.0", False),
        ("圆珠笔", "支", ["0.7mm 蓝色", "0.7mm 黑色"], "1.5", False),
        ("签字笔", "支", ["1.0mm 黑色", "0.7mm 黑色"], "6.0", False),
        ("铅笔", "支", ["HB", "2B"], "1.0", False),
        ("自动铅笔", "支", ["0.5mm", "0.7mm"], "8.0", False),
        ("铅芯", "盒", ["0.5mm HB", "0.7mm HB"], "3.0", False),
        ("记号笔", "支", ["黑色 油性", "红色 油性", "蓝色 油性"], "3.5", False),
        ("白板笔", "支", ["黑色", "红色", "蓝色"], "3.0", False),
        ("荧光笔", "支", ["黄色", "绿色", "粉色"], "2.5", False),
        ("钢笔", "支", ["明尖 F", "暗尖 EF"], "45.0", False),
        ("钢笔墨水", "瓶", ["碳素 黑色 60ml", "蓝黑 60ml"], "9.0", False),
        ("毛笔", "支", ["中楷", "小楷", "大楷"], "12.0", False),
        ("墨汁", "瓶", ["一得阁 250g"], "15.0", False),
        ("修正液", "瓶", ["18ml"], "5.0", False),
        ("修正带", "个", ["5mm×6m"], "4.5", False),
        ("橡皮擦", "块", ["4B 大号"], "1.5", False),
        ("印台", "个", ["红色 圆形"], "12.0", False),
        ("印油", "瓶", ["红色 40ml", "蓝色 40ml"], "6.0", False),
        ("白板擦", "个", ["磁性"], "8.0", False),
    ],
    Category.PAPER: [
        (
            "复印纸",
            "包",
            ["A4 70g 500张", "A4 80g 500张", "A3 70g 500张", "B5 70g 500张", "A5 70g 500张"],
            "25",
            True,
        ),
        ("彩色复印纸", "包", ["A4 80g 粉色 100张", "A4 80g 蓝色 100张"], "12", False),
        ("红头文件纸", "包", ["A4 80g 500张"], "45", False),
        ("信纸", "本", ["16K 单位抬头", "16K 横线"], "4.0", False),
        ("稿纸", "本", ["16K 300格"], "3.5", False),
        ("笔记本", "本", ["A5 软抄 60页", "B5 硬面 100页", "A5 皮面 120页"], "6.0", False),
        ("便利贴", "本", ["76×76mm 黄色", "76×127mm 黄色", "彩色 4色"], "3.0", False),
        ("信封", "个", ["5号 牛皮纸", "7号 牛皮纸", "9号 牛皮纸", "C4 白色"], "0.5", False),
        ("档案袋", "个", ["A4 牛皮纸 250g", "A4 加厚 背宽4cm"], "1.2", False),
        ("档案盒", "个", ["A4 背宽5cm 蓝色", "A4 背宽3cm 蓝色"], "6.0", False),
        ("会议记录本", "本", ["B5 100页"], "8.0", False),
        ("收据", "本", ["二联 无碳 48K"], "3.0", False),
        ("凭证纸", "包", ["240×140mm 80g"], "20", False),
        ("打印标签纸", "包", ["A4 不干胶 100张"], "28", False),
        ("传真纸", "卷", ["210mm×30m"], "5.0", False),
        ("卷宗皮", "个", ["A4 牛皮卡纸"], "1.5", False),
    ],
    Category.STATIONERY: [
        ("订书机", "个", ["12号 标准", "重型 50页"], "18", False),
        ("订书钉", "盒", ["12号 1000枚", "24/6 1000枚", "23/13 重型"], "2.0", False),
        ("起钉器", "个", ["标准"], "4.0", False),
        ("回形针", "盒", ["29mm 100枚", "50mm 100枚", "彩色 100枚"], "2.0", False),
        ("长尾夹", "盒", ["15mm 60只", "25mm 48只", "32mm 24只", "41mm 24只"], "6.0", False),
        ("票夹", "盒", ["19mm 12只"], "5.0", False),
        ("文件夹", "个", ["A4 单强力夹", "A4 双强力夹", "A4 弹簧夹"], "5.0", False),
        ("文件袋", "个", ["A4 透明按扣", "A4 拉链"], "1.5", False),
        ("资料册", "本", ["A4 40页", "A4 60页"], "10", False),
        ("文件筐", "个", ["三层"], "25", False),
        ("剪刀", "把", ["中号 21cm", "小号 15cm"], "6.0", False),
        ("美工刀", "把", ["大号 18mm"], "5.0", False),
        ("美工刀片", "盒", ["18mm 10片"], "4.0", False),
        ("胶水", "瓶", ["液体 50ml"], "2.5", False),
        ("固体胶", "支", ["21g"], "3.0", False),
        ("透明胶带", "卷", ["18mm×30m", "48mm×100m"], "2.0", False),
        ("双面胶", "卷", ["12mm×10m"], "1.5", False),
        ("封箱胶带", "卷", ["60mm×100m"], "8.0", False),
        ("直尺", "把", ["30cm 不锈钢", "50cm 不锈钢"], "4.0", False),
        ("计算器", "个", ["12位 双电源"], "35", False),
        ("打孔机", "个", ["双孔 30页"], "28", False),
        ("号码机", "个", ["8位 自动"], "60", False),
        ("名片盒", "个", ["300张"], "15", False),
        ("笔筒", "个", ["旋转 多格"], "12", False),
        ("大头针", "盒", ["50g"], "2.0", False),
        ("图钉", "盒", ["彩色 100枚"], "2.5", False),
        ("橡皮筋", "包", ["50g"], "3.0", False),
        ("桌面收纳盒", "个", ["五格"], "18", False),
        ("塑封膜", "包", ["A4 80mic 100张"], "25", False),
        ("装订夹条", "包", ["A4 10mm 100条"], "20", False),
        ("胶装封面", "包", ["A4 230g 100张"], "30", False),
    ],
    Category.CONSUMABLES: [
        (
            "硒鼓",
            "个",
            ["HP CF230A", "HP CE285A", "HP CF280A", "兄弟 TN-2325", "联想 LD2451"],
            "450",
            True,
        ),
        (
            "墨盒",
            "个",
            ["佳能 PG-845 黑", "爱普生 T664 黑", "爱普生 T664 彩", "惠普 803 黑"],
            "120",
            True,
        ),
        ("碳粉", "瓶", ["通用 100g"], "45", True),
        ("复印机粉盒", "个", ["理光 MP2014", "柯美 TN118"], "280", True),
        ("色带", "个", ["爱普生 LQ-630K"], "25", False),
        ("U盘", "个", ["16G USB2.0", "32G USB3.0", "64G USB3.0"], "49", True),
        ("移动硬盘", "个", ["1TB USB3.0"], "399", True),
        ("电池", "节", ["5号 碱性", "7号 碱性", "1号 碱性"], "2.5", False),
        ("纽扣电池", "粒", ["CR2032"], "3.0", False),
        ("鼠标", "个", ["有线 USB"], "35", True),
        ("键盘", "个", ["有线 USB"], "65", True),
        ("插线板", "个", ["6位 3米"], "55", False),
        ("网线", "根", ["超五类 3米"], "10", False),
        ("刻录光盘", "张", ["DVD-R 4.7G"], "2.0", False),
        ("扫描仪清洁纸", "张", ["通用"], "5.0", False),
        ("碎纸机润滑油", "瓶", ["200ml"], "30", False),
        ("抽纸", "包", ["三层 130抽"], "3.5", False),
        ("一次性纸杯", "包", ["250ml 50只"], "8.0", False),
        ("垃圾袋", "卷", ["45×55cm 30只"], "5.0", False),
        ("洗手液", "瓶", ["500ml"], "15", False),
        ("饮用水桶装", "桶", ["18.9L"], "18", False),
    ],
}

DEALERS = [
    ("城东文具店", "010-6551-2201", "东城区东四北大街58号"),
    ("联华办公用品有限公司", "010-6781-0033", "朝阳区建国路88号"),
    ("晨光文具专营店", "010-6202-9188", "海淀区中关村大街27号"),
    ("齐心办公直供", "010-8455-7210", "丰台区南三环西路16号"),
    ("文汇纸业", "010-6931-4402", "大兴区兴华大街3号"),
    ("华强电脑耗材", "010-6255-3017", "海淀区海淀大街8号"),
]
CENTRAL = ("市政府采购中心（协议供货）", "010-6519-0000", "东城区正义路2号")
DESIGNATED = {
    Category.WRITING: (0, 2),
    Category.PAPER: (1, 4, 3),
    Category.STATIONERY: (0, 1, 3),
    Category.CONSUMABLES: (5, 3),
}
# department → (applicant, head) by user name of models.demo (三中队 is added here)
APPLICANTS = {
    "办公室": "zhanghua",
    "财务科": "zhouli",
    # The head applies: 孙红梅, the other 后勤, then checks it. Had she applied, 赵磊 (head
    # and 后勤) could not check what he approved (不相容职务分离) and nobody else could.
    "后勤保障科": "zhaolei",
    "客户服务部": "linxiaoyu",
    "教研室": "tangmin",
    "一中队": "wugang",
    "二中队": "zhengpeng",
    "三中队": "fengxue",
}
HEADS = {
    "办公室": "chenjing",
    "财务科": "liyan",
    "后勤保障科": "zhaolei",
    "客户服务部": "xuqian",
    "教研室": "songtao",
    "一中队": "huangwei",
    "二中队": "hejun",
    "三中队": "qianlei",
}
EXTRA_USERS = [  # the demo office has nobody in 三中队 to apply for it
    ("qianlei", "钱磊", "三中队", [Role.DEPT_HEAD]),
    ("fengxue", "冯雪", "三中队", [Role.CLERK]),
]
PURPOSES = [
    "日常办公",
    "季度工作会议",
    "档案整理",
    "年终总结材料",
    "业务培训",
    "接待用",
    "新进人员",
]
CUT_REASONS = ["按季度定额核减", "库存紧张，先发部分", "近期已领用，酌减"]
LOSS_REASONS = ["破损无法使用", "受潮报废", "漏登出库"]
GAIN_REASONS = ["上季度入库少登", "调换多发未登记"]


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 0))


def load(password: str, today: date | None = None) -> dict[str, int]:
    """Fill 办公用品 for the demo office (``models.demo`` must have run). Returns counts."""
    today = today or now().date()
    rng = random.Random(20261006)
    start = today - timedelta(days=365)

    def user(username: str) -> User:
        return User.get(User.username == username)

    for username, name, dept, roles in EXTRA_USERS:
        if not User.select().where(User.username == username).exists():
            department = Department.get(Department.name == dept)
            people.add_user(
                SYSTEM, username, name, password, department, roles, phone=demo_phone(username)
            )
    keeper, chief, leader = user("sunhongmei"), user("zhaolei"), user("wangjianguo")
    applicants = {d: user(u) for d, u in APPLICANTS.items()}
    heads = {d: user(u) for d, u in HEADS.items()}

    # --- catalogue and suppliers --------------------------------------------------------
    dealers = [
        supplies.add_supplier(chief, name=n, phone=p, address=a, contact="业务员")
        for n, p, a in DEALERS
    ]
    central = supplies.add_supplier(
        chief, name=CENTRAL[0], phone=CENTRAL[1], address=CENTRAL[2], kind=SupplierKind.CENTRAL
    )
    ack = {f"supplies.designated.{c.value}" for c in Category}
    for category, picks in DESIGNATED.items():
        for index in picks:
            supplies.designate_supplier(
                chief,
                category=category,
                supplier=dealers[index],
                acknowledged=ack,
                at=_at(start, 9),
            )
    items: list[Item] = []
    for category, rows in CATALOGUE.items():
        for name, unit, specs, price, gov in rows:
            for spec in specs:
                items.append(
                    supplies.add_item(
                        chief,
                        name=name,
                        category=category,
                        unit=unit,
                        specification=spec,
                        reorder_level=0,
                        gov_catalogue=gov,
                        price=price,
                    )
                )
    items = items[:150]
    # How popular each item is: a few common ones (pens, paper) and a long tail.
    weight = {it.id: rng.choice([1, 1, 1, 2, 2, 3, 5, 8]) for it in items}
    for it in items:
        if it.name in ("中性笔", "复印纸", "笔记本", "档案袋", "抽纸"):
            weight[it.id] = 12
    weights = [weight[it.id] for it in items]
    quarterly = {it.id: weight[it.id] * 6 for it in items}  # expected units a quarter
    for it in items:
        supplies.update_item(chief, it, reorder_level=max(2, quarterly[it.id] // 3))
        supplies.set_opening_balance(
            chief,
            item=it,
            quantity=quarterly[it.id] + rng.randint(1, 10),
            at=_at(start, 8),
            reason="期初结存（启用系统时盘点）",
        )

    counts: dict[str, int] = defaultdict(int)
    pending_receipts: list[tuple[date, supplies.PurchaseOrder]] = []
    issue_queue: list[tuple[date, supplies.Requisition]] = []
    posted_stocktake = False
    day = start + timedelta(days=1)
    while day <= today:
        # 每季度初: the plan (and, in the latest quarter, the stocktake).
        if (day.month in (1, 4, 7, 10) and day.day == 1) or day == start + timedelta(days=1):
            if day.day == 1 and day + timedelta(days=90) > today and not posted_stocktake:
                _stocktake(rng, keeper, leader, day)
                posted_stocktake = True
                counts["盘点"] += 1
            orders = _purchase(rng, keeper, leader, dealers, central, items, quarterly, day)
            counts["采购计划"] += 1
            counts["采购订单"] += len(orders)
            pending_receipts += [(day + timedelta(days=rng.randint(3, 8)), o) for o in orders]
        for due, order in [p for p in pending_receipts if p[0] <= day]:
            pending_receipts.remove((due, order))
            receipt = supplies.receive(keeper, order=order, at=_at(day, 10))
            counts["入库单"] += 1
            if rng.random() < 0.12:
                line = receipt.lines[0]
                qty = max(1, min(2, line.quantity))
                if rng.random() < 0.5:
                    supplies.exchange_with_supplier(
                        keeper, receipt_line=line, quantity=qty, reason="包装破损", at=_at(day, 15)
                    )
                else:
                    supplies.return_to_supplier(
                        keeper, receipt_line=line, quantity=qty, reason="规格不符", at=_at(day, 15)
                    )
                counts["退换货"] += 1
        if day.weekday() < 5:
            for dept in APPLICANTS:
                if rng.random() < 0.09:  # about two slips a month per department
                    req = _requisition(
                        rng, applicants[dept], heads[dept], keeper, items, weights, day
                    )
                    if req is not None:
                        issue_queue.append((day + timedelta(days=rng.choice([0, 1, 1, 2])), req))
                        counts["申请批准单"] += 1
            for due, req in [q for q in issue_queue if q[0] <= day]:
                issue_queue.remove((due, req))
                _issue(keeper, applicants, req, day)
        day += timedelta(days=1)
    counts["退库单"] = _stock_returns(keeper, applicants)
    counts["物品"] = len(items)
    counts["供应商"] = len(dealers) + 1
    return dict(counts)


def _stock_returns(keeper: User, applicants: dict[str, User]) -> int:
    """Two departments bring back a unit found unsuitable after collecting it (当下领取后,
    S7): one return confirmed by 后勤, the other waiting in the store's work list."""
    latest = (
        supplies.Requisition.select()
        .where(supplies.Requisition.state == supplies.RequisitionState.ISSUED)
        .order_by(supplies.Requisition.issued_at.desc(), supplies.Requisition.id.desc())
        .limit(2)
    )
    filed = 0
    for n, req in enumerate(latest):
        line = next(ln for ln in req.lines if ln.issued)
        at = req.issued_at + timedelta(hours=2)
        ret = supplies.file_stock_return(
            applicants[req.department.name],
            req,
            quantities={line.id: 1},
            reason="规格不符，不适用",
            at=at,
        )
        if n:
            supplies.confirm_stock_return(keeper, ret, "已收回，联系供应商调换", at=at)
        filed += 1
    return filed


def _purchase(
    rng: random.Random,
    keeper: User,
    leader: User,
    dealers: list[supplies.Supplier],
    central: supplies.Supplier,
    items: list[Item],
    quarterly: dict[int, int],
    day: date,
) -> list[supplies.PurchaseOrder]:
    """The quarter's plan from stock and expected use, approved, then ordered by channel."""
    at = _at(day, 9)
    year, quarter = supplies.quarter_of(day)
    lines = []
    for it in items:
        it = Item.get_by_id(it.id)
        want = quarterly[it.id] + it.reorder_level - it.on_hand
        if want > 0:
            lines.append(PlanLineInput(it, want + rng.randint(0, 5), it.price))
    plan = supplies.create_plan(keeper, year=year, quarter=quarter, lines=lines, at=at)
    plan = supplies.submit_plan(keeper, plan, at=at)
    plan = supplies.approve_plan(
        leader, plan, "同意，按计划采购，注意节约", at=at + timedelta(hours=3)
    )
    at += timedelta(days=1)
    groups: dict[tuple[str, str], list[supplies.PlanLine]] = defaultdict(list)
    for pl in plan.lines:
        it = pl.item
        groups[("central", "") if it.gov_catalogue else ("dealer", it.category)].append(pl)
    orders = []
    competitive_done = False
    for (channel, category), pls in sorted(groups.items()):
        order_lines = [OrderLineInput(pl, pl.quantity, pl.unit_price) for pl in pls]
        if channel == "central":
            orders.append(
                supplies.create_order(
                    keeper,
                    plan=plan,
                    method=OrderMethod.CENTRAL,
                    supplier=central,
                    lines=order_lines,
                    central_ref=f"ZFCG-{year}-{quarter:02d}{rng.randint(10, 99)}",
                    at=at,
                )
            )
        elif not competitive_done and category == Category.STATIONERY.value:
            competitive_done = True
            total = sum((pl.budget for pl in pls), Decimal("0"))
            a, b, c = rng.sample(dealers, 3)
            orders.append(
                supplies.create_order(
                    keeper,
                    plan=plan,
                    method=OrderMethod.COMPETITIVE,
                    lines=order_lines,
                    quotes=[
                        QuoteInput(a, total, chosen=True),
                        QuoteInput(b, (total * Decimal("1.06")).quantize(Decimal("0.01"))),
                        QuoteInput(c, (total * Decimal("1.11")).quantize(Decimal("0.01"))),
                    ],
                    choice_reason="三家比价，报价最低且能一周内送货",
                    at=at,
                )
            )
        else:
            designated = supplies.designated_suppliers(category)
            orders.append(
                supplies.create_order(
                    keeper,
                    plan=plan,
                    method=OrderMethod.DESIGNATED,
                    supplier=rng.choice(designated),
                    lines=order_lines,
                    at=at,
                )
            )
    return orders


def _requisition(
    rng: random.Random,
    applicant: User,
    head: User,
    keeper: User,
    items: list[Item],
    weights: list[int],
    day: date,
) -> supplies.Requisition | None:
    at = _at(day, 9)
    chosen = {it.id: it for it in rng.choices(items, weights=weights, k=rng.randint(2, 6))}
    lines = [RequisitionLineInput(it, rng.randint(1, 6)) for it in chosen.values()]
    req = supplies.submit_requisition(applicant, lines=lines, purpose=rng.choice(PURPOSES), at=at)
    if req.instance().current_node().key == "head":
        req = supplies.head_approve(head, req, "同意", at=at + timedelta(hours=1))
    req = supplies.Requisition.get_by_id(req.id)
    if req.state != supplies.RequisitionState.PENDING:
        return req  # approved at once (the logistics head applied for his department)
    approved = {}
    cut = False
    for line in req.line_rows():
        qty = line.requested
        if qty > 3 and rng.random() < 0.25:
            qty, cut = qty - rng.randint(1, 2), True
        approved[line.id] = qty
    try:
        return supplies.check_requisition(
            keeper,
            req,
            approved=approved,
            comment=rng.choice(CUT_REASONS) if cut else "",
            acknowledged={"supplies.short_stock"},
            at=at + timedelta(hours=3),
        )
    except (RuleViolation, RuleWarning):  # pragma: no cover - the demo data is consistent
        return None


def _issue(keeper: User, applicants: dict[str, User], req: supplies.Requisition, day: date) -> None:
    """Hand over what the store has; the receiver is the department's applicant."""
    req = supplies.Requisition.get_by_id(req.id)
    if req.state != supplies.RequisitionState.APPROVED:
        return
    quantities = {
        line.id: min(line.approved or 0, Item.get_by_id(line.item_id).on_hand)
        for line in req.line_rows()
    }
    if not any(quantities.values()):
        return
    receiver = applicants[req.department.name]
    req = supplies.issue_requisition(
        keeper, req, receiver=receiver, quantities=quantities, at=_at(day, 14)
    )


def _stocktake(rng: random.Random, keeper: User, leader: User, day: date) -> None:
    """The quarter's count: most shelves as booked, a few with a variance and its reason."""
    st = stocktake.open_stocktake(keeper, at=_at(day, 8))
    counts: dict[int | str, int | tuple[int, str | None]] = {}
    for line in st.lines:
        book = line.book
        roll = rng.random()
        if roll < 0.04 and book > 0:
            counts[line.item_id] = (book - 1, rng.choice(LOSS_REASONS))
        elif roll < 0.06:
            counts[line.item_id] = (book + 1, rng.choice(GAIN_REASONS))
        else:
            counts[line.item_id] = book
    stocktake.set_counts(keeper, st, counts, counted_at=_at(day, 11))
    st = stocktake.submit_stocktake(keeper, st, at=_at(day, 16))
    st = stocktake.approve_stocktake(leader, st, "同意按盘点结果调整账面", at=_at(day, 17))
    st = stocktake.post_stocktake(keeper, st, at=_at(day, 17) + timedelta(minutes=30))
