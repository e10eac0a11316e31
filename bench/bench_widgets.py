"""탐색기 한 번 갱신(슬라이더 값 → 새 PNG)에 걸리는 시간을 잰다. 목표는 50 ms 이내 (DESIGN.md).

    python bench/bench_widgets.py [탐색기 이름 …]

각 탐색기마다 매개변수를 번갈아 바꾸며 ``LiveExplorer.update``(그림 요소 갱신 + PNG 만들기)를 재고 중앙값을 보인다.
비교를 위해 같은 상태를 처음부터 새 그림으로 그리는 시간(``Explorer.render`` + PNG)도 함께 잰다.
"""

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import statistics  # noqa: E402
import time  # noqa: E402

import matplotlib  # noqa: E402

matplotlib.use("Agg")

import nnbook  # noqa: E402
from nnbook import explorers  # noqa: E402
from nnbook.widgets import ChoiceParam, Explorer  # noqa: E402


def _states(explorer: Explorer, n: int):
    """매개변수를 하나씩 돌아가며 범위 안의 다른 값으로 바꾼 상태들."""
    states = []
    for i in range(n):
        p = explorer.params[i % len(explorer.params)]
        if isinstance(p, ChoiceParam):
            values = p.values()
            value = values[(i // len(explorer.params)) % len(values)]
        else:
            frac = ((i * 0.37) % 1.0)
            value = p.min + frac * (p.max - p.min)
            value = type(p.default)(round(value / p.step) * p.step) if p.step else value
            value = min(max(value, p.min), p.max)
        states.append({p.name: value})
    return states


def bench(explorer: Explorer, repeats: int = 40):
    live = explorer.live()
    states = _states(explorer, repeats)
    update_times = []
    for change in states:
        start = time.perf_counter()
        live.update(**change)
        update_times.append(time.perf_counter() - start)
    assert not live.errors, live.errors
    redraw_times = []
    for change in states[:10]:
        start = time.perf_counter()
        canvas = explorer.render(**{**live.values, **change})
        canvas.figure.savefig(__import__("io").BytesIO(), format="png")
        redraw_times.append(time.perf_counter() - start)
    return statistics.median(update_times), statistics.median(redraw_times)


def main(names=()):
    nnbook.setup_notebook()
    found = [(name, obj) for name, obj in vars(explorers).items()
             if isinstance(obj, Explorer) and (not names or name in names)]
    print("| 탐색기 | 갱신 중앙값 (ms) | 처음부터 다시 그리기 (ms) | 비율 |")
    print("|---|---:|---:|---:|")
    for name, explorer in found:
        update, redraw = bench(explorer)
        print(f"| {name} | {update * 1e3:.1f} | {redraw * 1e3:.1f} | {redraw / update:.2f}× |")


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])  # 탐색기 이름을 주면 그것만 잰다 (예: optimizer_explorer)
