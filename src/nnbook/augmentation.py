"""데이터 증대(data augmentation): 이미지를 조금씩 바꿔 훈련 데이터를 인위적으로 늘린다.

001 강의가 MNIST에 쓴 어파인 변환(이동, 회전, 확대, 전단)과 반전, 잡음, 그리고 자연 영상에 쓰는
잘라내기와 좌우 뒤집기를 NumPy만으로 구현한다.

- 이미지는 (개수, 높이, 너비, 채널) 순서의 4차원 배열(NHWC)이나 이미지 한 장 (높이, 너비, 채널)이다.
  흑백 이미지 묶음 (개수, 높이, 너비)는 채널 축을 붙여 ``images[..., None]``로 넘긴다
  (3차원 배열은 언제나 한 장으로 읽으므로 그대로 넘기면 너비를 채널로 오해한다).
- 기하 변환은 역방향 사상(inverse mapping)이다. 출력 화소마다 입력의 어느 자리에서 왔는지 거꾸로 계산해
  그 자리의 값을 쌍선형 보간(bilinear)이나 최근접 이웃(nearest)으로 읽는다. 입력 밖에서 온 화소는 ``fill``로 채운다.
- 좌표의 원점은 이미지의 한가운데 ((높이 − 1)/2, (너비 − 1)/2)이고, 화소의 중심이 정수 좌표에 있다.
- 입력을 제자리에서 바꾸지 않는다. 출력의 dtype은 입력을 따른다 (uint8 이미지는 반올림하고
  [0, 255]로 잘라 uint8로 돌려준다).
- 무작위가 들어가는 함수는 모두 ``seed``(정수, None 또는 ``np.random.Generator``)를 받는다.
"""

from __future__ import annotations

import numpy as np

from ._checks import shape_text, as_generator

__all__ = [
    "shift", "rotate", "zoom", "shear", "invert", "add_noise", "flip_horizontal", "flip_vertical",
    "random_crop", "center_crop", "count_crops_and_flips", "RandomAugmenter",
]

_INTERPOLATIONS = ("bilinear", "nearest")


# ---------------------------------------------------------------------------
# 입력 검사와 공통 도구
# ---------------------------------------------------------------------------

def _as_batch(images, name: str = "images") -> tuple[np.ndarray, bool]:
    """이미지를 (N, H, W, C) 묶음으로 보고, 원래 한 장(H, W, C)이었는지도 돌려준다. 복사하지 않는다."""
    x = np.asarray(images)
    numeric = x.dtype != object and x.dtype != bool and np.issubdtype(x.dtype, np.number)
    if not numeric or np.issubdtype(x.dtype, np.complexfloating):
        raise ValueError(f"{name}은(는) 실수나 정수 배열이어야 하는데 dtype이 {x.dtype}이다.")
    if x.ndim not in (3, 4):
        hint = " 흑백 이미지 한 장이라면 image[..., None]로 채널 축을 붙인다." if x.ndim == 2 else ""
        raise ValueError(
            f"{name}은(는) (개수, 높이, 너비, 채널) 4차원이나 (높이, 너비, 채널) 3차원 배열이어야 하는데 "
            f"모양이 {shape_text(x.shape)}인 {x.ndim}차원 배열이다.{hint}"
        )
    if np.issubdtype(x.dtype, np.floating) and not np.all(np.isfinite(x)):
        raise ValueError(f"{name}에 NaN이나 inf가 들어 있다.")
    single = x.ndim == 3
    return (x[None] if single else x), single


def _restore(batch: np.ndarray, single: bool) -> np.ndarray:
    return batch[0] if single else batch


def _cast_like(values: np.ndarray, dtype: np.dtype) -> np.ndarray:
    """float64로 계산한 값을 원래 dtype으로 돌린다. 정수 dtype이면 반올림하고 그 범위로 자른다."""
    if np.issubdtype(dtype, np.integer):
        info = np.iinfo(dtype)
        return np.clip(np.rint(values), info.min, info.max).astype(dtype)
    return values.astype(dtype, copy=False)


def _check_number(value, name: str) -> float:
    is_real = isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)
    if not (is_real and np.isfinite(value)):
        raise ValueError(f"{name}은(는) 유한한 실수여야 하는데 {value!r}이(가) 주어졌다.")
    return float(value)


