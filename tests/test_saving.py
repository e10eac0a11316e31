"""모델 파일: 읽을 때 등록된 nnbook 클래스 말고는 아무것도 만들거나 부르지 않고, 망가진 파일은 한 문장으로 알린다."""

import json

import numpy as np
import pytest

from nnbook import (Conv2D, Dense, Dropout, Flatten, ModelFileError, Sequential, activations, initializers,
                    load_model, regularizers)
from nnbook.saving import FORMAT, REGISTRY


def _saved(tmp_path, dtype=np.float64, layers=None):
    model = Sequential(layers or [Dense(3, activation="tanh"), Dense(1)], seed=0)
    model.build((2,), dtype=dtype)
    path = tmp_path / "model.npz"
    model.save(path)
    return model, path


def _write(path, config, **arrays):
    np.savez(path, config=np.array(json.dumps(config)), **arrays)
    return path


def _config(layers, input_shape=(2,)):
    return {"format": FORMAT, "input_shape": list(input_shape), "layers": layers}


def test_round_trip_with_nested_objects(tmp_path):
    model, path = _saved(tmp_path, layers=[
        Dense(3, activation=activations.LeakyReLU(0.1), kernel_initializer=initializers.HeNormal(),
              kernel_regularizer=regularizers.L2(0.02)),
        Dense(2, kernel_initializer=initializers.he_uniform, activation=activations.Sigmoid(a=2.0)),
        Dropout(0.25, seed=3)])
    loaded = load_model(path)
    first, second = loaded.layers[0], loaded.layers[1]
    assert first.activation.alpha == 0.1 and isinstance(first.kernel_initializer, initializers.HeNormal)
    assert first.kernel_regularizer.l2 == 0.02 and second.activation.a == 2.0
    x = np.random.default_rng(0).standard_normal((5, 2))
    np.testing.assert_array_equal(loaded.predict(x), model.predict(x))


@pytest.mark.parametrize("layers", [[Flatten(), Dense(2)], [Dense(2)], [Conv2D(2, 1), Flatten(), Dense(1)]])
def test_float32_comes_back_as_float32_whatever_the_first_layer(tmp_path, layers):
    shape = (3, 3, 1) if isinstance(layers[0], Conv2D) else (4,)
    model = Sequential(layers, seed=0)
    model.build(shape, dtype=np.float32)
    path = tmp_path / "m.npz"
    model.save(path)
    loaded = load_model(path)
    assert all(w.dtype == np.float32 for layer in loaded.layers for w in layer.get_weights())
    assert loaded.predict(np.ones((1, *shape), dtype=np.float32)).dtype == np.float32


def test_the_registry_holds_only_nnbook_classes():
    for kind, classes in REGISTRY.items():
        for name, cls in classes.items():
            assert cls.__module__.startswith("nnbook.") and cls.__name__ == name and isinstance(cls, type), (kind, name)


def test_a_file_naming_a_function_of_another_module_runs_nothing(tmp_path, monkeypatch):
    called = []
    import nnbook.datasets

    monkeypatch.setattr(nnbook.datasets, "load_mnist", lambda *a, **k: called.append(a), raising=False)
    # 예전 형식처럼 모듈과 함수를 적은 파일, 그리고 새 형식으로 등록되지 않은 클래스를 적은 파일
    old = {"format": "nnbook.Sequential/1", "input_shape": [2],
           "layers": [{"class": "load_mnist", "module": "nnbook.datasets", "config": {"path": str(tmp_path / "x")}}]}
    with pytest.raises(ModelFileError, match="형식 'nnbook.Sequential/1'을\\(를\\) 읽을 수 없다"):
        load_model(_write(tmp_path / "old.npz", old))
    with pytest.raises(ModelFileError, match="'load_mnist'은\\(는\\) 불러올 수 있는 층 클래스가 아니다"):
        load_model(_write(tmp_path / "new.npz", _config([{"class": "load_mnist", "config": {}}])))
    assert called == [] and sorted(p.name for p in tmp_path.iterdir()) == ["new.npz", "old.npz"]


