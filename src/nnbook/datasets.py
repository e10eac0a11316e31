"""책이 쓰는 작은 데이터셋: 논리 게이트, 2차원 장난감 데이터, 손글씨 숫자(8×8 digits와 MNIST).

- ``logic_gate``: AND, OR, XOR 같은 게이트의 입력 네 개와 정답.
- ``toy_2d``: 결정 경계를 그려 보기 좋은 2차원 분류 데이터 (xor, circles, moons, spirals, gaussians).
- ``load_digits``: scikit-learn에 함께 들어 있는 8×8 손글씨 숫자 1,797장. 인터넷 없이 쓸 수 있다.
- ``load_mnist``: 28×28 MNIST. 캐시에 없으면 내려받고 SHA-256으로 확인한 뒤 캐시에 둔다.
- ``read_idx``: MNIST가 쓰는 IDX 파일(gzip으로 압축했든 안 했든)을 읽는다.

이미지는 Keras처럼 (개수, 높이, 너비, 채널) 순서(NHWC)로 돌려준다. 무작위가 들어가는 함수는 모두
``seed``(정수, None 또는 ``np.random.Generator``)를 받는다.
"""

from __future__ import annotations

import gzip
import hashlib
import http.client
import math
import os
import shutil
import struct
import tempfile
import urllib.request
import zlib

import numpy as np

from ._checks import check_positive_int, unknown_name_error, as_generator
from .perceptron import GATE_INPUTS, TRUTH_TABLES

__all__ = [
    "logic_gate", "toy_2d", "TOY_2D_NAMES", "load_digits", "read_idx", "load_mnist", "download_file",
    "default_data_dir", "MNIST_FILES", "MNIST_SHA256", "MNIST_MIRRORS", "DownloadError", "ChecksumError",
]


def logic_gate(name: str, labels: tuple[float, float] = (0, 1)) -> tuple[np.ndarray, np.ndarray]:
    """논리 게이트의 입력 X (4, 2)와 정답 y (4,)를 돌려준다. 입력 순서는 (0,0), (0,1), (1,0), (1,1).

    labels=(−1, 1)이면 001 강의처럼 0 대신 −1을 쓴다.
    """
    key = name.upper() if isinstance(name, str) else name
    if key not in TRUTH_TABLES:
        raise unknown_name_error("논리 게이트", name, TRUTH_TABLES)
    low, high = labels
    y = np.where(np.array(TRUTH_TABLES[key]) == 1, high, low).astype(np.float64)
    return GATE_INPUTS.copy(), y


# ---------------------------------------------------------------------------
# 2차원 장난감 데이터
# ---------------------------------------------------------------------------

#: ``toy_2d``가 아는 데이터 이름.
TOY_2D_NAMES = ("xor", "circles", "moons", "spirals", "gaussians")


def _split_counts(n: int, parts: int) -> list[int]:
    """n개를 parts 묶음으로 고르게 나눈다. 나머지는 앞 묶음부터 하나씩 더 준다."""
    return [n // parts + (1 if k < n % parts else 0) for k in range(parts)]


def _xor(counts_of, rng, **_):
    corners = GATE_INPUTS
    labels = np.array(TRUTH_TABLES["XOR"])
    counts = counts_of(4)
    X = np.repeat(corners, counts, axis=0)
    y = np.repeat(labels, counts)
    return X, y


def _circles(counts_of, rng, factor, **_):
    counts = counts_of(2)
    radii = (1.0, factor)
    X = [radii[k] * _on_circle(rng.uniform(0, 2 * np.pi, counts[k])) for k in range(2)]
    return np.concatenate(X), np.repeat([0, 1], counts)


def _on_circle(theta):
    return np.column_stack([np.cos(theta), np.sin(theta)])


def _moons(counts_of, rng, **_):
    n0, n1 = counts_of(2)
    t0, t1 = rng.uniform(0, np.pi, n0), rng.uniform(0, np.pi, n1)
    upper = np.column_stack([np.cos(t0), np.sin(t0)])
    lower = np.column_stack([1 - np.cos(t1), 0.5 - np.sin(t1)])
    return np.concatenate([upper, lower]), np.repeat([0, 1], [n0, n1])


def _spirals(counts_of, rng, n_classes, turns, **_):
    counts = counts_of(n_classes)
    X = []
    for k, n_k in enumerate(counts):
        s = rng.uniform(0.0, 1.0, n_k)  # 중심에서 바깥까지의 위치 (반지름)
        theta = 2 * np.pi * k / n_classes + 2 * np.pi * turns * s
        X.append(s[:, None] * _on_circle(theta))
    return np.concatenate(X), np.repeat(np.arange(n_classes), counts)


def _gaussians(counts_of, rng, n_classes, **_):
    counts = counts_of(n_classes)
    centers = _on_circle(2 * np.pi * np.arange(n_classes) / n_classes)
    return np.repeat(centers, counts, axis=0), np.repeat(np.arange(n_classes), counts)


def _is_real(value) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)


