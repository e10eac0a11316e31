"""데이터셋: 2차원 장난감 데이터, 8×8 digits, IDX 파일 읽기와 MNIST 내려받기·확인·캐시.

네트워크에는 닿지 않는다. 내려받기는 tmp_path의 file:// 주소나 주입한 fetch 함수로 시험한다.
"""

import gzip
import hashlib
import os
import struct
import sys

import numpy as np
import pytest

from nnbook import datasets
from nnbook.datasets import ChecksumError, DownloadError, load_digits, load_mnist, read_idx, toy_2d


# ---------------------------------------------------------------------------
# 2차원 장난감 데이터
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["xor", "circles", "moons", "spirals", "gaussians"])
def test_toy_2d_shapes_dtypes_balance_and_seed(name):
    X, y = toy_2d(name, n_samples=101, noise=0.1, seed=3)
    assert X.shape == (101, 2) and X.dtype == np.float64
    assert y.shape == (101,) and y.dtype == np.int64
    counts = np.bincount(y)
    assert len(counts) == 2 and abs(counts[0] - counts[1]) <= 1
    X2, y2 = toy_2d(name, n_samples=101, noise=0.1, seed=3)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    X3, _ = toy_2d(name, n_samples=101, noise=0.1, seed=4)
    assert not np.array_equal(X, X3)
    X4, y4 = toy_2d(name, n_samples=101, noise=0.1, seed=np.random.default_rng(3))
    np.testing.assert_array_equal(X, X4)


def test_toy_2d_geometry_without_noise():
    X, y = toy_2d("xor", 40, noise=0.0, seed=0)
    corners = {(0.0, 0.0): 0, (0.0, 1.0): 1, (1.0, 0.0): 1, (1.0, 1.0): 0}
    assert all(corners[tuple(p)] == label for p, label in zip(X.tolist(), y))
    X, y = toy_2d("circles", 60, noise=0.0, seed=0, factor=0.3)
    np.testing.assert_allclose(np.hypot(*X.T), np.where(y == 0, 1.0, 0.3))
    X, y = toy_2d("moons", 60, noise=0.0, seed=0)
    np.testing.assert_allclose(np.hypot(X[y == 0, 0], X[y == 0, 1]), 1.0)
    np.testing.assert_allclose(np.hypot(X[y == 1, 0] - 1, X[y == 1, 1] - 0.5), 1.0)
    X, y = toy_2d("spirals", 90, noise=0.0, seed=0, n_classes=3)
    assert np.bincount(y).tolist() == [30, 30, 30] and np.hypot(*X.T).max() <= 1.0
    X, y = toy_2d("gaussians", 400, noise=0.1, seed=0, n_classes=4)
    centers = np.array([X[y == k].mean(axis=0) for k in range(4)])
    np.testing.assert_allclose(centers, [[1, 0], [0, 1], [-1, 0], [0, -1]], atol=0.05)


def test_toy_2d_errors():
    with pytest.raises(ValueError, match="'spiral'.*spirals"):
        toy_2d("spiral")
    with pytest.raises(ValueError, match="noise"):
        toy_2d("moons", noise=-0.1)
    with pytest.raises(ValueError, match="n_classes.*spirals"):
        toy_2d("moons", n_classes=3)
    with pytest.raises(ValueError, match="n_samples가 4 이상"):
        toy_2d("xor", n_samples=3)
    with pytest.raises(ValueError, match="seed"):
        toy_2d("xor", seed=1.5)


# ---------------------------------------------------------------------------
# 8×8 digits
# ---------------------------------------------------------------------------

def test_load_digits_is_nhwc_in_unit_range():
    images, labels = load_digits()
    assert images.shape == (1797, 8, 8, 1) and images.dtype == np.float64
    assert images.min() == 0.0 and images.max() == 1.0
    assert labels.shape == (1797,) and labels.dtype == np.int64 and set(labels.tolist()) == set(range(10))
    flat, _ = load_digits(flatten=True, normalize=False)
    assert flat.shape == (1797, 64) and flat.max() == 16.0
    np.testing.assert_array_equal(flat / 16.0, images.reshape(1797, 64))
    assert load_digits(dtype=np.float32)[0].dtype == np.float32


