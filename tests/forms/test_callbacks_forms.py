"""客户回访与投诉 on paper and in Excel: the plan's and the complaint decision's approval
summaries, the customers import with its phone and ID checks, the three registers by period,
the printed 回访计划表 / 回访记录表 / 投诉登记表, and the monthly and quarterly reports; Excel
read back with openpyxl, PDFs read back with pypdf. On SQLite and MariaDB."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from forms.callbacks import write_monthly_report, write_quarterly_report
from forms.excel_export import export_register
from forms.excel_import import import_file
from forms.printing import print_form
from forms.summary import summary_of
from models import callbacks
from models.callbacks import Callback, Customer, ProblemInput
from tests.forms.helpers import cells, write_xlsx
from tests.models.callbacks_office import Service, build_service, customer, plan, with_project

AT = datetime(2026, 1, 12, 10, 0)
RECEIVED = datetime(2026, 1, 13, 9, 30)


@dataclass
class Scene:
    s: Service
    plan: callbacks.CallbackPlan
    done: Callback  # recorded by 林晓雨 with a problem for 办公室
    open: Callback  # not yet called
    complaint: callbacks.Complaint


@pytest.fixture
def scene(office) -> Scene:
    s = build_service(office)
    zhang = customer(s, "张三", "13812345678", address="北京市东城区和平里1号")
    li = customer(s, "李四", "010-66881234")
    for c in (zhang, li):
        with_project(s, c, date(2025, 12, 10))
    p = plan(s)
    callbacks.generate_callbacks(s.manager, p, through=date(2026, 1, 31))
    done = Callback.get(Callback.customer == zhang.id)
    if done.assignee_id != s.caller.id:  # the schedule shares the calls between two 客服
        done = Callback.get(Callback.customer == li.id)
    caller = done.assignee
    callbacks.record_callback(
        caller,
        done,
        reached_person="本人",
        answers={1: "满意", 2: "希望上门更及时"},
        satisfaction=4,
        summary="对服务满意，提出上门时间建议",
        problems=[ProblemInput("上门维修预约等待过长", s.o.office)],
        at=AT,
    )
    other = Callback.get((Callback.plan == p.id) & (Callback.id != done.id))
    complaint = callbacks.register_complaint(
        s.caller,
        complainant="王女士",
        phone="13900001111",
        content="维修人员未按约定时间上门",
        received_at=RECEIVED,
        customer=zhang,
        claim="赔偿误工费",
    )
    return Scene(s, p, Callback.get_by_id(done.id), other, complaint)


def pdf_text(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(str(path)).pages]


def test_C2_the_plan_summary_shows_the_head_what_she_approves(scene):
    inst = scene.plan.instance()
    summary = summary_of(inst)
    fields = dict(summary.fields)
    assert fields["回访期间"] == "2026-01-01 至 2026-12-31"
    assert fields["回访内容"] == "服务满意度回访" and fields["工作重点"] == "服务态度与维修及时性"
    assert fields["回访方式（依次）"] == "电话回访 → 上门回访 → 网上问卷"
    assert "林晓雨（电话回访）" in fields["人员安排"] and "郭浩（上门回访）" in fields["人员安排"]
    assert summary.lines.title == "回访提纲"
    assert [row[1] for row in summary.lines.rows] == ["对服务是否满意？", "有无其他意见？"]


def test_C10_the_complaint_decision_summary_names_the_respondent_and_the_compensation(scene):
    from forms.summary import declaration

    built = declaration(callbacks.Complaint.DOC_TYPE).build(scene.complaint.id)
    fields = dict(built.fields)
    assert fields["投诉人"] == "王女士" and fields["联系电话"] == "13900001111"
    assert fields["投诉内容"] == "维修人员未按约定时间上门" and fields["首问负责人"] == "林晓雨"
    assert built.total == Decimal("0") and built.total_label == "赔偿金额（元）"


HEADER = ["客户编号", "客户名称", "客户类型", "证件号码", "联系电话", "地址", "仍然新建"]


def test_C1_customers_import_checks_phone_and_id_and_refuses_an_id_excel_made_a_number(
    scene, tmp_path
):
    bad = write_xlsx(
        tmp_path / "bad.xlsx",
        [
            HEADER,
            ["KH-A001", "赵六", "个人", "11010519491231002X", "13712345678", "", ""],
            ["KH-A002", "钱七", "个人", 110105199001011000.0, "13712345679", "", ""],
            ["KH-A003", "孙八", "个人", "", "12345", "", ""],
            ["KH-A004", "周九", "个人", "110105194912310021", "13712345670", "", ""],
        ],
    )
    result = import_file("customers", bad, actor=scene.s.caller)
    assert not result.committed and result.rejected_rows == [3, 4, 5]
    by_row = {e.row: e for e in result.errors}
    assert by_row[3].column == "证件号码" and "Excel 当作数字" in str(by_row[3])
    assert "文本" in str(by_row[3])  # how to fix the column
    assert by_row[4].column == "联系电话"
    assert "校验码不符" in str(by_row[5])
    assert not Customer.select().where(Customer.number.startswith("KH-A")).exists()

    good = write_xlsx(
        tmp_path / "good.xlsx",
        [
            HEADER,
            ["KH-A001", "赵六", "个人", "11010519491231002X", "137 1234 5678", "朝阳区1号", ""],
            ["KH-A002", "城东物业公司", "单位", "", "010-66881235-801", "", ""],
        ],
    )
    assert import_file("customers", good, actor=scene.s.caller).committed
    zhao = Customer.get(Customer.number == "KH-A001")
    assert callbacks.current_contact(zhao).phone == "13712345678"
    assert callbacks.current_address(zhao).address == "朝阳区1号"


P_HEADER = [
    "客户编号",
    "客户名称",
    "项目/保单号",
    "项目名称",
    "开始日期",
    "交付/起保日期",
    "销售人员账号",
]


def test_C1_C9_projects_import_for_customers_in_the_archive_all_or_nothing(scene, tmp_path):
    """The sales department's sheet of projects: each row a project of a customer already in
    the archive, its delivery date the start of the C9 cadence. A row naming no such customer,
    an unknown login or a delivery before the start refuses the file; nothing is written."""
    s = scene.s
    zhang = Customer.get(Customer.name == "张三")
    before = callbacks.Project.select().count()
    first = [zhang.number, "张三", "BD2026-0101", "燃气改管", "2026-03-01", "2026-03-15", "guohao"]
    bad = write_xlsx(
        tmp_path / "bad.xlsx",
        [
            P_HEADER,
            first,
            ["KH-NONE", "", "BD2026-0102", "", "2026-03-01", "2026-03-15", ""],
            [zhang.number, "", "BD2026-0103", "", "2026-03-01", "2026-03-15", "nobody"],
            [zhang.number, "", "BD2026-0104", "", "2026-03-20", "2026-03-15", ""],
        ],
    )
    result = import_file("projects", bad, actor=s.seller)
    assert not result.committed and result.rejected_rows == [3, 4, 5]
    by_row = {e.row: str(e) for e in result.errors}
    assert "KH-NONE" in by_row[3] and "nobody" in by_row[4] and "交付日期" in by_row[5]
    assert callbacks.Project.select().count() == before
    good = write_xlsx(tmp_path / "good.xlsx", [P_HEADER, first])
    assert import_file("projects", good, actor=s.seller).committed
    project = callbacks.Project.get(callbacks.Project.ref_no == "BD2026-0101")
    assert (project.customer_id, project.delivered_on) == (zhang.id, date(2026, 3, 15))
    assert project.sales_person_id == s.seller.id
    again = import_file("projects", good, actor=s.seller, mode="update")
    assert not again.committed and "不能通过导入修改" in str(again.errors[0])
    out = export_register("projects", tmp_path / "projects.xlsx")
    assert "BD2026-0101" in [r[2] for r in cells(out.path)]


def test_C1_the_same_name_and_phone_is_a_warning_the_file_accepts_in_its_column(scene, tmp_path):
    rows = [HEADER, ["KH-B001", "张三", "个人", "", "13812345678", "", ""]]
    again = import_file("customers", write_xlsx(tmp_path / "a.xlsx", rows), actor=scene.s.caller)
    assert not again.committed and "同名同电话" in str(again.errors[0])
    rows[1][6] = "是"
    accepted = write_xlsx(tmp_path / "b.xlsx", rows)
    assert import_file("customers", accepted, actor=scene.s.caller).committed


def by_row_zh(result, row: int) -> str:
    return next(e.zh for e in result.errors if e.row == row)


def test_C1_X3_a_large_customers_file_goes_through_the_batch_and_names_every_bad_row(office):
    """The 客户档案 import sends batches to ``callbacks.add_customers``: one bad row of each
    kind anywhere in the file (the form's checks, the archive, the batch, the duplicate
    warning in the file's words) is reported on its row and nothing is written; the same
    file without them is written whole."""
    from forms.excel_import import BULK_BATCH, import_rows
    from forms.excel_sheets import Sheet

    s = build_service(office)
    customer(s, "张三", "13812345678", number="KH-OLD1")
    header = ["客户编号", "客户名称", "联系电话", "证件号码", "重要客户", "仍然新建"]
    n = 2 * BULK_BATCH + 500
    rows = [[f"KH-N{i:05d}", f"客户{i}", f"139{i:08d}", "", "否", ""] for i in range(n)]
    bad = [list(r) for r in rows]
    bad[100][0] = "kh-old1"  # in the archive already
    bad[BULK_BATCH + 10][2] = "12345"  # not a phone
    bad[BULK_BATCH + 20][3] = "110105194912310021"  # a wrong check digit
    bad[BULK_BATCH + 30][1:3] = ["张三", "138 1234 5678"]  # same name and phone: warned
    bad[50][3] = bad[BULK_BATCH + 40][3] = "110105199003070017"  # one ID in two batches
    bad[2 * BULK_BATCH + 5][4] = "是"  # C9: important without a reason
    bad[n - 1][4] = "也许"  # not a choice
    wrong = [100, BULK_BATCH + 10, BULK_BATCH + 20, BULK_BATCH + 30, BULK_BATCH + 40]
    wrong += [2 * BULK_BATCH + 5, n - 1]
    before = (Customer.select().count(), callbacks.CustomerContact.select().count())
    result = import_rows("customers", [Sheet.from_lists("c", [header, *bad])], actor=s.caller)
    assert not result.committed and result.write_seconds == 0  # the lock never taken
    assert "已属于客户「客户50」" in by_row_zh(result, BULK_BATCH + 42)
    assert result.rejected_rows == [i + 2 for i in wrong]
    by_row = {e.row: e for e in result.errors}
    assert by_row[BULK_BATCH + 32].column == "仍然新建" and "同名同电话" in str(
        by_row[BULK_BATCH + 32]
    )
    assert "[C9]" in by_row[2 * BULK_BATCH + 7].zh
    assert (Customer.select().count(), callbacks.CustomerContact.select().count()) == before
    rows[7][1:3] = ["张三", "13812345678"]
    rows[7][5] = "是"  # accepted in its column
    result = import_rows("customers", [Sheet.from_lists("c", [header, *rows])], actor=s.caller)
    assert result.committed and len(result.inserted) == n
    assert callbacks.current_contact(Customer.get(Customer.number == "KH-N00007")).phone == (
        "13812345678"
    )


def test_C1_a_changed_phone_in_update_mode_is_a_new_dated_row(scene, tmp_path):
    out = tmp_path / "customers.xlsx"
    exported = export_register("customers", out)
    assert exported.rows == 2
    same = import_file("customers", out, actor=scene.s.caller, mode="update")
    assert same.committed and not same.updated
    zhang = Customer.get(Customer.name == "张三")
    rows = [["客户编号", "联系电话"], [zhang.number, "13812340000"]]
    changed = import_file(
        "customers", write_xlsx(tmp_path / "c.xlsx", rows), actor=scene.s.caller, mode="update"
    )
    assert changed.committed and changed.updated == [zhang.number]
    assert [c.phone for c in callbacks.contact_history(zhang)] == ["13812340000", "13812345678"]


def test_C6_C7_C10_the_registers_export_by_period_and_refuse_an_import(scene, tmp_path):
    records = export_register("callback-records", tmp_path / "r.xlsx", period="2026-01")
    assert records.rows == 1
    grid = cells(tmp_path / "r.xlsx")
    assert "回访时间" in str(grid[1]) or "回访时间" in str(grid[2])
    body = [row for row in grid if row and row[0] == 1]
    assert body and "服务满意度回访" in body[0] and 4 in body[0] and "电话回访" in body[0]
    assert export_register("callback-records", tmp_path / "r2.xlsx", period="2026-02").rows == 0

    complaints = export_register("complaints", tmp_path / "c.xlsx", period="2026Q1")
    assert complaints.rows == 1
    row = next(r for r in cells(tmp_path / "c.xlsx") if r and r[0] == scene.complaint.number)
    assert "王女士" in row and "林晓雨" in row and "待受理" in row

    problems = export_register("callback-problems", tmp_path / "p.xlsx", period="2026-01")
    assert problems.rows == 1
    row = next(r for r in cells(tmp_path / "p.xlsx") if r and str(r[0]).startswith("WT"))
    assert "上门维修预约等待过长" in row and "办公室" in row and "处理中" in row

    refused = import_file("complaints", tmp_path / "c.xlsx", actor=scene.s.caller)
    assert not refused.committed and "不能导入" in str(refused.errors[0])


def test_C2_the_plan_prints_with_its_outline_schedule_and_approval(scene, tmp_path):
    [text] = pdf_text(print_form("callback-plan", scene.plan.id, tmp_path / "plan.pdf"))
    assert "回访计划表" in text and scene.plan.number in text
    for words in ("2026年客户满意度回访", "对服务是否满意？", "林晓雨", "许倩", "客户服务部负责人"):
        assert words in text


def test_C6_the_on_site_record_prints_blank_lines_and_a_signature_for_the_customer(scene, tmp_path):
    blank = pdf_text(print_form("callback-record", scene.open.id, tmp_path / "blank.pdf"))
    assert len(blank) == 2 and "第二联 客户" in blank[1]
    assert "回访记录表" in blank[0] and "对服务是否满意？" in blank[0] and "＿＿＿＿" in blank[0]
    assert "受访客户（签字）" in blank[0]
    filled = pdf_text(print_form("callback-record", scene.done.id, tmp_path / "done.pdf"))
    assert "希望上门更及时" in filled[0] and "对服务满意" in filled[0]


def test_C10_the_complaint_form_prints_the_complainant_and_the_first_receiver(scene, tmp_path):
    [text] = pdf_text(print_form("complaint", scene.complaint.id, tmp_path / "c.pdf"))
    assert "投诉登记表" in text and scene.complaint.number in text
    for words in ("王女士", "13900001111", "维修人员未按约定时间上门", "林晓雨", "赔偿误工费"):
        assert words in text


def test_C11_the_request_sheet_prints_the_first_receiver_the_owner_and_every_handover(
    scene, tmp_path
):
    """来电来访登记表: who was asked first, who owns the request now, and each 移交 between
    with its reason and answer (a declined one with why); the complaint form lists its
    handovers too."""
    s = scene.s
    r = callbacks.register_receipt(
        s.caller,
        kind="repair",
        channel="call",
        caller_name="赵先生",
        phone="13700002222",
        content="燃气表漏气，请尽快上门",
        received_at=RECEIVED,
    )
    first = callbacks.offer_handover(s.caller, r, s.caller2, "片区不属本人", liaison_no="LL-07")
    callbacks.decline_handover(s.caller2, first, "也不属本人片区")
    second = callbacks.offer_handover(s.caller, r, s.manager, "请主管派单")
    callbacks.accept_handover(s.manager, second)
    callbacks.close_receipt(s.manager, r, "已派维修班上门，漏点已处理")
    [text] = pdf_text(print_form("receipt", r.id, tmp_path / "r.pdf"))
    text = "".join(text.split())  # a table cell wraps its text, at a space too
    assert "来电来访登记表" in text and r.number in text
    for words in (
        "赵先生",
        "报修",
        "燃气表漏气",
        "移交记录",
        "片区不属本人（联络单LL-07）",
        "已拒收：也不属本人片区",
        "请主管派单",
        "已接收",
        "已办结",
        "漏点已处理",
    ):
        assert words in text, words
    assert text.index("林晓雨") < text.index("何敏")  # first receiver before today's owner
    c = scene.complaint
    callbacks.offer_handover(s.caller, c.receipt, s.manager, "金额较大，请主管承办")
    [text] = pdf_text(print_form("complaint", c.id, tmp_path / "c.pdf"))
    text = text.replace("\n", "")
    assert "移交记录" in text and "金额较大，请主管承办" in text and "待接收" in text


def test_C8_the_monthly_report_has_the_staff_figures_records_and_problems(scene, tmp_path):
    out = tmp_path / "m.xlsx"
    write_monthly_report("2026-01", out, unit="客户服务部")
    book = load_workbook(out)
    assert book.sheetnames == ["客服人员回访绩效表", "回访记录登记簿", "回访问题跟踪表"]
    staff = [list(r) for r in book["客服人员回访绩效表"].iter_rows(values_only=True)]
    caller = next(r for r in staff if r and r[0] == scene.done.assignee.name)
    assert caller[1] >= 1 and caller[2] == 1 and caller[5] == 1 and caller[7] == 1


def test_C12_the_quarterly_report_sets_the_quarter_beside_the_three_before(scene, tmp_path):
    out = tmp_path / "q.xlsx"
    write_quarterly_report("2026Q1", out)
    book = load_workbook(out)
    assert book.sheetnames[0] == "季度服务质量评价表"
    grid = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    quarters = [
        r
        for r in grid
        if r
        and isinstance(r[0], str)
        and r[0].endswith("季度")
        and r[0] != "季度"
        and r[1] is not None
    ]
    assert len(quarters) == 4 and "2026" in quarters[-1][0] and quarters[-1][1] == 1


def test_cli_reports_callbacks_monthly_and_service_quarterly(scene, tmp_path, database):
    from desktop.cli import main
    from tests.forms.test_fleet_forms import _url

    url = _url(database)
    for name, period in (("callbacks-monthly", "2026-01"), ("service-quarterly", "2026Q1")):
        out = tmp_path / f"{name}.xlsx"
        assert main(["--db", url, "report", name, str(out), "--period", period]) == 0
        assert load_workbook(out).sheetnames


# --- 网上问卷答卷 (C3) and the 告知书 (C10) ---------------------------------------------------

Q_HEADER = [
    "回访任务号",
    "客户名称",
    "答卷人",
    "答卷有效",
    "分析",
    "满意度（1–5）",
    "第1题",
    "第2题",
]


def online(scene) -> dict[str, Callback]:
    """An online questionnaire plan, approved: 许倩 (客服管理) sends it to 张三 and 李四."""
    from models.callbacks import Method

    p = plan(scene.s, chain=(Method.ONLINE,), title="2026年网上满意度问卷")
    callbacks.generate_callbacks(scene.s.manager, p, through=date(2026, 1, 31))
    return {cb.customer.name: cb for cb in Callback.select().where(Callback.plan == p.id)}


def test_C3_the_waiting_questionnaires_of_one_manager_are_his_and_nobodys(scene, tmp_path):
    """导出待答问卷 sends out only what its 客服管理 may record: his callbacks and unassigned
    ones, never a colleague's (``record_callback`` would refuse the whole sheet)."""
    from forms.callbacks.questionnaire import FOR_USER

    sent = online(scene)
    head, manager = scene.s.head, scene.s.manager
    assert {cb.assignee_id for cb in sent.values()} == {head.id}
    mine = export_register(
        "questionnaire-answers", tmp_path / "a.xlsx", filters={FOR_USER: head.id}
    )
    theirs = export_register(
        "questionnaire-answers", tmp_path / "b.xlsx", filters={FOR_USER: manager.id}
    )
    ids = {str(cb.id) for cb in sent.values()}
    assert {r[0] for r in cells(mine.path)} >= ids
    assert not ids & {r[0] for r in cells(theirs.path)}
    # The heading says whose sheet it is: a narrowed sheet never passes for the whole list.
    said = f"筛选条件：回访人：{head.name}或未分派 / assigned to {head.name} or nobody"
    assert cells(mine.path)[2][0] == said
    assert cells(theirs.path)[2][0].startswith(f"筛选条件：回访人：{manager.name}或未分派")
    assert cells(export_register("questionnaire-answers", tmp_path / "c.xlsx").path)[2][0] == (
        "筛选条件：全部"
    )


def test_C3_a_misspelt_filter_of_the_waiting_questionnaires_exports_nothing(scene, tmp_path):
    """A filter key the kind does not declare is refused before anything is written: left
    out, the sheet would hold every 客服管理's callbacks."""
    online(scene)
    out = tmp_path / "typo.xlsx"
    with pytest.raises(ValueError, match="for_usr"):
        export_register("questionnaire-answers", out, filters={"for_usr": scene.s.head.id})
    assert not out.exists()


def test_C3_questionnaire_answers_import_all_or_nothing_valid_and_invalid(scene, tmp_path):
    from models.callbacks import CallbackRecord, CallbackState

    cbs = online(scene)
    zhang, li = cbs["张三"], cbs["李四"]
    head = scene.s.head
    sent = export_register("questionnaire-answers", tmp_path / "sent.xlsx")
    assert sent.rows == 2
    listed = {r[1]: r[0] for r in cells(tmp_path / "sent.xlsx") if r and r[1] in cbs}
    assert listed == {"张三": str(zhang.id), "李四": str(li.id)}

    good = [str(zhang.id), "张三", "张三", "有效", "答卷完整，满意", 5, "满意", "无"]
    bad = write_xlsx(
        tmp_path / "bad.xlsx",
        [
            Q_HEADER,
            good,
            [str(scene.open.id), "王五", "王五", "有效", "完整", 4, "满意", ""],  # not its customer
            ["99999", "", "赵六", "有效", "完整", 4, "满意", ""],  # no such callback
            [str(li.id), "李四", "李四", "无效", "", None, "", ""],  # no analysis (C3)
        ],
    )
    refused = import_file("questionnaire-answers", bad, actor=head)
    assert not refused.committed and refused.rejected_rows == [3, 4, 5]
    by_row = {e.row: e for e in refused.errors}
    assert "不符" in str(by_row[3]) and "99999" in str(by_row[4]) and "分析" in str(by_row[5])
    assert (
        not CallbackRecord.select().where(CallbackRecord.callback.in_([zhang.id, li.id])).exists()
    )

    ok = write_xlsx(
        tmp_path / "ok.xlsx",
        [Q_HEADER, good, [str(li.id), "李四", "李四", "无效", "答题时间过短，答案一致", 1, "", ""]],
    )
    result = import_file("questionnaire-answers", ok, actor=head)
    assert result.committed, [str(e) for e in result.errors]
    record = callbacks.current_record(zhang)
    assert record.valid is True and record.satisfaction == 5 and record.analysis == "答卷完整，满意"
    assert "满意" in record.answers and Callback.get_by_id(zhang.id).state == CallbackState.DONE
    invalid = CallbackRecord.get(CallbackRecord.callback == li.id)
    assert invalid.valid is False and invalid.satisfaction is None  # kept, not counted (C4)
    assert Callback.get_by_id(li.id).state != CallbackState.DONE

    # a record is never edited by an import (C6)
    again = import_file(
        "questionnaire-answers",
        write_xlsx(tmp_path / "again.xlsx", [Q_HEADER, good]),
        actor=head,
        mode="update",
    )
    assert not again.committed and "补正" in str(again.errors[0])
    assert CallbackRecord.select().where(CallbackRecord.callback == zhang.id).count() == 1


def pdftotext(path) -> str:
    import subprocess

    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def embedded_fonts(path) -> list[str]:
    import subprocess

    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True)
    return [line for line in out.stdout.splitlines()[2:] if line.strip()]


