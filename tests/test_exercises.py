"""연습문제 검사기 check_answer: 맞는 답, 틀린 값, 모양, 오류, 빈 답을 한 문장으로 구별하는가."""

import numpy as np
import pytest

from nnbook.activations import Sigmoid
from nnbook.exercises import check_answer

CASES = [0.0, 2.0, np.array([-1.0, 1.0])]


def reference(x):
    return Sigmoid().derivative(x)


def run(capsys, answer, **kw):
    check_answer(answer, reference, CASES, **kw)
    return capsys.readouterr().out.strip()


def test_right_answer_says_correct(capsys):
    out = run(capsys, lambda x: Sigmoid()(x) * (1 - Sigmoid()(x)), name="sigmoid_derivative")
    assert out == "정답이다: sigmoid_derivative이(가) 입력 3가지에서 모두 맞는다."


def test_wrong_value_names_input_and_both_values(capsys):
    out = run(capsys, lambda x: 0.25 + 0 * x, name="f")
    assert out.startswith("f(2) = 0.25, 기대한 값은 0.104994이다.")


def test_wrong_shape_names_both_shapes(capsys):
    out = run(capsys, lambda x: np.zeros(3), name="f")
    assert "모양이 (3,)이다. ()이어야 한다" in out


def test_stub_error_none_and_non_numbers_are_told_apart(capsys):
    def stub(x):
        raise NotImplementedError

    assert "아직 stub을(를) 채우지 않았다" in run(capsys, stub)
    assert "ZeroDivisionError" in run(capsys, lambda x: 1 / 0, name="f")
    assert "None" in run(capsys, lambda x: None, name="f")
    assert "수가 아닌 str" in run(capsys, lambda x: "0.25", name="f")
    assert "함수가 아니다" in run(capsys, 0.25)


def test_no_cases_is_refused():
    with pytest.raises(ValueError, match="입력"):
        check_answer(lambda x: x, reference, [])