def _check_interpolation(interpolation: str) -> str:
    if interpolation not in _INTERPOLATIONS:
        raise ValueError(f"interpolation은 {' 또는 '.join(repr(i) for i in _INTERPOLATIONS)}이어야 하는데 "
                         f"{interpolation!r}이(가) 주어졌다.")
    return interpolation


def _warp(batch: np.ndarray, inverse: np.ndarray, fill: float, interpolation: str) -> np.ndarray:
    """출력 좌표 → 입력 좌표의 3×3 행렬(한가운데가 원점인 (행, 열) 동차 좌표)로 이미지를 다시 표본화한다.

    ``inverse``는 모든 이미지에 같은 (3, 3)이거나 이미지마다 다른 (N, 3, 3)이다.
    """
    n, h, w, _ = batch.shape
    cy, cx = (h - 1) / 2.0, (w - 1) / 2.0
    m = np.broadcast_to(np.asarray(inverse, dtype=np.float64), (n, 3, 3))
    rows = (np.arange(h) - cy)[None, :, None]
    cols = (np.arange(w) - cx)[None, None, :]
    r_in = m[:, 0, 0, None, None] * rows + m[:, 0, 1, None, None] * cols + m[:, 0, 2, None, None] + cy
    c_in = m[:, 1, 0, None, None] * rows + m[:, 1, 1, None, None] * cols + m[:, 1, 2, None, None] + cx
    # 정수 좌표에 1e-9 안쪽으로 붙은 값은 그 정수로 맞춘다: cos 90° = 6e-17 같은 반올림 오차 때문에
    # 90° 회전이나 정수 이동이 가장자리에서 fill과 섞이지 않게 한다.
    r_in = np.where(np.abs(r_in - np.rint(r_in)) < 1e-9, np.rint(r_in), r_in)
    c_in = np.where(np.abs(c_in - np.rint(c_in)) < 1e-9, np.rint(c_in), c_in)
    source = batch.astype(np.float64, copy=False)
    idx = np.arange(n)[:, None, None]

    def sample(r, c):
        inside = (r >= 0) & (r < h) & (c >= 0) & (c < w)
        values = source[idx, np.clip(r, 0, h - 1), np.clip(c, 0, w - 1)]
        return np.where(inside[..., None], values, fill)

    if interpolation == "nearest":
        out = sample(np.floor(r_in + 0.5).astype(np.intp), np.floor(c_in + 0.5).astype(np.intp))
    else:
        r0, c0 = np.floor(r_in), np.floor(c_in)
        dr, dc = (r_in - r0)[..., None], (c_in - c0)[..., None]
        r0, c0 = r0.astype(np.intp), c0.astype(np.intp)
        out = ((1 - dr) * (1 - dc) * sample(r0, c0) + (1 - dr) * dc * sample(r0, c0 + 1)
               + dr * (1 - dc) * sample(r0 + 1, c0) + dr * dc * sample(r0 + 1, c0 + 1))
    return _cast_like(out, batch.dtype)


def _apply(images, inverse, fill, interpolation) -> np.ndarray:
    batch, single = _as_batch(images)
    fill = _check_number(fill, "fill")
    out = _warp(batch, inverse, fill, _check_interpolation(interpolation))
    return _restore(out, single)


def _shift_matrix(dx, dy):
    # 내용을 오른쪽으로 dx, 아래로 dy만큼 옮기면 출력 (r, c)는 입력 (r − dy, c − dx)에서 온다.
    return np.array([[1.0, 0.0, -dy], [0.0, 1.0, -dx], [0.0, 0.0, 1.0]])


def _rotation_matrix(degrees):
    # 화면에서 시계 반대 방향으로 θ만큼 돌린 출력 (r, c)는 입력 (cos θ·r + sin θ·c, −sin θ·r + cos θ·c)에서 온다.
    t = np.deg2rad(degrees)
    cos, sin = np.cos(t), np.sin(t)
    return np.array([[cos, sin, 0.0], [-sin, cos, 0.0], [0.0, 0.0, 1.0]])


def _zoom_matrix(fy, fx):
    return np.array([[1.0 / fy, 0.0, 0.0], [0.0, 1.0 / fx, 0.0], [0.0, 0.0, 1.0]])


