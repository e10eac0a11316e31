"""합성곱 + 최대 풀링의 순전파·역전파 시간: nnbook, PyTorch CPU, 단순한 im2col을 한 번에 나란히 잰다.

작업: float32 NHWC 배치 64장의 28×28×1 이미지 → Conv2D(16, 3×3, padding='same') → 2×2 최대 풀링,
순전파와 역전파(입력 기울기 dx, 커널과 편향의 기울기까지). 스레드는 하나만 쓴다.

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /tmp/venvbench/bin/python bench/bench_conv.py

PyTorch는 벤치마크에만 쓰며 책(nnbook)의 의존성이 아니다. 시간 단언(assert)은 하지 않는다.
"""

from __future__ import annotations

import os

# 넘파이(OpenBLAS)와 토치(OpenMP/MKL)를 불러오기 전에 스레드를 하나로 정한다.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import platform  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

from nnbook.conv import Conv2D, MaxPooling2D  # noqa: E402

BATCH, SIZE, C_IN, FILTERS, KERNEL, POOL = 64, 28, 1, 16, 3, 2


# ---------------------------------------------------------------------------
# 비교 기준: 필터 안의 위치마다 반복하는 단순한 im2col (「밑바닥부터 시작하는 딥러닝」 식, NHWC)
# ---------------------------------------------------------------------------

def naive_im2col(x, kh, kw, stride, pad):
    n, h, w, c = x.shape
    oh, ow = (h + 2 * pad - kh) // stride + 1, (w + 2 * pad - kw) // stride + 1
    xp = np.pad(x, ((0, 0), (pad, pad), (pad, pad), (0, 0)))
    col = np.zeros((n, oh, ow, kh, kw, c), dtype=x.dtype)
    for i in range(kh):
        for j in range(kw):
            col[:, :, :, i, j, :] = xp[:, i:i + stride * oh:stride, j:j + stride * ow:stride, :]
    return col.reshape(n * oh * ow, -1), oh, ow


def naive_col2im(col, x_shape, kh, kw, stride, pad, oh, ow):
    n, h, w, c = x_shape
    col = col.reshape(n, oh, ow, kh, kw, c)
    dxp = np.zeros((n, h + 2 * pad, w + 2 * pad, c), dtype=col.dtype)
    for i in range(kh):
        for j in range(kw):
            dxp[:, i:i + stride * oh:stride, j:j + stride * ow:stride, :] += col[:, :, :, i, j, :]
    return dxp[:, pad:pad + h, pad:pad + w, :]


class NaiveConvPool:
    """im2col 합성곱 + im2col 최대 풀링(창을 한 행으로 펴서 np.max / np.argmax)."""

    def __init__(self, kernel, bias):
        self.kernel, self.bias = kernel, bias

    def forward(self, x):
        kh, kw, c, f = self.kernel.shape
        col, oh, ow = naive_im2col(x, kh, kw, 1, 1)
        y = (col @ self.kernel.reshape(-1, f) + self.bias).reshape(x.shape[0], oh, ow, f)
        pcol, poh, pow_ = naive_im2col(y, POOL, POOL, POOL, 0)          # (M, 2·2·C)
        pcol = pcol.reshape(-1, POOL * POOL, f).transpose(0, 2, 1).reshape(-1, POOL * POOL)
        arg = np.argmax(pcol, axis=1)
        out = np.max(pcol, axis=1).reshape(x.shape[0], poh, pow_, f)
        self.cache = (x, col, y.shape, arg, poh, pow_)
        return out

    def backward(self, dout):
        x, col, y_shape, arg, poh, pow_ = self.cache
        kh, kw, c, f = self.kernel.shape
        dmax = np.zeros((dout.size, POOL * POOL), dtype=dout.dtype)
        dmax[np.arange(arg.size), arg] = dout.ravel()
        dpcol = dmax.reshape(-1, f, POOL * POOL).transpose(0, 2, 1).reshape(-1, POOL * POOL * f)
        dy = naive_col2im(dpcol, y_shape, POOL, POOL, POOL, 0, poh, pow_).reshape(-1, f)
        self.grad_bias = dy.sum(axis=0)
        self.grad_kernel = (col.T @ dy).reshape(self.kernel.shape)
        dcol = dy @ self.kernel.reshape(-1, f).T
        return naive_col2im(dcol, x.shape, kh, kw, 1, 1, SIZE, SIZE)


# ---------------------------------------------------------------------------
# 측정
# ---------------------------------------------------------------------------

