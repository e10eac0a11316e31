"""모델을 .npz 파일 하나에 저장하고 다시 읽는다. pickle을 쓰지 않고, 읽을 때 코드를 실행하지 않는다.

파일에는 구조를 적은 JSON 문자열 하나(``config``)와 가중치 배열들이 들어 있다. 내려받은 파일은 믿을 수
없으므로, 읽을 때는 아래 ``REGISTRY``에 이름이 올라 있는 nnbook의 층, 활성화 함수, 초기화, 규제, 옵티마이저
클래스만 만들고, 생성자에 넘길 인자도 그 클래스가 받는 이름인지, 값이 JSON의 수·문자열·목록인지 확인한다.
모듈 이름이나 함수 이름을 파일에서 읽어 ``import``하거나 부르는 일은 없다.

파일이 잘렸거나, 바이트가 망가졌거나, 모델 파일이 아니거나, 가중치 배열이 빠졌거나 모양이 다르면
``ModelFileError``(``ValueError``의 하위 클래스)가 무엇이 잘못되었는지 한 문장으로 알린다.
"""

from __future__ import annotations

import inspect
import json
import zipfile
import zlib

import numpy as np

from . import activations, conv, initializers, layers, optimizers, regularizers

FORMAT = "nnbook.Sequential/2"


class ModelFileError(ValueError):
    """모델 파일을 읽을 수 없을 때(망가졌거나, 모델 파일이 아니거나, 허락되지 않은 것을 만들라고 할 때)."""


def _by_name(*classes) -> dict[str, type]:
    return {cls.__name__: cls for cls in classes}


#: 파일에서 만들 수 있는 모든 것. 종류마다 클래스 이름에서 클래스로 가는 사전이다. 여기에 없는 이름은 만들지 않는다.
REGISTRY: dict[str, dict[str, type]] = {
    "layer": _by_name(layers.Dense, layers.ActivationLayer, layers.Flatten, layers.Dropout,
                      layers.BatchNormalization, conv.Conv2D, conv.MaxPooling2D, conv.AveragePooling2D,
                      conv.StochasticPooling2D),
    "activation": _by_name(*activations.ACTIVATION_CLASSES),
    "initializer": _by_name(*initializers.INITIALIZER_CLASSES),
    "regularizer": _by_name(regularizers.L1, regularizers.L2, regularizers.L1L2),
    "optimizer": _by_name(optimizers.SGD, optimizers.Adagrad, optimizers.RMSprop, optimizers.Adam),
}
_BASES = {"activation": activations.ActivationFunction, "initializer": initializers.Initializer,
          "regularizer": regularizers.Regularizer, "optimizer": optimizers.Optimizer}


# 저장 -----------------------------------------------------------------------

def _object_config(kind: str, value) -> dict:
    if kind in ("initializer", "regularizer"):
        return value.get_config()
    if kind == "optimizer":
        names = inspect.signature(type(value).__init__).parameters
        return {k: getattr(value, k) for k in names if k != "self"}
    return {k: v for k, v in vars(value).items() if not k.startswith("_")}


