"""The command line's Excel imports from their desktop buttons, real widgets on a real SQLite
office, real workbooks written with openpyxl: the marked 签到表 on the 考勤 tab (T3), the
online questionnaire answers on 客服管理's 我的回访 (C3), the external-training claims on the
学分 tab (T7). Each goes through the import dialog: a dry run and its report, then all rows
or none (X3); a file with one bad row writes nothing and names the row."""

from __future__ import annotations

from datetime import date

import pytest

from desktop import exporting
from desktop.callbacks.page import CallbacksPage
from models import attachments, callbacks, training
from models.callbacks import Callback, CallbackRecord, CallbackState, Method
from models.training import ExternalTraining, Mark, RegisterState, TrainingSession
from tests.desktop import test_callbacks_page as callbacks_tests
from tests.desktop import test_training_page as page_tests
from tests.forms.helpers import cells, write_xlsx
from tests.models.callbacks_office import plan

school = page_tests.school  # 唐敏 (培训办), 陈组长's 语文组 of four and its sessions
svc = callbacks_tests.svc  # 许倩 (客服管理), 何敏, 林晓雨 and 张三's callbacks
_keep_pages, _page = page_tests._keep_pages, page_tests._page

ASK_ERROR_BOOK_PATH = exporting.ask_error_book_path  # the real one, before conftest answers it

ATTENDANCE = ["教研组", "活动日期", "工号", "姓名", "考勤", "分钟", "备注"]
EXTERNAL = ["工号", "姓名", "类别", "培训机构", "级别", "开始日期", "结束日期", "学时"]
EXTERNAL += ["证书编号", "证书扫描件"]
QUESTIONNAIRE = ["回访任务号", "客户名称", "答卷人", "答卷有效", "分析", "满意度（1–5）"]
QUESTIONNAIRE += ["第1题", "第2题"]


def run_import(qtbot, boxes, monkeypatch, start, path, shown: int) -> list:
    """Press an import button with ``path`` chosen in the file dialog; wait for the boxes
    (a refusal: 1; the dry run's question and the result: 2)."""
    monkeypatch.setattr(exporting.QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))
    assert start() is not None
    qtbot.waitUntil(lambda: len(boxes.shown) >= shown, timeout=15000)
    return boxes.shown


def refused_then_offered(shown) -> bool:
    """A refused file: the refusal, then the question whether to save its error list."""
    return [s.kind for s in shown] == ["rule", "warning"] and "错误清单" in shown[1].text


def _visible(widget, tab) -> bool:
    return widget.isVisibleTo(tab)


# --- 考勤: the marked 签到表 (T3) ---------------------------------------------------------


def _open_register(qtbot, school):
    tab = _page(qtbot, school.tangmin).open_tab("register")
    tab.select_session(school.session.id)
    assert tab.open_register()
    return tab


def _sheet(school, status_of_last: str = "出勤", staff_of_last: str = "0004") -> list:
    day = school.session.date
    return [
        ATTENDANCE,
        ["语文组", day, "0001", "陈组长", "出勤", None, None],
        ["语文组", day, "0002", "刘一", "迟到", 10, "堵车"],
        ["语文组", day, "0003", "黄二", "缺席", None, None],
        ["语文组", day, staff_of_last, "马三", status_of_last, None, None],
    ]


def test_T3_X3_the_marked_sign_in_sheet_imports_from_the_register_tab_and_shows(
    qtbot, school, boxes, monkeypatch, tmp_path
):
    tab = _open_register(qtbot, school)
    assert _visible(tab.import_button, tab) and _visible(tab.template_button, tab)
    template = tmp_path / "模板.xlsx"
    monkeypatch.setattr(
        exporting.QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(template), "")
    )
    assert tab.download_template() is not None
    qtbot.waitUntil(lambda: template.exists() and len(boxes.shown) == 1, timeout=15000)
    assert [h.lstrip("*") for h in cells(template)[0][:5]] == ATTENDANCE[:5]
    boxes.shown.clear()

    path = write_xlsx(tmp_path / "签到表.xlsx", _sheet(school))
    shown = run_import(qtbot, boxes, monkeypatch, tab.import_sheet, path, 2)
    assert "试导入" in shown[0].text and "已导入" in shown[1].text
    marks = {m.teacher.name: m for m in training.roster_of(school.session)}
    assert (marks["刘一"].status, marks["刘一"].minutes) == (Mark.LATE, 10)
    assert marks["黄二"].status == Mark.ABSENT
    assert tab.current().id == school.session.id  # the tab reloaded on the same register
    assert [tab.status_text(r) for r in range(4)] == ["出勤", "迟到", "缺席", "出勤"]