def test_load_digits_without_sklearn_says_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "sklearn.datasets", None)
    with pytest.raises(ImportError, match="scikit-learn.*pip install scikit-learn"):
        load_digits()


# ---------------------------------------------------------------------------
# IDX 파일
# ---------------------------------------------------------------------------

def idx_bytes(array: np.ndarray, code: int = 0x08) -> bytes:
    """IDX 형식을 그대로 적는다: 0, 0, 자료형 코드, 차원 수, 차원마다 4바이트 빅 엔디언, 빅 엔디언 데이터."""
    big = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}[code]
    header = bytes([0, 0, code, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape)
    return header + np.asarray(array, dtype=big).tobytes()


def tiny_mnist(seed=0, n=5):
    rng = np.random.default_rng(seed)
    return rng.integers(0, 256, size=(n, 28, 28), dtype=np.uint8), rng.integers(0, 10, size=n, dtype=np.uint8)


def write(path, data: bytes, compress: bool) -> str:
    path = str(path) + (".gz" if compress else "")
    with open(path, "wb") as f:
        f.write(gzip.compress(data) if compress else data)
    return path


@pytest.mark.parametrize("compress", [False, True])
def test_read_idx_images_and_labels(tmp_path, compress):
    images, labels = tiny_mnist()
    got = read_idx(write(tmp_path / "images-idx3-ubyte", idx_bytes(images), compress))
    assert got.dtype == np.uint8 and got.shape == (5, 28, 28)
    np.testing.assert_array_equal(got, images)
    np.testing.assert_array_equal(read_idx(write(tmp_path / "labels-idx1-ubyte", idx_bytes(labels), compress)), labels)


@pytest.mark.parametrize("code, dtype", [(0x09, np.int8), (0x0B, np.int16), (0x0C, np.int32),
                                         (0x0D, np.float32), (0x0E, np.float64)])
def test_read_idx_other_types_become_native_byte_order(tmp_path, code, dtype):
    data = np.arange(-6, 6).reshape(2, 3, 2).astype(dtype)
    got = read_idx(write(tmp_path / "x.idx", idx_bytes(data, code), False))
    assert got.dtype == np.dtype(dtype) and got.dtype.isnative
    np.testing.assert_array_equal(got, data)
    got[0, 0, 0] = 1  # 돌려준 배열은 쓸 수 있다 (읽기 전용 버퍼가 아니다)


@pytest.mark.parametrize("data, message", [
    (b"\x00\x00", "4바이트 머리말"),
    (b"PK\x03\x04" + bytes(20), "IDX 파일이 아니다"),
    (bytes([0, 0, 0x07, 1]) + struct.pack(">I", 3) + bytes(3), "자료형 코드 0x07"),
    (bytes([0, 0, 0x08, 0]), "차원 수를 0"),
    (bytes([0, 0, 0x08, 3]) + struct.pack(">I", 10), "머리말이 잘렸다"),
    (bytes([0, 0, 0x08, 2]) + struct.pack(">2I", 4, 4) + bytes(15), "잘렸다.*16바이트.*15바이트"),
    (bytes([0, 0, 0x08, 1]) + struct.pack(">I", 2) + bytes(3), "남는 바이트"),
    # 차원의 곱이 64비트 정수를 넘는 머리말: 2³¹ × 2³¹ × 4 = 2⁶⁶ (int64로 곱하면 0이 되어 버린다)
    (bytes([0, 0, 0x08, 3]) + struct.pack(">3I", 2 ** 31, 2 ** 31, 4), r"모양 \(2147483648, 2147483648, 4\).*잘렸다|잘렸다.*\(2147483648, 2147483648, 4\)"),
    (bytes([0, 0, 0x0E, 4]) + struct.pack(">4I", *[2 ** 32 - 1] * 4) + bytes(16), r"\(4294967295, 4294967295, 4294967295, 4294967295\).*16바이트"),
])
def test_read_idx_bad_headers_give_clear_errors(tmp_path, data, message):
    path = write(tmp_path / "bad.idx", data, False)
    with pytest.raises(ValueError, match=message) as info:
        read_idx(path)
    assert "bad.idx" in str(info.value)


def test_read_idx_truncated_gzip_and_missing_file(tmp_path):
    images, _ = tiny_mnist()
    packed = gzip.compress(idx_bytes(images))
    path = tmp_path / "cut.gz"
    path.write_bytes(packed[: len(packed) // 2])
    with pytest.raises(ValueError, match="gzip.*압축을 풀 수 없다"):
        read_idx(path)
    with pytest.raises(FileNotFoundError, match="nothing.idx"):
        read_idx(tmp_path / "nothing.idx")


# ---------------------------------------------------------------------------
# MNIST: 내려받기, SHA-256 확인, 원자적 캐시
# ---------------------------------------------------------------------------

def test_standard_mnist_hash_table_is_complete():
    names = [f for pair in datasets.MNIST_FILES.values() for f in pair]
    assert sorted(names) == sorted(datasets.MNIST_SHA256)
    assert all(len(h) == 64 and int(h, 16) >= 0 for h in datasets.MNIST_SHA256.values())


@pytest.fixture
def mirror(tmp_path):
    """tmp_path/mirror에 작은 MNIST(train, test)를 gz로 두고 (폴더, 원본 배열, 해시 표)를 돌려준다."""
    folder = tmp_path / "mirror"
    folder.mkdir()
    arrays, hashes = {}, {}
    for kind, seed in (("train", 0), ("test", 1)):
        images, labels = tiny_mnist(seed, n=6 if kind == "train" else 4)
        arrays[kind] = (images, labels)
        for filename, array in zip(datasets.MNIST_FILES[kind], (images, labels)):
            data = gzip.compress(idx_bytes(array), mtime=0)
            (folder / filename).write_bytes(data)
            hashes[filename] = hashlib.sha256(data).hexdigest()
    return folder, arrays, hashes


def test_load_mnist_downloads_verifies_and_caches(tmp_path, mirror):
    folder, arrays, hashes = mirror
    cache = tmp_path / "cache"
    images, labels = load_mnist(kind="train", cache_dir=cache, urls=[folder.as_uri()], sha256=hashes)
    assert images.shape == (6, 28, 28, 1) and images.dtype == np.float32
    np.testing.assert_allclose(images[..., 0], arrays["train"][0] / 255.0, rtol=1e-6)
    np.testing.assert_array_equal(labels, arrays["train"][1])
    assert labels.dtype == np.int64
    assert sorted(os.listdir(cache)) == sorted(datasets.MNIST_FILES["train"])  # 임시 파일이 남지 않았다

    # 두 번째부터는 캐시에서 읽는다: 내려받기를 부르면 실패하게 해 둔다.
    def no_network(url, destination):
        raise AssertionError("캐시가 있는데 내려받으려 했다")

    raw, _ = load_mnist(kind="train", cache_dir=cache, fetch=no_network, normalize=False, flatten=True)
    assert raw.dtype == np.uint8 and raw.shape == (6, 784)
    np.testing.assert_array_equal(raw, arrays["train"][0].reshape(6, 784))


def test_load_mnist_tries_mirrors_in_order_with_injected_fetch(tmp_path, mirror):
    folder, arrays, hashes = mirror
    calls = []

    def fetch(url, destination):
        calls.append(url)
        if url.startswith("https://down.example/"):
            raise OSError("연결 실패")
        with open(folder / url.rsplit("/", 1)[1], "rb") as src, open(destination, "wb") as out:
            out.write(src.read())

    urls = ["https://down.example/", "https://ok.example"]  # 끝의 /는 있어도 없어도 된다
    images, labels = load_mnist(kind="test", cache_dir=tmp_path / "c", urls=urls, sha256=hashes, fetch=fetch)
    np.testing.assert_array_equal(labels, arrays["test"][1])
    assert calls == ["https://down.example/t10k-images-idx3-ubyte.gz", "https://ok.example/t10k-images-idx3-ubyte.gz",
                     "https://down.example/t10k-labels-idx1-ubyte.gz", "https://ok.example/t10k-labels-idx1-ubyte.gz"]


def test_hash_mismatch_leaves_nothing_in_the_cache(tmp_path, mirror):
    folder, _, hashes = mirror
    cache = tmp_path / "cache"
    wrong = dict(hashes, **{"train-images-idx3-ubyte.gz": "0" * 64})
    with pytest.raises(ChecksumError, match="train-images-idx3-ubyte.gz.*SHA-256.*" + "0" * 64) as info:
        load_mnist(kind="train", cache_dir=cache, urls=[folder.as_uri()], sha256=wrong)
    assert hashes["train-images-idx3-ubyte.gz"] in str(info.value)  # 실제로 받은 파일의 해시도 알린다
    assert os.listdir(cache) == []  # 최종 파일도, 임시 .part 파일도 없다


def test_the_real_table_rejects_a_fake_file(tmp_path, mirror):
    # 해시 표를 주입하지 않으면 표준 MNIST의 SHA-256과 비교하므로 작은 가짜 파일은 받아들이지 않는다.
    folder, _, _ = mirror
    cache = tmp_path / "cache"
    with pytest.raises(ChecksumError, match=datasets.MNIST_SHA256["t10k-images-idx3-ubyte.gz"]):
        load_mnist(kind="test", cache_dir=cache, urls=[folder.as_uri()])
    assert os.listdir(cache) == []


def test_interrupted_download_leaves_nothing(tmp_path):
    cache = tmp_path / "cache"

    def broken(url, destination):
        with open(destination, "wb") as out:
            out.write(b"half")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        load_mnist(cache_dir=cache, urls=["https://x.example/"], fetch=broken)
    assert os.listdir(cache) == []


def test_offline_and_not_cached_gives_a_clear_korean_error(tmp_path):
    cache = tmp_path / "cache"
    missing_mirror = (tmp_path / "no-such-mirror").as_uri()
    with pytest.raises(DownloadError, match="train-images-idx3-ubyte.gz을\\(를\\) 주소 1곳 어디에서도 내려받지 못했다") as info:
        load_mnist(cache_dir=cache, urls=[missing_mirror])
    assert str(cache) in str(info.value)
    assert os.listdir(cache) == []
    with pytest.raises(FileNotFoundError, match="download=False"):
        load_mnist(cache_dir=cache, download=False)


def test_load_mnist_from_a_folder_with_raw_files(tmp_path):
    images, labels = tiny_mnist(2, n=3)
    write(tmp_path / "t10k-images-idx3-ubyte", idx_bytes(images), False)
    write(tmp_path / "t10k-labels-idx1-ubyte", idx_bytes(labels), True)
    got, got_labels = load_mnist(path=tmp_path, kind="test", normalize=False)
    np.testing.assert_array_equal(got[..., 0], images)
    np.testing.assert_array_equal(got_labels, labels)
    with pytest.raises(FileNotFoundError, match="train-images-idx3-ubyte.gz"):
        load_mnist(path=tmp_path, kind="train")


def test_load_mnist_rejects_unknown_kind_and_mismatched_files(tmp_path):
    with pytest.raises(ValueError, match="'tset'.*test, train"):
        load_mnist(path=tmp_path, kind="tset")
    images, labels = tiny_mnist(n=3)
    write(tmp_path / "train-images-idx3-ubyte", idx_bytes(images), False)
    write(tmp_path / "train-labels-idx1-ubyte", idx_bytes(labels[:2]), False)
    with pytest.raises(ValueError, match="맞지 않는다"):
        load_mnist(path=tmp_path)