def test_C10_the_refusal_notice_states_the_reasons_and_is_refused_for_another_state(
    scene, tmp_path
):
    from models.errors import RuleViolation

    with pytest.raises(RuleViolation) as err:
        print_form("complaint-refusal-notice", scene.complaint.id, tmp_path / "no.pdf")
    assert err.value.rule == "C10"
    callbacks.refuse_complaint(
        scene.s.caller, scene.complaint, "投诉事项已进入诉讼程序", datetime(2026, 1, 14, 9)
    )
    out = print_form("complaint-refusal-notice", scene.complaint.id, tmp_path / "refused.pdf")
    text = pdftotext(out)
    for words in ("不予受理告知书", scene.complaint.number, "王女士", "投诉事项已进入诉讼程序"):
        assert words in text
    assert "告知单位（盖章）" in text
    cjk = [line for line in embedded_fonts(out) if "+" in line.split()[0]]  # subset fonts
    assert cjk and all(line.split()[-5] == "yes" for line in cjk)  # the CJK font embedded


def test_C10_the_acceptance_and_decision_notices_name_the_deadline_and_the_decision(
    scene, tmp_path
):
    from models import documents

    s = scene.s
    c = callbacks.accept_complaint(s.caller, scene.complaint, datetime(2026, 1, 14, 9))
    accepted = pdftotext(print_form("complaint-acceptance-notice", c.id, tmp_path / "a.pdf"))
    assert "投诉受理告知书" in accepted and "2026-01-14 09:00" in accepted
    assert "2026-02-13" in accepted  # 30 days from acceptance (C10)
    c = callbacks.propose_decision(
        s.caller, c, "上门致歉并补偿误工费", "300", datetime(2026, 1, 20, 9)
    )
    documents.approve(s.head, c, "approve", "同意", at=datetime(2026, 1, 21, 9))
    decided = pdftotext(print_form("complaint-decision-notice", c.id, tmp_path / "d.pdf"))
    for words in ("投诉处理决定告知书", "上门致歉并补偿误工费", "300.00", "2026-01-21"):
        assert words in decided
    # The acceptance is the owner's own step: no empty 审批记录 on the letter; the decision
    # notice prints the decision's approval, by whom and when.
    assert "审批记录" not in accepted and "暂无审批记录" not in decided
    assert "审批记录" in decided and s.head.name in decided and "2026-01-21 09:00" in decided