_TOY_MAKERS = {"xor": _xor, "circles": _circles, "moons": _moons, "spirals": _spirals, "gaussians": _gaussians}


def toy_2d(name: str, n_samples: int = 200, noise: float = 0.1, seed=None, *, n_classes: int | None = None,
           factor: float = 0.5, turns: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """결정 경계를 그려 보기 좋은 2차원 분류 데이터 X (``n_samples``, 2) float64와 정답 y (``n_samples``,) int64.

    - ``"xor"``: 게이트 입력 (0,0), (0,1), (1,0), (1,1) 네 점 둘레의 군집. 정답은 XOR (0, 1, 1, 0)이다.
    - ``"circles"``: 반지름 1인 원(0)과 반지름 ``factor``인 원(1). 직선 하나로는 나눌 수 없다.
    - ``"moons"``: 맞물린 두 반달(0, 1).
    - ``"spirals"``: 중심에서 ``turns``바퀴 감겨 나가는 나선 팔 ``n_classes``개(기본 2). 가장 어려운 데이터다.
    - ``"gaussians"``: 반지름 1인 원 위에 고르게 놓인 중심 ``n_classes``개(기본 2) 둘레의 정규 분포 덩어리.

    모든 점에 표준편차 ``noise``인 정규 분포 잡음을 더한다 (``"gaussians"``에서는 덩어리의 퍼짐이다).
    샘플은 클래스(군집)마다 고르게 나눈 뒤 무작위 순열로 섞는다. scikit-learn 없이 NumPy로만 만든다.
    ``seed``가 같으면 언제나 같은 데이터가 나온다.
    """
    key = name.lower() if isinstance(name, str) else name
    if key not in _TOY_MAKERS:
        raise unknown_name_error("2차원 데이터", name, TOY_2D_NAMES)
    n_samples = check_positive_int(n_samples, "toy_2d의 n_samples")
    if not (_is_real(noise) and np.isfinite(noise) and noise >= 0):
        raise ValueError(f"toy_2d의 noise는 0 이상의 실수여야 하는데 {noise!r}이(가) 주어졌다.")
    if key in ("spirals", "gaussians"):
        n_classes = 2 if n_classes is None else check_positive_int(n_classes, "toy_2d의 n_classes")
        if n_classes < 2:
            raise ValueError(f"toy_2d의 n_classes는 2 이상이어야 하는데 {n_classes}이(가) 주어졌다.")
    elif n_classes not in (None, 2):
        raise ValueError(f"'{key}' 데이터는 클래스가 2개뿐인데 n_classes={n_classes!r}이(가) 주어졌다. "
                         "클래스 수를 바꿀 수 있는 것은 'spirals'와 'gaussians'이다.")
    if not (_is_real(factor) and 0 < factor < 1):
        raise ValueError(f"toy_2d의 factor(안쪽 원의 반지름)는 0과 1 사이여야 하는데 {factor!r}이(가) 주어졌다.")
    if not (_is_real(turns) and np.isfinite(turns) and turns > 0):
        raise ValueError(f"toy_2d의 turns(나선이 감기는 바퀴 수)는 0보다 커야 하는데 {turns!r}이(가) 주어졌다.")
    groups = {"xor": 4, "spirals": n_classes, "gaussians": n_classes}.get(key, 2)
    if n_samples < groups:
        raise ValueError(f"'{key}' 데이터는 군집이 {groups}개라서 n_samples가 {groups} 이상이어야 하는데 {n_samples}이다.")
    rng = as_generator(seed)
    X, y = _TOY_MAKERS[key](lambda parts: _split_counts(n_samples, parts), rng,
                            n_classes=n_classes, factor=float(factor), turns=float(turns))
    X = X + noise * rng.standard_normal(X.shape)
    order = rng.permutation(n_samples)
    return X[order].astype(np.float64), y[order].astype(np.int64)


# ---------------------------------------------------------------------------
# 8×8 손글씨 숫자 (scikit-learn)
# ---------------------------------------------------------------------------

def load_digits(flatten: bool = False, normalize: bool = True, dtype=np.float64) -> tuple[np.ndarray, np.ndarray]:
    """scikit-learn에 함께 들어 있는 8×8 손글씨 숫자 1,797장과 그 정답(0–9)을 돌려준다.

    이미지는 (1797, 8, 8, 1) NHWC 배열이고, ``flatten=True``이면 (1797, 64)이다. 원래 화소 값은
    0부터 16까지의 정수이고, ``normalize=True``이면 16으로 나누어 [0, 1]로 맞춘다. 정답은 int64다.
    파일이 scikit-learn 휠 안에 들어 있으므로 인터넷이 없어도 된다.
    """
    try:
        from sklearn.datasets import load_digits as _sklearn_load_digits
    except ImportError:
        raise ImportError(
            "load_digits는 scikit-learn이 필요한데 설치되어 있지 않다. pip install scikit-learn으로 설치한다."
        ) from None
    bunch = _sklearn_load_digits()
    images = np.asarray(bunch.images, dtype=np.float64)
    if normalize:
        images = images / 16.0  # 8×8 digits의 화소 최댓값은 16이다.
    images = images.reshape(len(images), -1) if flatten else images[..., None]
    return images.astype(dtype), np.asarray(bunch.target, dtype=np.int64)


# ---------------------------------------------------------------------------
# IDX 파일과 MNIST
# ---------------------------------------------------------------------------

#: IDX 머리말의 자료형 코드 → 빅 엔디언 NumPy dtype.
_IDX_DTYPES = {
    0x08: np.dtype(">u1"), 0x09: np.dtype(">i1"), 0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"), 0x0D: np.dtype(">f4"), 0x0E: np.dtype(">f8"),
}


def _parse_idx(data: bytes, name: str) -> np.ndarray:
    """IDX 바이트열을 배열로 바꾼다. 머리말: 0, 0, 자료형 코드, 차원 수, 차원마다 4바이트 빅 엔디언 크기."""
    if len(data) < 4:
        raise ValueError(f"IDX 파일 {name}은(는) 4바이트 머리말(magic number)도 못 되는 {len(data)}바이트뿐이다.")
    if data[0] != 0 or data[1] != 0:
        raise ValueError(
            f"{name}은(는) IDX 파일이 아니다: 처음 두 바이트가 0이어야 하는데 0x{data[0]:02X} 0x{data[1]:02X}이다."
        )
    code, ndim = data[2], data[3]
    if code not in _IDX_DTYPES:
        valid = ", ".join(f"0x{c:02X}" for c in _IDX_DTYPES)
        raise ValueError(f"IDX 파일 {name}의 자료형 코드 0x{code:02X}을(를) 모른다. 쓸 수 있는 코드: {valid}.")
    if ndim == 0:
        raise ValueError(f"IDX 파일 {name}의 머리말이 차원 수를 0이라고 한다. 차원은 1개 이상이어야 한다.")
    header = 4 + 4 * ndim
    if len(data) < header:
        raise ValueError(
            f"IDX 파일 {name}의 머리말이 잘렸다: 차원 {ndim}개의 크기까지 {header}바이트여야 하는데 "
            f"파일 전체가 {len(data)}바이트다."
        )
    dims = struct.unpack(f">{ndim}I", data[4:header])
    dtype = _IDX_DTYPES[code]
    expected = math.prod(dims) * dtype.itemsize  # 파이썬 정수라서 머리말의 큰 크기에도 넘치지 않는다
    actual = len(data) - header
    if actual != expected:
        what = "잘렸다" if actual < expected else "끝에 남는 바이트가 있다"
        raise ValueError(
            f"IDX 파일 {name}의 데이터가 {what}: 머리말의 모양 {tuple(dims)}에는 {expected}바이트가 있어야 하는데 "
            f"{actual}바이트가 있다."
        )
    arr = np.frombuffer(data, dtype=dtype, count=expected // dtype.itemsize, offset=header)
    return arr.reshape(dims).astype(dtype.newbyteorder("="))


def read_idx(path) -> np.ndarray:
    """IDX 파일(MNIST의 형식)을 읽어 배열로 돌려준다. gzip으로 압축된 파일은 내용을 보고 알아서 푼다.

    머리말은 4바이트 magic number(0, 0, 자료형 코드, 차원 수)와 차원마다 4바이트 빅 엔디언 정수다.
    자료형 코드는 0x08(uint8), 0x09(int8), 0x0B(int16), 0x0C(int32), 0x0D(float32), 0x0E(float64)이다.
    머리말이 잘렸거나, IDX가 아니거나, 데이터 길이가 머리말의 모양과 맞지 않으면 ValueError를 낸다.
    """
    name = os.fspath(path)
    try:
        with open(name, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        raise FileNotFoundError(f"IDX 파일 {name}이(가) 없다.") from None
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            raise ValueError(f"IDX 파일 {name}은(는) gzip 파일인데 압축을 풀 수 없다(잘렸거나 손상되었다): {exc}") from None
    return _parse_idx(data, name)


#: 종류(train, test)마다 (이미지 파일, 레이블 파일)의 표준 이름.
MNIST_FILES = {
    "train": ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
    "test": ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"),
}

#: 표준 MNIST gz 파일의 SHA-256. torchvision과 TensorFlow Datasets의 체크섬 표에 실린 값과 같다.
#: 파일 크기는 차례로 9,912,422, 28,881, 1,648,877, 4,542바이트다.
MNIST_SHA256 = {
    "train-images-idx3-ubyte.gz": "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
    "train-labels-idx1-ubyte.gz": "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
    "t10k-images-idx3-ubyte.gz": "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
    "t10k-labels-idx1-ubyte.gz": "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
}

#: MNIST를 받을 수 있는 곳(폴더 주소). 앞에서부터 차례로 시도한다.
MNIST_MIRRORS = (
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
    "http://yann.lecun.com/exdb/mnist/",
)


class DownloadError(OSError):
    """어느 주소에서도 파일을 내려받지 못했다 (대개 인터넷에 연결되어 있지 않을 때)."""


class ChecksumError(ValueError):
    """내려받은 파일의 SHA-256이 알려진 값과 다르다. 그 파일은 이미 지웠다."""


def default_data_dir() -> str:
    """내려받은 데이터를 두는 폴더. 환경 변수 ``NNBOOK_DATA``가 있으면 그곳, 없으면 ~/.cache/nnbook이다."""
    return os.environ.get("NNBOOK_DATA") or os.path.join(os.path.expanduser("~"), ".cache", "nnbook")


def _sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _urlopen_fetch(url: str, destination: str, timeout: float = 30.0) -> None:
    """url의 내용을 destination 파일에 쓴다 (urllib를 쓰므로 ``file://`` 주소도 된다)."""
    with urllib.request.urlopen(url, timeout=timeout) as response, open(destination, "wb") as out:
        shutil.copyfileobj(response, out)


def download_file(filename: str, directory: str, urls, sha256: str | None = None, fetch=None) -> str:
    """``urls``의 폴더 주소를 차례로 시도해 ``filename``을 ``directory``에 받고 그 경로를 돌려준다.

    - 같은 폴더의 임시 파일(``.이름.….part``)에 받은 뒤 SHA-256을 확인하고, 맞을 때만 ``os.replace``로
      최종 이름을 붙인다. 그래서 반쯤 받은 파일이나 검증에 실패한 파일이 최종 이름으로 남는 일이 없다.
    - 해시가 다르면 임시 파일을 지우고 다음 주소를 시도한다. 모두 실패하면, 해시가 다른 파일을 받은 적이
      있으면 ``ChecksumError``를, 아니면 ``DownloadError``를 낸다.
    - ``sha256``이 None이면 해시를 확인하지 않는다.
    - ``fetch(url, destination)``을 주면 urllib 대신 그것으로 받는다 (테스트나 프록시용).
    """
    fetch = fetch or _urlopen_fetch
    urls = [urls] if isinstance(urls, str) else list(urls)
    if not urls:
        raise ValueError(f"{filename}을(를) 받을 주소 urls가 비어 있다.")
    os.makedirs(directory, exist_ok=True)
    final = os.path.join(directory, filename)
    failures, mismatches = [], []
    for base in urls:
        url = base if base.endswith("/") else base + "/"
        url += filename
        fd, tmp = tempfile.mkstemp(prefix=f".{filename}.", suffix=".part", dir=directory)
        os.close(fd)
        try:
            try:
                fetch(url, tmp)
            except (OSError, ValueError, http.client.HTTPException) as exc:
                failures.append(f"{url}: {exc}")
                continue
            actual = _sha256(tmp)
            if sha256 is not None and actual != sha256.lower():
                mismatches.append((url, actual))
                continue
            os.chmod(tmp, 0o644)  # mkstemp은 0600으로 만든다. 캐시는 다른 사용자도 읽을 수 있게 둔다.
            os.replace(tmp, final)
            return final
        finally:
            if os.path.exists(tmp):
                os.remove(tmp)
    if mismatches:
        url, actual = mismatches[-1]
        raise ChecksumError(
            f"{url}에서 받은 {filename}의 SHA-256이 {actual}인데 알려진 값은 {sha256}이므로 "
            f"손상되었거나 다른 파일로 보고 지웠다."
        )
    raise DownloadError(
        f"{filename}을(를) 주소 {len(urls)}곳 어디에서도 내려받지 못했다({'; '.join(failures)}). "
        f"인터넷에 연결되어 있지 않다면 파일을 직접 받아 {directory}에 둔다."
    )


def _find_local(directory: str, filename: str) -> str | None:
    """폴더에서 gz 파일이나 압축을 푼 파일(.gz를 뺀 이름)을 찾는다."""
    for candidate in (filename, filename[:-3]):
        path = os.path.join(directory, candidate)
        if os.path.isfile(path):
            return path
    return None


def load_mnist(path=None, kind: str = "train", download: bool = True, cache_dir=None, urls=None, sha256=None,
               *, fetch=None, flatten: bool = False, normalize: bool = True, dtype=None):
    """MNIST 손글씨 숫자(28×28)의 이미지와 정답을 돌려준다. ``kind``는 "train"(6만 장)이나 "test"(1만 장).

    - ``path``를 주면 그 폴더에 있는 IDX 파일(gz나 압축을 푼 것)만 읽고 내려받지 않는다.
    - 아니면 캐시 폴더 ``cache_dir``(기본 ``default_data_dir()``/mnist)를 보고, 없는 파일은 ``download=True``일
      때 ``urls``(기본 ``MNIST_MIRRORS``)에서 받는다. 받은 파일은 SHA-256을 ``MNIST_SHA256``과 비교해 확인하고
      (``sha256``에 {파일 이름: 해시}를 주면 그 값을 쓰고, 해시를 None으로 주면 확인하지 않는다),
      맞을 때만 캐시에 둔다. 캐시에 이미 있는 파일은 다시 확인하지 않는다.
    - ``fetch(url, destination)``을 주면 urllib 대신 그것으로 받는다.

    이미지는 (n, 28, 28, 1) NHWC, ``flatten=True``이면 (n, 784)다. ``normalize=True``이면 255로 나누어
    [0, 1]로 맞춘 float32(6만 장이 float64면 376 MB라서 float32를 기본으로 한다), ``normalize=False``이면
    파일에 든 그대로의 uint8이다. ``dtype``을 주면 그 dtype으로 바꾼다. 정답은 int64다.
    """
    if kind not in MNIST_FILES:
        raise unknown_name_error("MNIST 종류", kind, MNIST_FILES)
    if path is not None:
        directory = os.fspath(path)
        files = []
        for filename in MNIST_FILES[kind]:
            local = _find_local(directory, filename)
            if local is None:
                raise FileNotFoundError(f"{directory}에 MNIST 파일 {filename}(또는 압축을 푼 {filename[:-3]})이(가) 없다.")
            files.append(local)
    else:
        directory = os.fspath(cache_dir) if cache_dir is not None else os.path.join(default_data_dir(), "mnist")
        table = {**MNIST_SHA256, **(sha256 or {})}
        files = []
        for filename in MNIST_FILES[kind]:
            local = _find_local(directory, filename)
            if local is None:
                if not download:
                    raise FileNotFoundError(
                        f"캐시 폴더 {directory}에 MNIST 파일 {filename}이(가) 없고 download=False라서 내려받지 않는다."
                    )
                local = download_file(filename, directory, MNIST_MIRRORS if urls is None else urls,
                                      table.get(filename), fetch)
            files.append(local)
    images, labels = read_idx(files[0]), read_idx(files[1])
    if images.ndim != 3 or labels.ndim != 1 or images.shape[0] != labels.shape[0]:
        raise ValueError(
            f"MNIST 이미지 파일의 모양 {images.shape}와 레이블 파일의 모양 {labels.shape}이 맞지 않는다: "
            "(n, 높이, 너비)와 (n,)이어야 한다."
        )
    if flatten:
        images = images.reshape(len(images), -1)
    else:
        images = images[..., None]
    if normalize:
        images = images.astype(dtype or np.float32) / np.asarray(255, dtype=dtype or np.float32)
    elif dtype is not None:
        images = images.astype(dtype)
    return images, labels.astype(np.int64)