def to_json(value):
    """생성자 인자 하나를 JSON 값으로 바꾼다. nnbook의 객체는 ``{"kind", "class", "config"}``로 적는다."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (np.integer, np.floating)):
        return value.item()
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, np.random.Generator):
        return None  # 난수 생성기의 상태는 저장하지 않는다: 불러온 모델은 새 씨앗 없이 시작한다
    for kind, base in _BASES.items():
        if isinstance(value, base) and REGISTRY[kind].get(type(value).__name__) is type(value):
            return {"kind": kind, "class": type(value).__name__,
                    "config": {k: to_json(v) for k, v in _object_config(kind, value).items()}}
    name = getattr(value, "initializer_name", None)  # initializers.he_normal 같은 이름 있는 함수
    if name is not None:
        return name
    raise ValueError(f"저장할 수 없는 인자가 있다: {type(value).__name__} 객체 {value!r}.")


def save_model(model, path) -> None:
    """``Sequential.save``의 본체: 구조(JSON)와 가중치를 .npz 하나에 적는다."""
    if not model.layers or not all(layer.built for layer in model.layers):
        raise RuntimeError("저장은 모델이 만들어진 뒤(build 또는 첫 forward 뒤)에만 할 수 있다.")
    config = {
        "format": FORMAT,
        "input_shape": list(model.layers[0].input_shape),
        "layers": [{"class": type(layer).__name__, "config": to_json(layer.get_config())} for layer in model.layers],
    }
    arrays = {"config": np.array(json.dumps(config, ensure_ascii=False))}
    for i, layer in enumerate(model.layers):
        for key, value in layer.params.items():
            arrays[f"{i}/params/{key}"] = value
        for key, value in layer.get_state().items():
            arrays[f"{i}/state/{key}"] = value
    with open(path, "wb") as handle:
        np.savez(handle, **arrays)


# 읽기 -----------------------------------------------------------------------

def _build(kind: str, class_name, config, where: str):
    """REGISTRY[kind]의 클래스 하나를 검사한 인자로 만든다. 그 밖의 것은 만들지 않고 한 문장으로 거절한다."""
    allowed = REGISTRY[kind]
    if not isinstance(class_name, str) or class_name not in allowed:
        raise ModelFileError(
            f"{where}: {class_name!r}은(는) 불러올 수 있는 {_KIND_NAMES[kind]} 클래스가 아니다 "
            f"(쓸 수 있는 것: {', '.join(sorted(allowed))})."
        )
    cls = allowed[class_name]
    if not isinstance(config, dict):
        raise ModelFileError(f"{where}: {class_name}의 인자는 사전이어야 하는데 {type(config).__name__}이다.")
    parameters = inspect.signature(cls.__init__).parameters
    accepted = {k for k, p in parameters.items() if k != "self" and p.kind is not p.VAR_KEYWORD}
    unknown = sorted(set(config) - accepted)
    if unknown:
        raise ModelFileError(f"{where}: {class_name}은(는) 인자 {', '.join(map(repr, unknown))}을(를) 받지 않는다.")
    kwargs = {k: _from_json(v, f"{where}의 {class_name}({k}=…)") for k, v in config.items()}
    try:
        return cls(**kwargs)
    except ModelFileError:
        raise
    except (TypeError, ValueError) as exc:
        raise ModelFileError(f"{where}: {class_name}을(를) 파일의 인자로 만들 수 없다: {exc}") from None


def _from_json(value, where: str):
    """JSON 값을 생성자 인자로 되돌린다. ``{"kind", "class", "config"}`` 사전만 객체가 된다."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [_from_json(v, where) for v in value]
    if isinstance(value, dict) and set(value) == {"kind", "class", "config"} and value["kind"] in _BASES:
        return _build(value["kind"], value["class"], value["config"], where)
    raise ModelFileError(f"{where}: 인자 값 {json.dumps(value, ensure_ascii=False)[:80]}을(를) 해석할 수 없다.")


_KIND_NAMES = {"layer": "층", "activation": "활성화 함수", "initializer": "초기화", "regularizer": "규제",
               "optimizer": "옵티마이저"}
# 망가진 .npz를 열거나 읽을 때 NumPy와 zipfile이 내는 예외들
_BROKEN = (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, KeyError, UnicodeDecodeError)


