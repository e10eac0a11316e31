"""데이터 증대: 정확히 알 수 있는 경우(정수 이동, 90° 회전, 항등 변환, 두 번 뒤집기)와 dtype, 입력 보존, 시드."""

import numpy as np
import pytest

from nnbook import augmentation as aug


def image(seed=0, shape=(7, 7, 2), dtype=np.float64):
    return np.random.default_rng(seed).random(shape).astype(dtype)


def batch(seed=0, shape=(3, 9, 9, 1), dtype=np.float64):
    return image(seed, shape, dtype)


@pytest.mark.parametrize("dx, dy", [(2, 0), (0, -3), (1, 2), (-2, -1), (0, 0)])
def test_whole_pixel_shift_is_np_roll_with_fill(dx, dy):
    x = batch()
    out = aug.shift(x, dx, dy, fill=-1.0)
    expected = np.roll(x, (dy, dx), axis=(1, 2))
    if dy > 0:
        expected[:, :dy] = -1.0
    elif dy < 0:
        expected[:, dy:] = -1.0
    if dx > 0:
        expected[:, :, :dx] = -1.0
    elif dx < 0:
        expected[:, :, dx:] = -1.0
    np.testing.assert_array_equal(out, expected)


def test_fractional_shift_interpolates_between_pixels():
    x = np.zeros((1, 1, 5, 1))
    x[0, 0, 2, 0] = 1.0
    out = aug.shift(x, 0.25, 0)
    np.testing.assert_allclose(out[0, 0, :, 0], [0, 0, 0.75, 0.25, 0])
    out = aug.shift(x, 0.25, 0, interpolation="nearest")
    np.testing.assert_array_equal(out[0, 0, :, 0], [0, 0, 1, 0, 0])
    assert aug.shift(x, 10, 0).sum() == 0  # 이미지 밖으로 모두 나갔다


@pytest.mark.parametrize("degrees, k", [(90, 1), (180, 2), (-90, -1), (270, 3)])
@pytest.mark.parametrize("interpolation", ["bilinear", "nearest"])
def test_rotate_quarter_turns_equal_rot90_on_odd_square(degrees, k, interpolation):
    x = image(shape=(7, 7, 3))
    out = aug.rotate(x, degrees, interpolation=interpolation)
    np.testing.assert_array_equal(out, np.rot90(x, k, axes=(0, 1)))


def test_rotate_is_counterclockwise_on_screen():
    x = np.zeros((5, 5, 1))
    x[0, 2] = 1.0  # 위 가운데
    out = aug.rotate(x, 90)
    assert out[2, 0, 0] == 1.0  # 시계 반대 방향으로 돌면 왼쪽 가운데로 간다


def test_identity_transforms_and_zoom_shear_directions():
    x = batch()
    np.testing.assert_array_equal(aug.rotate(x, 0), x)
    np.testing.assert_array_equal(aug.zoom(x, 1.0), x)
    np.testing.assert_array_equal(aug.shear(x, 0), x)
    np.testing.assert_array_equal(aug.shift(x, 0.0, 0.0), x)
    # 한가운데(4, 4)에서 오른쪽으로 1칸 떨어진 점은 2배 확대하면 2칸 떨어진 곳으로 가고 양옆으로 번지며,
    # 2칸 떨어진 점은 반으로 축소하면 1칸 떨어진 곳으로 간다
    dot = np.zeros((1, 9, 9, 1))
    dot[0, 4, 5] = 1.0
    np.testing.assert_allclose(aug.zoom(dot, 2.0)[0, 4, 3:8, 0], [0, 0, 0.5, 1, 0.5])
    dot = np.zeros((1, 9, 9, 1))
    dot[0, 4, 6] = 1.0
    np.testing.assert_allclose(aug.zoom(dot, 0.5)[0, 4, 3:8, 0], [0, 0, 1, 0, 0])
    # 양의 전단각: 위쪽 행은 오른쪽으로, 아래쪽 행은 왼쪽으로 밀린다 ('/' 모양)
    line = np.zeros((1, 5, 5, 1))
    line[0, :, 2] = 1.0
    sheared = aug.shear(line, 45, interpolation="nearest")[0, :, :, 0]
    assert sheared[0].argmax() == 4 and sheared[2].argmax() == 2 and sheared[4].argmax() == 0


def test_invert_and_flips_twice_are_identity():
    x = batch()
    np.testing.assert_allclose(aug.invert(aug.invert(x)), x, atol=1e-15)
    np.testing.assert_array_equal(aug.invert(np.array([[[0.0], [0.25], [1.0]]])), [[[1.0], [0.75], [0.0]]])
    u8 = (batch() * 255).astype(np.uint8)
    np.testing.assert_array_equal(aug.invert(aug.invert(u8, 255), 255), u8)
    assert aug.invert(u8, 255).dtype == np.uint8 and aug.invert(u8, 255)[0, 0, 0, 0] == 255 - u8[0, 0, 0, 0]
    np.testing.assert_array_equal(aug.flip_horizontal(aug.flip_horizontal(x)), x)
    np.testing.assert_array_equal(aug.flip_vertical(aug.flip_vertical(x)), x)
    np.testing.assert_array_equal(aug.flip_horizontal(x), x[:, :, ::-1])
    np.testing.assert_array_equal(aug.flip_vertical(x), x[:, ::-1])