def _shear_matrix(degrees):
    # 행마다 한가운데에서 떨어진 거리에 비례해 옆으로 민다. 양의 각도면 위가 오른쪽으로 기운다 ('/' 모양).
    return np.array([[1.0, 0.0, 0.0], [np.tan(np.deg2rad(degrees)), 1.0, 0.0], [0.0, 0.0, 1.0]])


# ---------------------------------------------------------------------------
# 어파인 변환
# ---------------------------------------------------------------------------

def shift(images, dx: float, dy: float, fill: float = 0, interpolation: str = "bilinear") -> np.ndarray:
    """이미지의 내용을 오른쪽으로 ``dx``, 아래로 ``dy`` 화소만큼 옮긴다 (음수면 왼쪽, 위). 빈 곳은 ``fill``로 채운다.

    정수 이동은 보간 없이 정확하다. ``np.roll``과 같되, 반대쪽으로 넘어와 감기는 화소 대신 ``fill``이 들어간다.
    """
    dx, dy = _check_number(dx, "shift의 dx"), _check_number(dy, "shift의 dy")
    if dx.is_integer() and dy.is_integer():
        batch, single = _as_batch(images)
        fill = _check_number(fill, "fill")
        _check_interpolation(interpolation)
        out = np.full(batch.shape, fill, dtype=np.float64)
        h, w = batch.shape[1:3]
        dx, dy = int(dx), int(dy)
        if abs(dy) < h and abs(dx) < w:
            target = (slice(None), slice(max(dy, 0), h + min(dy, 0)), slice(max(dx, 0), w + min(dx, 0)))
            source = (slice(None), slice(max(-dy, 0), h + min(-dy, 0)), slice(max(-dx, 0), w + min(-dx, 0)))
            out[target] = batch[source]
        return _restore(_cast_like(out, batch.dtype), single)
    return _apply(images, _shift_matrix(dx, dy), fill, interpolation)


def rotate(images, degrees: float, fill: float = 0, interpolation: str = "bilinear") -> np.ndarray:
    """이미지를 한가운데를 중심으로 화면에서 시계 반대 방향으로 ``degrees``도 돌린다 (음수면 시계 방향).

    크기는 그대로이고, 모서리 밖으로 나간 부분은 잘리며 빈 곳은 ``fill``로 채운다. 한 변의 길이가 홀수인
    정사각형 이미지를 90° 돌리면 ``np.rot90``과 정확히 같다.
    """
    return _apply(images, _rotation_matrix(_check_number(degrees, "rotate의 degrees")), fill, interpolation)


def zoom(images, factor, fill: float = 0, interpolation: str = "bilinear") -> np.ndarray:
    """이미지를 한가운데를 중심으로 ``factor``배 확대한다. 1보다 작으면 축소하고 빈 곳은 ``fill``로 채운다.

    ``factor``에 (세로 배율, 가로 배율)을 주면 방향마다 다르게 늘인다. Keras의 ``zoom_range``는 이 배율의
    역수를 뽑는다 (Keras에서 0.8은 확대다). 이 책은 "2배 확대 = 2"로 쓴다.
    """
    fy, fx = (factor, factor) if np.ndim(factor) == 0 else tuple(factor)
    fy, fx = _check_number(fy, "zoom의 factor"), _check_number(fx, "zoom의 factor")
    if fy <= 0 or fx <= 0:
        raise ValueError(f"zoom의 factor는 0보다 커야 하는데 {factor!r}이(가) 주어졌다.")
    return _apply(images, _zoom_matrix(fy, fx), fill, interpolation)


def shear(images, shear_degrees: float, fill: float = 0, interpolation: str = "bilinear") -> np.ndarray:
    """이미지를 가로 방향으로 ``shear_degrees``도 전단(shear)한다: 세로선이 그 각도만큼 기운다.

    양의 각도면 위쪽이 오른쪽으로 기울어 'l'이 '/'처럼 되고, 한가운데 행은 움직이지 않는다.
    각도는 −90°와 90° 사이여야 한다.
    """
    angle = _check_number(shear_degrees, "shear의 shear_degrees")
    if not -90 < angle < 90:
        raise ValueError(f"shear의 shear_degrees는 −90과 90 사이여야 하는데 {shear_degrees!r}이(가) 주어졌다.")
    return _apply(images, _shear_matrix(angle), fill, interpolation)


# ---------------------------------------------------------------------------
# 화소 값 바꾸기와 뒤집기
# ---------------------------------------------------------------------------

