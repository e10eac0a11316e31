"""작은 신경망 한 걸음: 2-4-1 XOR 신경망(tanh-시그모이드, 배치 4, 평균 제곱 오차, SGD 모멘텀 0.9).

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /tmp/venvbench/bin/python bench/bench_tiny.py

세 구현을 한 반복 안에서 번갈아 1000걸음씩 재고, 걸음 하나의 중앙값과 비율을 보인다.

- nnbook ``Sequential.fit(epochs=1000, batch_size=4)`` (섞기 포함, 한 에포크 = 한 걸음)
- 평평한 배열 학습기: XOR 탐색기가 예전에 쓰던, 같은 계산을 매개변수 하나의 평평한 배열 위에서 하는 손 학습기
  (여기에만 남겨 비교 기준으로 쓴다)
- PyTorch CPU: 같은 신경망, 걸음마다 ``zero_grad``, 순전파, ``mse_loss``, ``backward``, ``step``과 섞은 배치

재기 전에 세 구현이 같은 손실 기록을 내는지(섞지 않은 200걸음, 상대 오차 1e-9) 먼저 확인한다.
"""

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

import nnbook  # noqa: E402
from nnbook.explorers.xor_trainer import xor_model  # noqa: E402

STEPS = 1000
REPEATS = 21
X, Y = nnbook.datasets.logic_gate("xor")
Y_COL = Y.reshape(-1, 1)


def flat_trainer(weights, epochs, lr=0.1, mu=0.9):
    """예전 탐색기의 평평한 배열 학습기 (tanh 은닉층, 시그모이드 출력): 편향을 가중치 행렬의 마지막 행으로 붙이고
    네 매개변수를 한 배열의 조각으로 두어 NumPy 호출을 줄였다. 돌려주는 값은 에포크마다의 손실."""
    w1, b1, w2, b2 = weights
    n, d = X.shape
    h_units = w1.shape[1]
    theta = np.concatenate([w1.ravel(), b1.ravel(), w2.ravel(), b2.ravel()])
    split = (d + 1) * h_units
    w1a, w2a = theta[:split].reshape(d + 1, h_units), theta[split:].reshape(h_units + 1, 1)
    w2_row = w2a[:h_units].reshape(1, h_units)
    grad = np.zeros_like(theta)
    g1a, g2a = grad[:split].reshape(d + 1, h_units), grad[split:].reshape(h_units + 1, 1)
    velocity = np.zeros_like(theta)
    xa_t = np.hstack([X, np.ones((n, 1))]).T.copy()
    xa = xa_t.T
    ha = np.ones((n, h_units + 1))
    h, ha_t = ha[:, :h_units], ha.T
    errors = np.empty((epochs, n))
    scale = 2.0 / n
    for epoch in range(epochs):
        np.tanh(xa @ w1a, out=h)
        o = np.exp(-(ha @ w2a))
        o += 1.0
        np.reciprocal(o, out=o)
        err = errors[epoch]
        np.subtract(o[:, 0], Y, out=err)
        dz2 = 1.0 - o
        dz2 *= o
        dz2 *= err[:, None]
        dz2 *= scale
        np.matmul(ha_t, dz2, out=g2a)
        dh = dz2 @ w2_row
        deriv = h * h
        np.subtract(1.0, deriv, out=deriv)
        dh *= deriv
        np.matmul(xa_t, dh, out=g1a)
        velocity *= mu
        velocity -= lr * grad
        theta += velocity
    return np.mean(errors ** 2, axis=1)


def nnbook_fit(epochs, shuffle=True):
    model = xor_model(4, "tanh", "sigmoid", seed=0)
    model.compile(nnbook.SGD(learning_rate=0.1, momentum=0.9), "mse")
    return model.fit(X, Y_COL, epochs=epochs, batch_size=4, shuffle=shuffle).history["loss"]


def torch_setup():
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(1)
    torch.set_default_dtype(torch.float64)
    start = [w for layer in xor_model(4, "tanh", "sigmoid", seed=0).layers for w in layer.get_weights()]
    xt, yt = torch.tensor(X), torch.tensor(Y_COL)

    def run(epochs, shuffle=True):
        net = torch.nn.Sequential(torch.nn.Linear(2, 4), torch.nn.Tanh(), torch.nn.Linear(4, 1), torch.nn.Sigmoid())
        with torch.no_grad():
            for layer, (w, b) in zip((net[0], net[2]), (start[:2], start[2:])):
                layer.weight.copy_(torch.tensor(w.T))
                layer.bias.copy_(torch.tensor(b))
        opt = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9)
        generator = torch.Generator().manual_seed(0)
        losses = []
        for _ in range(epochs):
            idx = torch.randperm(4, generator=generator) if shuffle else torch.arange(4)
            opt.zero_grad()
            loss = torch.nn.functional.mse_loss(net(xt[idx]), yt[idx])
            loss.backward()
            opt.step()
            losses.append(loss.item())
        return losses

    return run, torch.__version__


def main():
    if os.environ.get("OPENBLAS_CORETYPE"):
        print("경고: OPENBLAS_CORETYPE이 설정되어 있다. env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE로 실행하라.",
              file=sys.stderr)
    start = [w for layer in xor_model(4, "tanh", "sigmoid", seed=0).layers for w in layer.get_weights()]
    torch_run = torch_setup()
    reference = np.asarray(nnbook_fit(200, shuffle=False))
    np.testing.assert_allclose(flat_trainer(start, 200), reference, rtol=1e-9)
    if torch_run is not None:
        np.testing.assert_allclose(torch_run[0](200, shuffle=False), reference, rtol=1e-9)
    candidates = {"nnbook Sequential.fit": lambda: nnbook_fit(STEPS),
                  "평평한 배열 학습기 (예전 탐색기)": lambda: flat_trainer(start, STEPS)}
    if torch_run is not None:
        candidates[f"PyTorch {torch_run[1]} CPU"] = lambda: torch_run[0](STEPS)
    times = {name: [] for name in candidates}
    for _ in range(REPEATS):
        for name, fn in candidates.items():
            begin = time.perf_counter()
            fn()
            times[name].append((time.perf_counter() - begin) / STEPS)
    base = statistics.median(times["nnbook Sequential.fit"])
    print(f"numpy {np.__version__}, 한 걸음의 중앙값 ({REPEATS}회 × {STEPS}걸음)")
    print("| 구현 | 한 걸음 중앙값 (µs) | 사분위 범위 (µs) | nnbook 대비 |")
    print("|---|---:|---:|---:|")
    for name, values in times.items():
        q1, _, q3 = statistics.quantiles(values, n=4)
        median = statistics.median(values)
        print(f"| {name} | {median * 1e6:.1f} | {q1 * 1e6:.1f}–{q3 * 1e6:.1f} | {median / base:.2f}× |")


if __name__ == "__main__":
    main()
