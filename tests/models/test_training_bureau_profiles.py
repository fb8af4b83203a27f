"""The bureau's export profiles retired (T4) on SQLite and MariaDB: a retired profile is
offered for no new export and cannot be changed, the exports made by it keep its name, the
retirement is audited with its reason; the built-in ``default`` is never retired; migration
32 gives the profiles already there their creator."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from models import audit, training
from models.errors import RuleViolation, RuleWarning
from tests.models.test_training_credits import hold_term
from tests.models.training_school import make_school

LAYOUT = {
    "columns": [{"field": "name", "header": ["姓名"]}, {"field": "credits", "header": "学分"}]
}


@pytest.fixture
def school(database):
    s = make_school()
    series = training.define_series(s.tangmin, s.group, "2026-2027", date(2026, 9, 7), "pm")
    training.generate_sessions(s.tangmin, series)
    hold_term(s, lambda i: (0, {t: ("出勤", None) for t in range(4)}))
    at = datetime(2027, 1, 25, 9, 0)
    reg = training.draft_credit_register(s.tangmin, "2026-2027", 1, at=at)
    reg = training.submit_credit_register(s.tangmin, reg, at=at)
    s.register = training.approve_credit_register(s.o.leader, reg, at=at)
    return s


def _export(s, profile: str) -> training.BureauExport:
    registers = training.registers_to_report(s.tangmin, "2026-2027")
    return training.record_export(
        s.tangmin, "2026-2027", profile, registers, file_name="x.xlsx", sha256="0" * 64, rows=4
    )


def test_T4_a_retired_profile_is_offered_for_no_new_export_and_past_exports_keep_its_name(
    school,
):
    s = school
    added = training.save_profile(s.tangmin, "城关县", "城关县格式", LAYOUT)
    assert (added.created_by, added.kind, added.is_retired) == ("唐敏", "custom", False)
    with pytest.raises(RuleWarning) as warned:  # a taken name: replacing it is asked first
        training.save_profile(s.trainer2, "城关县", "城关县格式（新）", LAYOUT)
    assert warned.value.key == training.REPLACE_PROFILE and "城关县格式" in warned.value.zh
    unchanged = training.BureauProfile.get(training.BureauProfile.name == "城关县")
    assert unchanged.title == "城关县格式"
    training.save_profile(
        s.trainer2,
        "城关县",
        "城关县格式（新）",
        LAYOUT,
        acknowledged={training.REPLACE_PROFILE},
    )  # replaced
    replaced = training.BureauProfile.get(training.BureauProfile.name == "城关县")
    assert (replaced.created_by, replaced.saved_by) == ("唐敏", "许培")
    past = _export(s, "城关县")
    retired = training.retire_profile(s.trainer2, " 城关县 ", "县局2027年起改用新模板")
    assert retired.is_retired and retired.retired_by == "许培"
    assert retired.retire_reason == "县局2027年起改用新模板"
    assert [p.name for p in training.stored_profiles()] == []
    assert [p.name for p in training.stored_profiles(retired=True)] == ["城关县"]
    # The export made by it keeps its name and the register stays 已上报.
    assert training.BureauExport.get_by_id(past.id).profile == "城关县"
    assert training.last_report(s.register).id == past.id
    for refused in (
        lambda: training.stored_profile("城关县"),
        lambda: _export(s, "城关县"),
        lambda: training.save_profile(s.tangmin, "城关县", "再改", LAYOUT),
        lambda: training.retire_profile(s.tangmin, "城关县", "再停一次"),
    ):
        with pytest.raises(RuleViolation) as err:
            refused()
        assert err.value.rule == "T4" and "已于" in err.value.zh and "停用" in err.value.zh
    assert [e.id for e in training.exports_of("2026-2027")] == [past.id]
    [entry] = [e for e in audit.history("bureau_profile", retired.id) if e.action == "retire"]
    assert entry.note == "县局2027年起改用新模板" and entry.actor_name == "许培"
    assert "retired_at" in json.loads(entry.changes)


def test_T4_retiring_needs_a_reason_the_role_and_never_the_built_in_default(school):
    s = school
    row = training.save_profile(s.tangmin, "某县", "某县", LAYOUT)
    cases = (
        (s.tangmin, "default", "不用了", "T4"),
        (s.tangmin, "某县", "  ", "T4"),
        (s.tangmin, "某县", "改" * 201, "T4"),  # longer than the column keeps: refused, not cut
        (s.tangmin, "无此县", "不用了", "T4"),
        (s.leader_user, "某县", "不用了", "X1"),
    )
    for actor, name, reason, rule in cases:
        with pytest.raises(RuleViolation) as err:
            training.retire_profile(actor, name, reason)
        assert err.value.rule == rule, (name, reason)
    assert [p.name for p in training.stored_profiles()] == ["某县"]
    assert not [e for e in audit.history("bureau_profile", row.id) if e.action == "retire"]


def test_T4_a_retired_profile_is_reinstated_under_its_name_with_a_reason(school):
    """A county back on a format it had left: 重新启用 with a reason gives the profile back
    for new exports under the name its past exports keep; the retirement stays in the
    audit trail. Only a retired profile, only 培训办, never without a reason."""
    s = school
    row = training.save_profile(s.tangmin, "城关县", "城关县格式", LAYOUT)
    training.retire_profile(s.tangmin, "城关县", "县局改用新模板")
    for actor, name, reason, rule in (
        (s.tangmin, "城关县", " ", "T4"),
        (s.tangmin, "无此县", "县局恢复", "T4"),
        (s.leader_user, "城关县", "县局恢复", "X1"),
    ):
        with pytest.raises(RuleViolation) as err:
            training.reinstate_profile(actor, name, reason)
        assert err.value.rule == rule, (name, reason)
    with pytest.raises(RuleViolation, match="重新启用"):  # still retired, and says the way back
        training.stored_profile("城关县")
    back = training.reinstate_profile(s.trainer2, " 城关县 ", "县局2028年恢复旧模板")
    assert not back.is_retired and (back.retired_by, back.retire_reason) == ("", "")
    assert [p.name for p in training.stored_profiles()] == ["城关县"]
    assert training.stored_profile("城关县").title == "城关县格式"
    _export(s, "城关县")  # usable again
    with pytest.raises(RuleViolation) as err:
        training.reinstate_profile(s.tangmin, "城关县", "再启用")
    assert err.value.rule == "T4" and "在用" in err.value.zh
    actions = [(e.action, e.note) for e in audit.history("bureau_profile", row.id)]
    assert ("retire", "县局改用新模板") in actions
    assert ("reinstate", "县局2028年恢复旧模板") in actions


def test_T4_migration_32_gives_the_profiles_already_there_their_creator(school, database):
    from playhouse.migrate import SchemaMigrator, migrate

    s = school
    row = training.save_profile(s.tangmin, "某县", "某县", LAYOUT)
    # The table as migration 31 made it before: none of the new columns.
    table = training.BureauProfile._meta.table_name
    migrator = SchemaMigrator.from_database(database)
    added = ("created_by", "created_at", "retired_at", "retired_by", "retire_reason")
    migrate(*(migrator.drop_column(table, c) for c in added))
    assert not set(added) & {c.name for c in database.get_columns(table)}
    training.migrate_32(database)
    assert set(added) <= {c.name for c in database.get_columns(table)}
    again = training.BureauProfile.get_by_id(row.id)
    assert (again.created_by, again.created_at) == ("唐敏", again.saved_at)
    assert not again.is_retired and again.retire_reason == ""
    training.migrate_32(database)  # run again it changes nothing
    assert training.BureauProfile.get_by_id(row.id).created_by == "唐敏"
    training.retire_profile(s.tangmin, "某县", "不再使用")
    assert training.stored_profiles() == []


def test_T4_a_layout_that_is_not_json_is_refused_naming_where(database):
    with pytest.raises(RuleViolation) as err:
        training.layout_from_text('{"columns": [\n  {"field": "name"},\n]}')
    assert err.value.rule == "T4" and "第 3 行" in err.value.zh and "line 3" in err.value.en
    with pytest.raises(RuleViolation):
        training.layout_from_text("[1, 2]")
    assert training.layout_from_text('{"columns": []}') == {"columns": []}