def invert(images, max_value: float = 1.0) -> np.ndarray:
    """명암을 반전한다: ``max_value`` − 화소. [0, 1] 이미지는 ``max_value=1``, uint8 이미지는 255를 쓴다."""
    batch, single = _as_batch(images)
    max_value = _check_number(max_value, "invert의 max_value")
    if np.issubdtype(batch.dtype, np.integer):
        info = np.iinfo(batch.dtype)
        if not (max_value.is_integer() and info.min <= max_value <= info.max):
            raise ValueError(f"{batch.dtype} 이미지의 max_value는 {info.min}부터 {info.max} 사이의 정수여야 하는데 "
                             f"{max_value}이(가) 주어졌다.")
        out = _cast_like(max_value - batch.astype(np.int64), batch.dtype)
    else:
        out = np.asarray(max_value, dtype=batch.dtype) - batch
    return _restore(out, single)


def add_noise(images, std: float, seed=None, clip: tuple[float, float] | None = None) -> np.ndarray:
    """평균 0, 표준편차 ``std``인 정규 분포 잡음을 화소마다 더한다. ``clip``=(아래, 위)를 주면 그 범위로 자른다.

    잡음은 float64로 뽑아 더한 뒤 입력의 dtype으로 돌린다 (그래서 같은 ``seed``면 float32와 float64의 결과가
    반올림 차이 말고는 같다).
    """
    batch, single = _as_batch(images)
    std = _check_number(std, "add_noise의 std")
    if std < 0:
        raise ValueError(f"add_noise의 std는 0 이상이어야 하는데 {std}이(가) 주어졌다.")
    rng = as_generator(seed)
    out = batch.astype(np.float64) + std * rng.standard_normal(batch.shape)
    if clip is not None:
        low, high = (_check_number(v, "add_noise의 clip") for v in clip)
        out = np.clip(out, low, high)
    return _restore(_cast_like(out, batch.dtype), single)


def flip_horizontal(images) -> np.ndarray:
    """좌우로 뒤집는다 (너비 축). 새 배열을 돌려준다."""
    batch, single = _as_batch(images)
    return _restore(batch[:, :, ::-1, :].copy(), single)


def flip_vertical(images) -> np.ndarray:
    """위아래로 뒤집는다 (높이 축). 새 배열을 돌려준다."""
    batch, single = _as_batch(images)
    return _restore(batch[:, ::-1, :, :].copy(), single)


# ---------------------------------------------------------------------------
# 잘라내기
# ---------------------------------------------------------------------------

def _crop_size(size, h: int, w: int) -> tuple[int, int]:
    ch, cw = (size, size) if np.ndim(size) == 0 else tuple(size)
    for v in (ch, cw):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < 1:
            raise ValueError(f"잘라낼 크기 size는 1 이상의 정수나 (높이, 너비)여야 하는데 {size!r}이(가) 주어졌다.")
    if ch > h or cw > w:
        raise ValueError(f"잘라낼 크기 ({ch}, {cw})가 이미지 크기 ({h}, {w})보다 크다.")
    return int(ch), int(cw)


def random_crop(images, size, seed=None) -> np.ndarray:
    """이미지마다 무작위 자리에서 ``size``(정수나 (높이, 너비)) 크기를 잘라낸다.

    왼쪽 위 모서리는 세로 0…H − h, 가로 0…W − w의 정수 중 하나를 고르게 뽑는다 (가능한 자리는
    (H − h + 1)(W − w + 1)가지). 묶음이면 이미지마다 자리를 따로 뽑는다.
    """
    batch, single = _as_batch(images)
    n, h, w, _ = batch.shape
    ch, cw = _crop_size(size, h, w)
    rng = as_generator(seed)
    top = rng.integers(0, h - ch + 1, size=n)
    left = rng.integers(0, w - cw + 1, size=n)
    rows = top[:, None, None] + np.arange(ch)[None, :, None]
    cols = left[:, None, None] + np.arange(cw)[None, None, :]
    out = batch[np.arange(n)[:, None, None], rows, cols]
    return _restore(out, single)


def center_crop(images, size) -> np.ndarray:
    """한가운데에서 ``size``(정수나 (높이, 너비)) 크기를 잘라낸다. 예측 단계에서 쓰는 잘라내기다."""
    batch, single = _as_batch(images)
    h, w = batch.shape[1:3]
    ch, cw = _crop_size(size, h, w)
    top, left = (h - ch) // 2, (w - cw) // 2
    return _restore(batch[:, top:top + ch, left:left + cw].copy(), single)


