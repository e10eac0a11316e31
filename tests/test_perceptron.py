"""퍼셉트론: 강의의 게이트 가중치, 001 강의의 S 값, 로젠블랫 학습 규칙."""

import numpy as np
import pytest

from nnbook import GATE_WEIGHTS, TRUTH_TABLES, Perceptron
from nnbook.datasets import logic_gate
from nnbook.perceptron import GATE_INPUTS


@pytest.mark.parametrize("lecture", ["nn_slides", "nlp_notes"])
@pytest.mark.parametrize("gate", ["AND", "OR", "NAND"])
def test_lecture_gate_weights_give_the_truth_table(lecture, gate):
    np.testing.assert_array_equal(Perceptron.gate(gate, lecture).truth_table(), TRUTH_TABLES[gate])


def test_weighted_sums_by_hand():
    # 000 강의 AND (1, 1, −1): s = x1 + x2 − 1
    np.testing.assert_allclose(Perceptron.gate("AND", "nn_slides").weighted_sum(GATE_INPUTS), [-1, 0, 0, 1])
    # 004 강의 OR (0.6, 0.6, −0.5)
    np.testing.assert_allclose(Perceptron.gate("OR", "nlp_notes").weighted_sum(GATE_INPUTS), [-0.5, 0.1, 0.1, 0.7])


def test_004_nand_typo_is_not_nand():
    # 004 강의는 한 번 NAND를 [−0.5, −0.5, −0.7]로 적는다: 모든 입력에서 0이 나온다.
    np.testing.assert_array_equal(Perceptron([-0.5, -0.5], -0.7).truth_table(), [0, 0, 0, 0])


def test_001_or_example_with_plus_minus_one_labels():
    unit = Perceptron([1.0, 1.0], -0.5, labels=(-1, 1))
    X = np.array([[0, 0], [1, 0], [0, 1], [1, 1]])
    np.testing.assert_allclose(unit.weighted_sum(X), [-0.5, 0.5, 0.5, 1.5])
    np.testing.assert_array_equal(unit.predict(X), [-1, 1, 1, 1])


def test_threshold_form_equals_bias_form():
    a = Perceptron.from_threshold([0.5, 0.5], theta=0.7)
    np.testing.assert_array_equal(a.truth_table(), Perceptron([0.5, 0.5], -0.7).truth_table())
    assert a.bias == -0.7


def test_step_at_exactly_zero_gives_zero():
    # 000 강의 AND (1,1,−1)은 (0,1)에서 s = 0이고 출력이 0이어야 AND가 된다.
    assert Perceptron([1, 1], -1).predict([0, 1])[0] == 0


@pytest.mark.parametrize("gate", ["AND", "OR", "NAND"])
def test_learning_rule_learns_linearly_separable_gates(gate):
    X, y = logic_gate(gate)
    unit = Perceptron([0.0, 0.0], 0.0)
    result = unit.fit(X, y, learning_rate=1.0, max_epochs=50)
    assert result.converged
    assert result.errors[-1] == 0 and result.errors[0] > 0
    np.testing.assert_array_equal(unit.truth_table(), TRUTH_TABLES[gate])
    assert "모든 샘플을 맞혀" in result.message


def test_learning_rule_update_by_hand():
    # 첫 샘플 (0,0), 정답 1(NAND): s = 0 → 출력 0, 오차 1 → w += 1·(0,0), b += 1
    unit = Perceptron([0.0, 0.0], 0.0)
    unit.fit(np.array([[0.0, 0.0]]), np.array([1.0]), learning_rate=0.5, max_epochs=1)
    assert unit.bias == 0.5 and np.all(unit.weights == 0)


def test_learning_rule_never_converges_on_xor_and_says_so():
    X, y = logic_gate("XOR")
    unit = Perceptron([0.0, 0.0], 0.0)
    result = unit.fit(X, y, learning_rate=1.0, max_epochs=200)
    assert not result.converged
    assert result.epochs == 200 and len(result.errors) == 200
    assert min(result.errors) > 0
    assert "200에포크 안에 수렴하지 못하고" in result.message


def test_learning_rule_with_plus_minus_one_labels():
    X, y = logic_gate("OR", labels=(-1, 1))
    unit = Perceptron([0.0, 0.0], 0.0, labels=(-1, 1))
    assert unit.fit(X, y).converged
    np.testing.assert_array_equal(unit.predict(X), y)


def test_gate_weights_table_is_what_the_lectures_print():
    assert GATE_WEIGHTS["nn_slides"] == {"AND": (1, 1, -1), "OR": (2, 2, -1), "NAND": (-2, -2, 3)}
    assert GATE_WEIGHTS["nlp_notes"] == {"AND": (0.5, 0.5, -0.7), "NAND": (-0.5, -0.5, 0.7), "OR": (0.6, 0.6, -0.5)}


# 잘못된 입력 ------------------------------------------------------------------
def test_wrong_input_shape_names_the_shapes():
    unit = Perceptron([1, 1], -1)
    with pytest.raises(ValueError, match=r"입력 2개.*\(4, 3\)"):
        unit.predict(np.zeros((4, 3)))


def test_labels_that_do_not_match_outputs():
    X, _ = logic_gate("AND")
    with pytest.raises(ValueError, match="0, 1이 아닌 값 -1"):
        Perceptron([0, 0], 0).fit(X, np.array([-1, -1, -1, 1]))
    with pytest.raises(ValueError, match=r"길이 4.*\(3,\)"):
        Perceptron([0, 0], 0).fit(X, np.array([0, 0, 1]))


def test_unknown_gate_and_lecture_list_valid_names():
    with pytest.raises(ValueError, match="AND, NAND, OR"):
        Perceptron.gate("XOR", "nn_slides")
    with pytest.raises(ValueError, match="nlp_notes, nn_slides"):
        Perceptron.gate("AND", "nn_notes")


def test_nan_input_and_bad_learning_rate():
    with pytest.raises(ValueError, match="NaN"):
        Perceptron([1, 1], 0).predict([np.nan, 1])
    X, y = logic_gate("AND")
    with pytest.raises(ValueError, match="학습률.*-0.1"):
        Perceptron([0, 0], 0).fit(X, y, learning_rate=-0.1)


def test_count_regions_matches_the_formula_and_special_cases():
    from nnbook.perceptron import count_regions

    rng = np.random.default_rng(0)
    for p in range(1, 9):
        assert count_regions(rng.normal(size=(p, 3))) == 1 + p + p * (p - 1) // 2
    # 세 직선이 한 점을 지나면 6개, 평행한 두 직선은 3개
    assert count_regions([[1, 0, 0], [0, 1, 0], [1, 1, 0]]) == 6
    assert count_regions([[1, 0, 0], [1, 0, -1]]) == 3
    with pytest.raises(ValueError, match="w1 = w2 = 0"):
        count_regions([[0, 0, 1]])