def _read(path):
    """파일에서 (config 사전, {이름: 배열})을 읽는다. 어떤 식으로 망가졌든 한 문장으로 알린다."""
    try:
        # 파일을 직접 열어 두어야, NumPy가 망가진 zip을 열다 실패해도 파일이 닫힌다.
        with open(path, "rb") as handle:
            data = np.load(handle, allow_pickle=False)
            if not isinstance(data, np.lib.npyio.NpzFile):
                raise ModelFileError(f"{path}은(는) 배열 하나를 담은 .npy 파일이다. 모델 파일은 .npz여야 한다.")
            with data:
                if "config" not in data.files:
                    raise ModelFileError(f"{path}은(는) nnbook 모델 파일이 아니다: 'config' 항목이 없다.")
                arrays = {key: data[key] for key in data.files}
    except ModelFileError:
        raise
    except FileNotFoundError:
        raise ModelFileError(f"모델 파일 {path}이(가) 없다.") from None
    except _BROKEN as exc:
        if "Object arrays" in str(exc):  # pickle로만 읽을 수 있는 객체 배열
            reason = "pickle로만 읽을 수 있는 객체 배열을 담고 있다 (nnbook은 pickle을 읽지 않는다)"
        elif "pickle" in str(exc):  # NumPy가 .npz도 .npy도 아닌 파일을 pickle로 여길 때
            reason = "NumPy의 .npz 파일이 아니다"
        else:
            reason = "잘렸거나 내용이 망가졌다"
        raise ModelFileError(f"{path}은(는) 모델 파일로 읽을 수 없다: 파일이 {reason} ({type(exc).__name__}).") from None
    raw = arrays.pop("config")
    try:
        config = json.loads(str(raw)) if raw.ndim == 0 and raw.dtype.kind == "U" else None
    except json.JSONDecodeError:
        config = None
    if not isinstance(config, dict):
        raise ModelFileError(f"{path}의 'config' 항목이 모델 구조를 적은 JSON 문자열이 아니다.")
    return config, arrays


def load_model(path):
    """``Sequential.save``로 저장한 파일에서 모델을 다시 만든다.

    pickle을 쓰지 않고, ``REGISTRY``에 있는 nnbook 클래스만 검사한 인자로 만든다. 가중치의 dtype(float32나
    float64)은 저장할 때 그대로 돌아온다. 파일이 망가졌거나 허락되지 않은 것을 만들라고 하면
    ``ModelFileError``가 한 문장으로 알린다.
    """
    from .model import Sequential

    config, arrays = _read(path)
    if config.get("format") != FORMAT:
        raise ModelFileError(f"{path}의 형식 {config.get('format')!r}을(를) 읽을 수 없다 (읽을 수 있는 형식: {FORMAT!r}).")
    specs, input_shape = config.get("layers"), config.get("input_shape")
    if not isinstance(specs, list) or not specs:
        raise ModelFileError(f"{path}의 'layers'가 층 목록이 아니다.")
    if (not isinstance(input_shape, list)
            or not all(isinstance(s, int) and not isinstance(s, bool) and s > 0 for s in input_shape)):
        raise ModelFileError(f"{path}의 입력 모양 {input_shape!r}이(가) 양의 정수 목록이 아니다.")
    model = Sequential()
    for i, spec in enumerate(specs):
        if not isinstance(spec, dict):
            raise ModelFileError(f"{path}의 {i}번 층 항목이 사전이 아니다.")
        model.add(_build("layer", spec.get("class"), spec.get("config", {}), f"{path}의 {i}번 층"))
    weights = [value for key, value in arrays.items() if "/params/" in key]
    dtype = weights[0].dtype if weights else np.dtype(np.float64)
    if dtype not in (np.float32, np.float64):
        raise ModelFileError(f"{path}의 가중치 dtype {dtype}은(는) float32나 float64가 아니다.")
    try:
        model.build(tuple(input_shape), dtype=dtype)
        for i, layer in enumerate(model.layers):
            if layer.params:
                missing = [key for key in layer.params if f"{i}/params/{key}" not in arrays]
                if missing:
                    raise ModelFileError(f"{path}에 {i}번 층({layer.label()})의 가중치 {', '.join(missing)}이(가) 없다.")
                layer.set_weights([arrays[f"{i}/params/{key}"] for key in layer.params])
            state = {key.split("/", 2)[2]: value for key, value in arrays.items() if key.startswith(f"{i}/state/")}
            if state:
                layer.set_state(state)
    except ModelFileError:
        raise
    except ValueError as exc:  # 모양이 맞지 않는 가중치 등: 층이 이미 한 문장으로 말한다
        raise ModelFileError(f"{path}을(를) 불러올 수 없다: {exc}") from None
    return model