def test_T3_X3_a_sign_in_sheet_with_one_bad_row_writes_nothing_and_names_the_row(
    qtbot, school, boxes, monkeypatch, tmp_path
):
    tab = _open_register(qtbot, school)
    path = write_xlsx(tmp_path / "签到表.xlsx", _sheet(school, staff_of_last="0099"))
    shown = run_import(qtbot, boxes, monkeypatch, tab.import_sheet, path, 1)
    assert (
        refused_then_offered(shown) and "第 5 行" in shown[0].details and "0099" in shown[0].details
    )
    assert {m.status for m in training.roster_of(school.session)} == {Mark.PENDING}
    session = TrainingSession.get_by_id(school.session.id)
    assert session.register_state == RegisterState.OPEN


def test_X3_T3_a_refused_sign_in_sheet_saves_its_error_list_to_fix_and_import_again(
    qtbot, school, boxes, monkeypatch, tmp_path
):
    tab = _open_register(qtbot, school)
    rows = _sheet(school, staff_of_last="0099")
    rows[2][4] = "请假了"  # 刘一: no such mark
    path = write_xlsx(tmp_path / "签到表.xlsx", rows)
    saved = tmp_path / "错误清单.xlsx"
    monkeypatch.setattr(exporting, "ask_error_book_path", ASK_ERROR_BOOK_PATH)
    monkeypatch.setattr(
        exporting.QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(saved), "")
    )
    shown = run_import(qtbot, boxes, monkeypatch, tab.import_sheet, path, 3)
    assert (
        refused_then_offered(shown[:2])
        and "已保存" in shown[2].text
        and str(saved) in shown[2].text
    )
    book = cells(saved)
    error_col = book[0].index("错误")
    bad = {r[2]: r[error_col] for r in book[1:]}  # by 工号
    assert sorted(bad) == ["0002", "0099"]  # only the two rejected rows, ready to fix
    assert bad["0002"].startswith("第 3 行") and "请假了" in bad["0002"]
    assert bad["0099"].startswith("第 5 行") and "0099" in bad["0099"]
    assert {m.status for m in training.roster_of(school.session)} == {Mark.PENDING}


def test_T3_the_sign_in_sheet_import_is_not_offered_to_a_reader(qtbot, school):
    from models import people
    from models.people import Role
    from tests.office import PASSWORD

    leader = people.add_user(
        school.admin, "xiaozhang", "王校长", PASSWORD, school.office, [Role.LEADER]
    )
    tab = _page(qtbot, leader).open_tab("register")
    assert not _visible(tab.import_button, tab) and not _visible(tab.template_button, tab)


# --- 我的回访: the online questionnaire answers (C3) ---------------------------------------


def _online(svc) -> Callback:
    """张三's January online questionnaire, 许倩's (客服管理) to collect."""
    p = plan(svc, chain=(Method.ONLINE,), title="2026年网上满意度问卷")
    callbacks.generate_callbacks(svc.manager, p, through=date(2026, 1, 31))
    return Callback.get(Callback.plan == p.id)


def _mine(qtbot, user):
    page = CallbacksPage(user)
    qtbot.addWidget(page)
    page_tests._BUILT.append(page)
    page.show()
    tab = page.open_tab("mine")
    tab.all_open.setChecked(True)
    return tab


def _keys(tab) -> list[int]:
    return [int(tab.model.row_id(r)) for r in range(tab.model.rowCount())]


def test_C3_X3_online_answers_import_from_my_callbacks_and_leave_the_list(
    qtbot, svc, boxes, monkeypatch, tmp_path
):
    cb = _online(svc)
    tab = _mine(qtbot, svc.head)
    texts = [b.text() for b in tab.view.buttons() if b.isVisibleTo(tab)]
    assert "导入问卷答卷…" in texts and "导出待答问卷…" in texts
    qtbot.waitUntil(lambda: cb.id in _keys(tab))
    sent = tmp_path / "待答.xlsx"
    monkeypatch.setattr(exporting.QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(sent), ""))
    assert tab.export_questionnaires() is not None
    qtbot.waitUntil(lambda: sent.exists() and len(boxes.shown) == 1, timeout=15000)
    assert [str(cb.id), "张三"] in [r[:2] for r in cells(sent)]
    boxes.shown.clear()

    good = [str(cb.id), "张三", "张三", "有效", "答卷完整，满意", 5, "满意", "无"]
    path = write_xlsx(tmp_path / "答卷.xlsx", [QUESTIONNAIRE, good])
    shown = run_import(qtbot, boxes, monkeypatch, tab.import_answers, path, 2)
    assert "已导入" in shown[1].text, shown[1].details
    record = callbacks.current_record(cb)
    assert record.valid is True and record.analysis == "答卷完整，满意"
    assert Callback.get_by_id(cb.id).state == CallbackState.DONE
    qtbot.waitUntil(lambda: cb.id not in _keys(tab))  # made: no longer waiting in the list


