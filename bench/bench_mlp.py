"""MLP 한 에포크: nnbook 대 PyTorch(CPU), 같은 일을 같은 실행 안에서 나란히 잰다.

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python bench/bench_mlp.py

일: 784-256-128-10 (ReLU, 소프트맥스 + 범주형 교차 엔트로피), float32, 샘플 10,000개, 배치 128, SGD(학습률 0.01).
한 에포크 = 섞은 순열로 배치를 잘라 순전파·역전파·갱신을 79번. 스레드는 하나로 고정한다.
PyTorch는 이 측정에만 쓴다 (`pip install torch==2.13.0`). 책은 PyTorch 없이 돈다.
"""

import os

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"

import statistics  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

import nnbook  # noqa: E402
from nnbook import SGD, Dense, Sequential  # noqa: E402

N, BATCH, EPOCH_REPEATS = 10_000, 128, 9
SIZES = (784, 256, 128, 10)


def data(seed=0):
    rng = np.random.default_rng(seed)
    x = rng.random((N, SIZES[0]), dtype=np.float32)
    labels = rng.integers(0, SIZES[-1], size=N)
    y = np.eye(SIZES[-1], dtype=np.float32)[labels]
    return x, y, labels


def nnbook_epoch_fn(x, y):
    model = Sequential([Dense(SIZES[1], activation="relu"), Dense(SIZES[2], activation="relu"),
                        Dense(SIZES[3], activation="softmax")], seed=0)
    model.build((SIZES[0],), dtype=np.float32)
    model.compile(SGD(learning_rate=0.01), "categorical_crossentropy")

    def epoch():
        model.fit(x, y, epochs=1, batch_size=BATCH, shuffle=True)
    return epoch, model


def torch_epoch_fn(x, labels):
    import torch

    torch.set_num_threads(1)
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(SIZES[0], SIZES[1]), torch.nn.ReLU(),
                                torch.nn.Linear(SIZES[1], SIZES[2]), torch.nn.ReLU(),
                                torch.nn.Linear(SIZES[2], SIZES[3]))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    loss_fn = torch.nn.CrossEntropyLoss()
    xt, yt = torch.from_numpy(x), torch.from_numpy(labels)
    gen = torch.Generator().manual_seed(0)

    def epoch():
        order = torch.randperm(N, generator=gen)
        for start in range(0, N, BATCH):
            idx = order[start:start + BATCH]
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(xt[idx]), yt[idx])
            loss.backward()
            optimizer.step()
    return epoch, torch


def timed(fn, repeats):
    fn()  # 데우기
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def main():
    from threadpoolctl import threadpool_info

    x, y, labels = data()
    nn_epoch, _ = nnbook_epoch_fn(x, y)
    torch_epoch, torch = torch_epoch_fn(x, labels)
    # 두 구현을 번갈아 재서 기계의 상태 변화가 한쪽에만 몰리지 않게 한다.
    nn_times, torch_times = [], []
    for _ in range(EPOCH_REPEATS):
        nn_times += timed(nn_epoch, 1)
        torch_times += timed(torch_epoch, 1)
    nn_med, torch_med = statistics.median(nn_times), statistics.median(torch_times)
    blas = [(i.get("internal_api"), i.get("architecture"), i.get("num_threads")) for i in threadpool_info()]
    print(f"numpy {np.__version__}, torch {torch.__version__}, nnbook {nnbook.__version__}; BLAS {blas}")
    print(f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(없음)')}")
    print()
    print("| 구현 | 에포크 중앙값 (ms) | PyTorch 대비 |")
    print("|---|---:|---:|")
    print(f"| PyTorch {torch.__version__} CPU | {torch_med * 1e3:.1f} | 1.00× |")
    print(f"| nnbook | {nn_med * 1e3:.1f} | {nn_med / torch_med:.2f}× |")


if __name__ == "__main__":
    main()