@pytest.mark.parametrize("nested, message", [
    ({"kind": "activation", "class": "Softmax2", "config": {}}, "'Softmax2'은\\(는\\) 불러올 수 있는 활성화 함수 클래스가 아니다"),
    ({"kind": "initializer", "class": "Constant", "config": {"value": {"kind": "optimizer", "class": "eval",
                                                                        "config": {}}}},
     "'eval'은\\(는\\) 불러올 수 있는 옵티마이저 클래스가 아니다"),
    ({"kind": "module", "class": "os.system", "config": {}}, "해석할 수 없다"),
    ({"function": "write_idx", "module": "nnbook.datasets"}, "해석할 수 없다"),
    ({"kind": "regularizer", "class": "L2", "config": {"l2": 0.1, "command": "rm"}}, "인자 'command'을\\(를\\) 받지 않는다"),
    ({"kind": "activation", "class": "Sigmoid", "config": {"a": "1"}}, "Sigmoid을\\(를\\) 파일의 인자로 만들 수 없다"),
])
def test_nested_configs_are_checked(tmp_path, nested, message):
    path = _write(tmp_path / "m.npz", _config([{"class": "Dense", "config": {"units": 2, "activation": nested}}]))
    with pytest.raises(ModelFileError, match=message):
        load_model(path)


def test_layer_arguments_are_checked(tmp_path):
    path = _write(tmp_path / "m.npz", _config([{"class": "Dense", "config": {"units": 2, "__class__": "x"}}]))
    with pytest.raises(ModelFileError, match="Dense은\\(는\\) 인자 '__class__'을\\(를\\) 받지 않는다"):
        load_model(path)
    path = _write(tmp_path / "m.npz", _config([{"class": "Dense", "config": {"units": -3}}]))
    with pytest.raises(ModelFileError, match="units은\\(는\\) 1 이상의 정수여야 하는데 -3"):
        load_model(path)


def test_truncated_file(tmp_path):
    _, path = _saved(tmp_path)
    data = path.read_bytes()
    for cut in (len(data) // 2, 30):
        path.write_bytes(data[:cut])
        with pytest.raises(ModelFileError, match=r"model\.npz은\(는\) 모델 파일로 읽을 수 없다: 파일이 잘렸거나"):
            load_model(path)


def test_overwritten_bytes(tmp_path):
    _, path = _saved(tmp_path)
    data = bytearray(path.read_bytes())
    start = data.index(b"0/params/kernel.npy") + 200   # 가중치 배열의 내용 한가운데
    data[start:start + 16] = b"\xff" * 16
    path.write_bytes(bytes(data))
    with pytest.raises(ModelFileError, match="잘렸거나 내용이 망가졌다"):
        load_model(path)


def test_text_file_and_npy_file(tmp_path):
    text = tmp_path / "notes.npz"
    text.write_text("이것은 모델이 아니다\n", encoding="utf-8")
    with pytest.raises(ModelFileError, match=r"notes\.npz은\(는\) 모델 파일로 읽을 수 없다: 파일이 NumPy의 \.npz 파일이 아니다"):
        load_model(text)
    npy = tmp_path / "weights.npy"
    np.save(npy, np.zeros(3))
    with pytest.raises(ModelFileError, match=r"weights\.npy은\(는\) 배열 하나를 담은 \.npy 파일이다"):
        load_model(npy)
    with pytest.raises(ModelFileError, match="없다"):
        load_model(tmp_path / "missing.npz")


def test_missing_or_misshapen_weights(tmp_path):
    model, path = _saved(tmp_path)
    with np.load(path) as data:
        arrays = {k: data[k] for k in data.files}
    del arrays["1/params/bias"]
    np.savez(path, **arrays)
    with pytest.raises(ModelFileError, match="1번 층\\(Dense\\)의 가중치 bias이\\(가\\) 없다"):
        load_model(path)
    arrays["1/params/bias"] = np.zeros(1)
    arrays["0/params/kernel"] = np.zeros((3, 3))
    np.savez(path, **arrays)
    with pytest.raises(ModelFileError, match=r"kernel 모양은 \(2, 3\)이어야 하는데 \(3, 3\)"):
        load_model(path)


def test_object_arrays_are_not_unpickled(tmp_path):
    path = tmp_path / "m.npz"
    np.savez(path, config=np.array(json.dumps(_config([{"class": "Dense", "config": {"units": 1}}]))),
             **{"0/params/kernel": np.array([{"x": 1}, None], dtype=object)})
    with pytest.raises(ModelFileError, match="pickle로만 읽을 수 있는 객체 배열"):
        load_model(path)


def test_config_that_is_not_json(tmp_path):
    path = tmp_path / "m.npz"
    np.savez(path, config=np.array("{not json"))
    with pytest.raises(ModelFileError, match="'config' 항목이 모델 구조를 적은 JSON 문자열이 아니다"):
        load_model(path)
    _write(path, {"format": FORMAT, "input_shape": [-1], "layers": [{"class": "Dense", "config": {"units": 1}}]})
    with pytest.raises(ModelFileError, match="입력 모양 \\[-1\\]"):
        load_model(path)
