"""Who may take a case, and when the case page offers it (selectors.access)."""

import pytest

from leerwerk.advice.selectors.access import may_take_case, offers_taking
from leerwerk.advice.tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("state", "holder", "may", "offered"),
    [
        ({}, None, True, True),  # new and unassigned
        ({}, "adviser", True, True),  # assigned by the team lead, not yet taken up
        ({"in_progress": True}, "adviser", True, False),  # already theirs and started
        ({"waiting": True}, "adviser", True, False),
        ({"in_progress": True}, "team_lead", False, False),  # a colleague's
        ({"closed": True}, None, False, False),
        ({"closed": True}, "adviser", False, False),
    ],
)
def test_an_adviser_is_offered_a_case_they_may_take_unless_they_already_work_on_it(
    request, adviser, state, holder, may, offered
):
    case = CaseFactory(**state, assigned_to=request.getfixturevalue(holder) if holder else None)

    assert may_take_case(user=adviser, case=case) is may
    assert offers_taking(user=adviser, case=case) is offered


def test_a_team_lead_is_offered_a_colleagues_case(adviser, team_lead):
    case = CaseFactory(in_progress=True, assigned_to=adviser)

    assert offers_taking(user=team_lead, case=case) is True