def blas_report() -> list[str]:
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return ["threadpoolctl이 없어 BLAS 정보를 알 수 없다."]
    lines = []
    for info in threadpool_info():
        owner = "torch" if "torch" in info.get("filepath", "") else "numpy"
        lines.append(f"{owner}: {info.get('internal_api')} {info.get('version') or ''} "
                     f"kernel={info.get('architecture', '-')} threads={info.get('num_threads')}")
    return lines


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=100, help="측정 반복 수 (20 이상)")
    parser.add_argument("--warmup", type=int, default=5)
    args = parser.parse_args(argv)
    if args.repeats < 20:
        parser.error("--repeats는 20 이상이어야 한다.")

    import torch
    import torch.nn.functional as F

    torch.set_num_threads(1)
    rng = np.random.default_rng(0)
    x = rng.random((BATCH, SIZE, SIZE, C_IN), dtype=np.float32)
    dout = rng.standard_normal((BATCH, SIZE // POOL, SIZE // POOL, FILTERS), dtype=np.float32)

    conv = Conv2D(FILTERS, KERNEL, padding="same")
    conv.build((SIZE, SIZE, C_IN), np.random.default_rng(1), dtype=np.float32)
    conv.params["bias"][...] = rng.standard_normal(FILTERS).astype(np.float32) * 0.1
    pool = MaxPooling2D(POOL)
    kernel, bias = conv.params["kernel"], conv.params["bias"]
    naive = NaiveConvPool(kernel, bias)

    x_t = torch.from_numpy(np.ascontiguousarray(x.transpose(0, 3, 1, 2)))           # NCHW
    w_t = torch.from_numpy(np.ascontiguousarray(kernel.transpose(3, 2, 0, 1))).requires_grad_()
    b_t = torch.from_numpy(bias.copy()).requires_grad_()
    dout_t = torch.from_numpy(np.ascontiguousarray(dout.transpose(0, 3, 1, 2)))

    def step_nnbook():
        out = pool.forward(conv.forward(x, training=True), training=True)
        dx = conv.backward(pool.backward(dout))
        return out, dx, conv.grads["kernel"], conv.grads["bias"]

    def step_naive():
        out = naive.forward(x)
        dx = naive.backward(dout)
        return out, dx, naive.grad_kernel, naive.grad_bias

    def torch_step(with_dx):
        def step():
            w_t.grad = None
            b_t.grad = None
            xx = x_t.detach().requires_grad_(with_dx)
            out = F.max_pool2d(F.conv2d(xx, w_t, b_t, padding=KERNEL // 2), POOL)
            out.backward(dout_t)
            dx = xx.grad.permute(0, 2, 3, 1).numpy() if with_dx else None
            return (out.detach().permute(0, 2, 3, 1).numpy(), dx,
                    w_t.grad.permute(2, 3, 1, 0).numpy(), b_t.grad.numpy())
        return step

    impls = {
        "nnbook (Conv2D + MaxPooling2D)": step_nnbook,
        "PyTorch CPU, NCHW, dx 포함": torch_step(True),
        "PyTorch CPU, NCHW, dx 없음 (첫 층)": torch_step(False),
        "단순 im2col (필터 위치마다 반복, np.max/argmax 풀링)": step_naive,
    }
    reference = "PyTorch CPU, NCHW, dx 포함"

    # 먼저 모두 같은 값을 내는지 확인한다 (float32라서 허용 오차를 둔다).
    ref_out, ref_dx, ref_dk, ref_db = impls[reference]()
    for name, step in impls.items():
        out, dx, dk, db = step()
        np.testing.assert_allclose(out, ref_out, rtol=1e-4, atol=1e-5, err_msg=name)
        if dx is not None:
            np.testing.assert_allclose(dx, ref_dx, rtol=1e-4, atol=1e-4, err_msg=name)
        np.testing.assert_allclose(dk, ref_dk, rtol=1e-3, atol=1e-2, err_msg=name)
        np.testing.assert_allclose(db, ref_db, rtol=1e-3, atol=1e-2, err_msg=name)

    # 구현들을 한 반복 안에서 번갈아 재서, 기계의 느린 순간이 한쪽에만 몰리지 않게 한다.
    times = {name: [] for name in impls}
    for r in range(args.warmup + args.repeats):
        for name, step in impls.items():
            t0 = time.perf_counter()
            step()
            if r >= args.warmup:
                times[name].append(time.perf_counter() - t0)

    # nnbook의 네 단계를 따로 잰다 (어디에 시간이 드는지).
    stages = {"Conv2D 순전파": [], "MaxPooling2D 순전파": [], "MaxPooling2D 역전파": [], "Conv2D 역전파": []}
    for r in range(args.warmup + args.repeats):
        t0 = time.perf_counter()
        y = conv.forward(x, training=True)
        t1 = time.perf_counter()
        pool.forward(y, training=True)
        t2 = time.perf_counter()
        d = pool.backward(dout)
        t3 = time.perf_counter()
        conv.backward(d)
        t4 = time.perf_counter()
        if r >= args.warmup:
            for key, a, b in zip(stages, (t0, t1, t2, t3), (t1, t2, t3, t4)):
                stages[key].append(b - a)

    ref = np.median(times[reference])
    print(f"Python {platform.python_version()}, NumPy {np.__version__}, PyTorch {torch.__version__}, "
          f"{platform.machine()}, 스레드 1개, 반복 {args.repeats}회의 중앙값")
    if "OPENBLAS_CORETYPE" in os.environ:
        print(f"경고: OPENBLAS_CORETYPE={os.environ['OPENBLAS_CORETYPE']}가 설정되어 있다. "
              "env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE로 실행해야 한다.", file=sys.stderr)
    for line in blas_report():
        print("BLAS:", line)
    print()
    print(f"float32 NHWC ({BATCH}, {SIZE}, {SIZE}, {C_IN}) → Conv2D({FILTERS}, {KERNEL}×{KERNEL}, 'same') "
          f"→ MaxPooling2D({POOL}×{POOL}), 순전파 + 역전파")
    print()
    print("| 구현 | 중앙값 (ms) | 사분위 범위 (ms) | PyTorch(dx 포함) 대비 |")
    print("|---|---:|---:|---:|")
    for name, ts in times.items():
        ms = np.array(ts) * 1e3
        q1, q3 = np.percentile(ms, [25, 75])
        print(f"| {name} | {np.median(ms):.2f} | {q1:.2f}–{q3:.2f} | {np.median(ts) / ref:.2f}× |")
    print()
    total = sum(np.median(v) for v in stages.values())
    print("| nnbook 단계 | 중앙값 (ms) | 비율 |")
    print("|---|---:|---:|")
    for key, ts in stages.items():
        print(f"| {key} | {np.median(ts) * 1e3:.2f} | {np.median(ts) / total:.0%} |")


if __name__ == "__main__":
    main()