def test_C3_X3_answers_with_one_bad_row_write_nothing_and_name_the_row(
    qtbot, svc, boxes, monkeypatch, tmp_path
):
    cb = _online(svc)
    tab = _mine(qtbot, svc.head)
    good = [str(cb.id), "张三", "张三", "有效", "答卷完整，满意", 5, "满意", "无"]
    bad = ["99999", "", "赵六", "有效", "完整", 4, "满意", ""]
    path = write_xlsx(tmp_path / "答卷.xlsx", [QUESTIONNAIRE, good, bad])
    shown = run_import(qtbot, boxes, monkeypatch, tab.import_answers, path, 1)
    assert (
        refused_then_offered(shown)
        and "第 3 行" in shown[0].details
        and "99999" in shown[0].details
    )
    assert not CallbackRecord.select().where(CallbackRecord.callback == cb.id).exists()


def test_C3_the_answers_import_is_offered_to_the_service_management_only(qtbot, svc):
    tab = _mine(qtbot, svc.caller)
    texts = [b.text() for b in tab.view.buttons() if b.isVisibleTo(tab)]
    assert "导入问卷答卷…" not in texts and "导出待答问卷…" not in texts


# --- 学分: external training and self-study claims (T7) ------------------------------------


def _claims(school, tmp_path, *, scan_of_second: str | None = None) -> list:
    """Two claims filed by 唐敏; 许培 (培训办 too) is there to recognise them (X1: never the
    applicant himself)."""
    from models import people
    from models.people import Role
    from tests.office import PASSWORD

    people.add_user(school.admin, "peixun2", "许培", PASSWORD, school.office, [Role.TRAINING])
    scan = tmp_path / "证书.pdf"
    scan.write_bytes(b"%PDF-1.4 certificate")
    first = ["0002", "刘一", "非学历", "县教师进修学校", "县级", date(2026, 10, 8)]
    first += [date(2026, 10, 9), 12, "JX2026-0001", str(scan)]
    second = ["0003", "黄二", "自学", "国家智慧教育平台", "国家级", date(2026, 11, 1)]
    second += [date(2026, 11, 30), 20, "ZX-7", scan_of_second or str(scan)]
    return [EXTERNAL, first, second]


def test_T7_X3_external_claims_import_from_the_credits_tab_each_with_its_scan(
    qtbot, school, boxes, monkeypatch, tmp_path
):
    tab = _page(qtbot, school.tangmin).open_tab("credits")
    assert _visible(tab.claims_button, tab) and _visible(tab.claims_template, tab)
    path = write_xlsx(tmp_path / "外出培训.xlsx", _claims(school, tmp_path))
    shown = run_import(qtbot, boxes, monkeypatch, tab.import_claims, path, 2)
    assert "已导入" in shown[1].text, shown[1].details
    claims = {c.certificate_no: c for c in ExternalTraining.select()}
    assert sorted(claims) == ["JX2026-0001", "ZX-7"]
    liu = claims["JX2026-0001"]
    assert (liu.teacher_id, liu.hours, liu.state) == (school.teachers[1].id, 12, "pending")
    assert [a.file_name for a in attachments.attachments_of(liu)] == ["证书.pdf"]


def test_T7_X3_claims_with_one_bad_row_write_nothing_and_name_the_row(
    qtbot, school, boxes, monkeypatch, tmp_path
):
    tab = _page(qtbot, school.tangmin).open_tab("credits")
    rows = _claims(school, tmp_path, scan_of_second=str(tmp_path / "无.pdf"))
    path = write_xlsx(tmp_path / "外出培训.xlsx", rows)
    shown = run_import(qtbot, boxes, monkeypatch, tab.import_claims, path, 1)
    assert (
        refused_then_offered(shown)
        and "第 3 行" in shown[0].details
        and "扫描件" in shown[0].details
    )
    assert ExternalTraining.select().count() == 0


def test_T7_the_claims_import_is_not_offered_to_a_group_leader(qtbot, school):
    page = _page(qtbot, school.chen)
    assert "credits" not in page.tab_keys()


@pytest.fixture(autouse=True)
def _no_real_dialogs(monkeypatch):
    """A file dialog a test forgot to answer would block: refuse it instead."""
    monkeypatch.setattr(exporting.QFileDialog, "getOpenFileName", lambda *_a, **_k: ("", ""))
    monkeypatch.setattr(exporting.QFileDialog, "getSaveFileName", lambda *_a, **_k: ("", ""))