def count_crops_and_flips(image_size: int = 256, crop: int = 224, flips: bool = True,
                          count_both_ends: bool = False) -> int:
    """크기 ``image_size``의 정사각형 영상에서 ``crop`` 크기로 잘라내고 좌우로 뒤집어 만들 수 있는 영상 수.

    001 강의와 AlexNet 논문(Krizhevsky 외, 2012)의 셈법대로 한 방향의 자리를 ``image_size − crop``가지로
    세면 256에서 224를 잘라 32 × 32 = 1024가지, 좌우 뒤집기까지 2048가지다. 양 끝을 모두 넣어
    (``count_both_ends=True``) 세면 자리는 33 × 33 = 1089가지, 뒤집기까지 2178가지다.
    """
    for value, name in ((image_size, "image_size"), (crop, "crop")):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
            raise ValueError(f"count_crops_and_flips의 {name}은(는) 1 이상의 정수여야 하는데 {value!r}이(가) 주어졌다.")
    if crop > image_size:
        raise ValueError(f"잘라낼 크기 crop={crop}이(가) 영상 크기 image_size={image_size}보다 크다.")
    per_axis = image_size - crop + (1 if count_both_ends else 0)
    if per_axis == 0:
        per_axis = 1  # 영상 전체를 잘라내는 한 가지
    return int(per_axis) ** 2 * (2 if flips else 1)


# ---------------------------------------------------------------------------
# 무작위 증대
# ---------------------------------------------------------------------------

def _symmetric_range(value, name: str) -> float:
    value = _check_number(value, name)
    if value < 0:
        raise ValueError(f"{name}은(는) 0 이상이어야 하는데 {value}이(가) 주어졌다.")
    return value


