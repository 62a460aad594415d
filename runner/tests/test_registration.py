"""How step tests are found: each module keeps its own list, in definition order, whatever the
decorators around @test; nothing is shared between modules or kept by the library."""

from __future__ import annotations

import pytest

import codealong.testing
from codealong.failures import AuthoringError
from codealong_runner.payload import StepTests
from codealong_runner.suite import load_step

SOURCE = '''
from codealong import hint, test

@test("first")
def first(t): pass

@test("second")
@hint("a hint below the test")
def second(t): pass

@test
def third_one(t): pass

for n in range(2):
    @test(f"looped {n}")
    def looped(t): pass
'''


def test_every_test_is_found_in_order():
    cases = load_step(StepTests(step="01-a", title="a", source=SOURCE))
    assert [case.title for case in cases] == ["first", "second", "third one", "looped 0", "looped 1"]
    assert all(case.step == "01-a" for case in cases)
    assert cases[1].function.__name__ == "second"


def test_modules_do_not_share_tests_and_the_library_keeps_none():
    load_step(StepTests(step="01-a", title="a", source=SOURCE))
    other = load_step(StepTests(step="02-b", title="b", source="from codealong import test\n@test\ndef only(t): pass\n"))
    assert [case.title for case in other] == ["only"]
    assert not any(isinstance(value, list) for name, value in vars(codealong.testing).items() if name.startswith("_"))


def test_a_module_without_tests_is_a_course_problem():
    with pytest.raises(AuthoringError, match="defines no @test functions"):
        load_step(StepTests(step="03-c", title="c", source="x = 1\n"))