def test_noise_is_seeded_and_has_the_requested_std():
    x = np.zeros((4, 32, 32, 1))
    a, b = aug.add_noise(x, 0.1, seed=5), aug.add_noise(x, 0.1, seed=5)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, aug.add_noise(x, 0.1, seed=6))
    assert a.std() == pytest.approx(0.1, rel=0.05)
    clipped = aug.add_noise(x + 0.5, 1.0, seed=0, clip=(0, 1))
    assert clipped.min() == 0.0 and clipped.max() == 1.0


def test_random_crop_positions_are_seeded_and_cover_all_offsets():
    x = np.arange(6 * 6, dtype=np.float64).reshape(1, 6, 6, 1).repeat(400, axis=0)
    crops = aug.random_crop(x, 4, seed=0)
    assert crops.shape == (400, 4, 4, 1)
    np.testing.assert_array_equal(crops, aug.random_crop(x, 4, seed=0))
    offsets = {(int(c[0, 0, 0]) // 6, int(c[0, 0, 0]) % 6) for c in crops}
    assert offsets == {(r, c) for r in range(3) for c in range(3)}  # (6 − 4 + 1)² = 9가지 모두 나온다
    for c in crops[:20]:
        top, left = int(c[0, 0, 0]) // 6, int(c[0, 0, 0]) % 6
        np.testing.assert_array_equal(c, x[0, top:top + 4, left:left + 4])
    np.testing.assert_array_equal(aug.center_crop(x[0], (2, 4)), x[0, 2:4, 1:5])


def test_count_crops_and_flips_matches_001_and_alexnet():
    assert aug.count_crops_and_flips() == 32 * 32 * 2 == 2048
    assert aug.count_crops_and_flips(flips=False) == 1024
    assert aug.count_crops_and_flips(count_both_ends=True) == 33 * 33 * 2


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.uint8])
def test_dtype_follows_input_and_input_is_untouched(dtype):
    x = (batch() * (255 if dtype == np.uint8 else 1)).astype(dtype)
    before = x.copy()
    augmenter = aug.RandomAugmenter(rotation_range=20, width_shift_range=0.1, height_shift_range=2, zoom_range=0.1,
                                    shear_range=10, horizontal_flip=True, vertical_flip=True, noise_std=0.01,
                                    invert_probability=0.5, max_value=255 if dtype == np.uint8 else 1.0, seed=0)
    results = [aug.shift(x, 1, 1), aug.shift(x, 0.5, 0), aug.rotate(x, 30), aug.zoom(x, 1.3), aug.shear(x, 15),
               aug.invert(x, 255 if dtype == np.uint8 else 1.0), aug.add_noise(x, 0.1, seed=0),
               aug.flip_horizontal(x), aug.flip_vertical(x), aug.random_crop(x, 5, seed=0), augmenter(x)]
    for out in results:
        assert out.dtype == np.dtype(dtype)
        assert not np.shares_memory(out, x)
    np.testing.assert_array_equal(x, before)


def test_single_hwc_image_in_single_image_out():
    x = image(shape=(9, 9, 3))
    for out in (aug.rotate(x, 10), aug.shift(x, 1, 2), aug.flip_horizontal(x),
                aug.RandomAugmenter(rotation_range=10, seed=0)(x)):
        assert out.shape == (9, 9, 3)
    assert aug.random_crop(x, 4, seed=0).shape == (4, 4, 3)


def test_random_augmenter_is_seeded_and_differs_per_image():
    x = np.repeat(batch(shape=(1, 12, 12, 1)), 5, axis=0)
    def make():
        return aug.RandomAugmenter(rotation_range=30, width_shift_range=0.2, zoom_range=(0.8, 1.2), seed=7)

    a, b = make()(x), make()(x)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a[0], a[1])  # 이미지마다 변환을 새로 뽑는다
    np.testing.assert_array_equal(aug.RandomAugmenter(seed=0)(x), x)  # 아무 변환도 없으면 그대로
    assert "rotation_range=30" in repr(make())


def test_random_augmenter_single_transform_matches_the_function():
    # 회전만 켜면 뽑힌 각도로 rotate를 부른 것과 같다.
    x = batch()
    out = aug.RandomAugmenter(rotation_range=25, seed=3)(x)
    angles = np.random.default_rng(3).uniform(-25, 25, 3)
    for i in range(3):
        np.testing.assert_allclose(out[i], aug.rotate(x[i], angles[i]), atol=1e-12)


def test_bad_input_gives_clear_errors():
    with pytest.raises(ValueError, match=r"4차원.*\(28, 28\).*image\[\.\.\., None\]"):
        aug.rotate(np.zeros((28, 28)), 10)
    with pytest.raises(ValueError, match="NaN"):
        aug.zoom(np.full((4, 4, 1), np.nan), 2)
    with pytest.raises(ValueError, match="interpolation"):
        aug.rotate(batch(), 10, interpolation="cubic")
    with pytest.raises(ValueError, match="zoom의 factor"):
        aug.zoom(batch(), 0)
    with pytest.raises(ValueError, match=r"\(10, 10\).*\(9, 9\)"):
        aug.random_crop(batch(), 10)
    with pytest.raises(ValueError, match="zoom_range"):
        aug.RandomAugmenter(zoom_range=1.5)
    with pytest.raises(ValueError, match="max_value"):
        aug.invert(np.zeros((2, 2, 1), dtype=np.uint8), 300)