class RandomAugmenter:
    """Keras의 ``ImageDataGenerator``처럼 범위 안에서 변환을 무작위로 골라 이미지마다 적용한다.

    - ``rotation_range``: 회전 각도를 [−r, r]도에서 고른다.
    - ``width_shift_range``, ``height_shift_range``: 이동 거리. 1보다 작으면 너비(높이)에 대한 비율,
      1 이상이면 화소 수이고 [−s, s]에서 고른다 (Keras와 같은 규칙).
    - ``zoom_range``: 확대 배율. z 하나면 [1 − z, 1 + z], (아래, 위)면 그 범위에서 고른다.
    - ``shear_range``: 전단 각도를 [−s, s]도에서 고른다.
    - ``horizontal_flip``, ``vertical_flip``: 절반의 확률로 뒤집는다.
    - ``invert_probability``: 그 확률로 명암을 반전한다 (``max_value`` − 화소).
    - ``noise_std``: 표준편차가 이만큼인 정규 분포 잡음을 더한다.

    기하 변환(회전, 이동, 확대, 전단)은 행렬 하나로 합쳐 한 번만 보간한다. 보간을 여러 번 하면 이미지가
    그만큼 흐려지기 때문이다. ``seed``가 같으면 같은 순서로 같은 변환이 나온다.
    """

    def __init__(self, rotation_range: float = 0.0, width_shift_range: float = 0.0, height_shift_range: float = 0.0,
                 zoom_range=0.0, shear_range: float = 0.0, horizontal_flip: bool = False, vertical_flip: bool = False,
                 invert_probability: float = 0.0, max_value: float = 1.0, noise_std: float = 0.0,
                 fill: float = 0.0, interpolation: str = "bilinear", seed=None):
        self.rotation_range = _symmetric_range(rotation_range, "rotation_range")
        self.width_shift_range = _symmetric_range(width_shift_range, "width_shift_range")
        self.height_shift_range = _symmetric_range(height_shift_range, "height_shift_range")
        if np.ndim(zoom_range) == 0:
            z = _symmetric_range(zoom_range, "zoom_range")
            if z >= 1:
                raise ValueError(f"zoom_range가 실수 하나면 0 이상 1 미만이어야 하는데 {zoom_range}이(가) 주어졌다.")
            self.zoom_range = (1.0 - z, 1.0 + z)
        else:
            low, high = (_check_number(v, "zoom_range") for v in zoom_range)
            if not 0 < low <= high:
                raise ValueError(f"zoom_range=(아래, 위)는 0 < 아래 ≤ 위여야 하는데 {tuple(zoom_range)}이(가) 주어졌다.")
            self.zoom_range = (low, high)
        self.shear_range = _symmetric_range(shear_range, "shear_range")
        if self.shear_range >= 90:
            raise ValueError(f"shear_range는 90도보다 작아야 하는데 {shear_range}이(가) 주어졌다.")
        self.horizontal_flip = bool(horizontal_flip)
        self.vertical_flip = bool(vertical_flip)
        p = _check_number(invert_probability, "invert_probability")
        if not 0 <= p <= 1:
            raise ValueError(f"invert_probability는 0과 1 사이여야 하는데 {invert_probability}이(가) 주어졌다.")
        self.invert_probability = p
        self.max_value = _check_number(max_value, "max_value")
        self.noise_std = _symmetric_range(noise_std, "noise_std")
        self.fill = _check_number(fill, "fill")
        self.interpolation = _check_interpolation(interpolation)
        self.rng = as_generator(seed)

    def _is_geometric(self) -> bool:
        return bool(self.rotation_range or self.width_shift_range or self.height_shift_range
                    or self.zoom_range != (1.0, 1.0) or self.shear_range)

    def _matrices(self, n: int, h: int, w: int) -> np.ndarray:
        """이미지마다 (출력 → 입력) 3×3 행렬을 만든다. 순서: 확대 → 전단 → 회전 → 이동."""
        rng = self.rng
        angles = rng.uniform(-self.rotation_range, self.rotation_range, n)
        sx = self.width_shift_range * (w if self.width_shift_range < 1 else 1)
        sy = self.height_shift_range * (h if self.height_shift_range < 1 else 1)
        dx, dy = rng.uniform(-sx, sx, n), rng.uniform(-sy, sy, n)
        zooms = rng.uniform(*self.zoom_range, size=(n, 2))
        shears = rng.uniform(-self.shear_range, self.shear_range, n)
        out = np.empty((n, 3, 3))
        for i in range(n):
            # 정방향 T = 이동 ∘ 회전 ∘ 전단 ∘ 확대 이므로 역방향은 확대⁻¹ ∘ 전단⁻¹ ∘ 회전⁻¹ ∘ 이동⁻¹이다.
            out[i] = (_zoom_matrix(zooms[i, 0], zooms[i, 1]) @ _shear_matrix(shears[i])
                      @ _rotation_matrix(angles[i]) @ _shift_matrix(dx[i], dy[i]))
        return out

    def augment(self, images) -> np.ndarray:
        """이미지(묶음이나 한 장)마다 변환을 새로 뽑아 적용한 새 배열을 돌려준다. 모양과 dtype은 그대로다."""
        batch, single = _as_batch(images)
        n, h, w, _ = batch.shape
        out = batch
        if self._is_geometric():
            out = _warp(batch, self._matrices(n, h, w), self.fill, self.interpolation)
        if self.horizontal_flip:
            flip = self.rng.random(n) < 0.5
            out = np.where(flip[:, None, None, None], out[:, :, ::-1, :], out)
        if self.vertical_flip:
            flip = self.rng.random(n) < 0.5
            out = np.where(flip[:, None, None, None], out[:, ::-1, :, :], out)
        if self.invert_probability:
            chosen = self.rng.random(n) < self.invert_probability
            out = np.where(chosen[:, None, None, None], invert(out, self.max_value), out)
        if self.noise_std:
            out = add_noise(out, self.noise_std, seed=self.rng)
        if out is batch:
            out = batch.copy()
        return _restore(out.astype(batch.dtype, copy=False), single)

    __call__ = augment

    def __repr__(self):
        options = {
            "rotation_range": self.rotation_range, "width_shift_range": self.width_shift_range,
            "height_shift_range": self.height_shift_range, "shear_range": self.shear_range,
            "invert_probability": self.invert_probability, "noise_std": self.noise_std,
        }
        parts = [f"{k}={v:g}" for k, v in options.items() if v]
        if self.zoom_range != (1.0, 1.0):
            parts.append(f"zoom_range=({self.zoom_range[0]:g}, {self.zoom_range[1]:g})")
        parts += [k + "=True" for k in ("horizontal_flip", "vertical_flip") if getattr(self, k)]
        return f"RandomAugmenter({', '.join(parts)})"
