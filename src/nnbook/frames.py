"""HTML 책의 탐색기가 바꿔 보일 그림(frame)들을 미리 그린다.

탐색기 선언의 매개변수마다 적힌 격자(``grid``)의 모든 상태를, 조작기(``LiveExplorer``)와 같은
``StateRenderer``와 같은 ``draw``로 그린다. 그래서 HTML 쪽의 그림과 Jupyter의 조작기 그림은 다를 수 없다.

- 그림은 적은 색(기본 64색)의 PNG로 줄여 탐색기마다 한 폴더에 ``f<번호>.png``로 둔다. 번호는
  ``Explorer.state_index``의 혼합 기수 순서이고, 브라우저의 스크립트도 같은 셈을 한다.
- ``manifest.json``에는 제목, 매개변수(이름표, 격자 값과 그 글, 기본값), 그림 크기, 파일 이름이 들어 있다.
  탐색기가 상태마다 요약 글(``Canvas.caption``)을 내면 그 글과 색(``captions``, ``caption_colors``)도 들어 있다.
- 폴더 이름은 내용의 지문(hash)이다: nnbook의 모든 소스, 탐색기 이름, 격자, 색 수, 라이브러리 판이 같으면
  이미 그린 폴더를 그대로 쓰고 아무것도 계산하지 않는다. 지문이 바뀌면 그 탐색기의 예전 폴더는 지운다.
- 상태들을 나누어 프로세스 여러 개(기본 2개)에서 그린다. 일꾼마다 기본 상태로 축 배치를 정하므로, 어느
  일꾼이 그려도 같은 그림이 나온다.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

#: 그림 하나의 색 수. 64색이면 책의 그림(평평한 면, 선, 글자)이 눈에 띄게 달라지지 않는다.
COLORS = 64

#: 한 탐색기의 그림 전체가 넘으면 안 되는 크기 (바이트).
EXPLORER_BUDGET = 2 * 1024 * 1024

_PACKAGE = Path(__file__).resolve().parent


def registry() -> dict:
    """책의 탐색기들 {이름: Explorer}. 이름은 ``nnbook.explorers``에서 쓰는 변수 이름이다."""
    from . import explorers
    from .widgets import Explorer

    return {name: getattr(explorers, name) for name in explorers.__all__
            if isinstance(getattr(explorers, name), Explorer)}


def content_key(name: str, colors: int = COLORS) -> str:
    """탐색기 name의 그림들을 결정하는 모든 것의 지문 (16자리 16진수)."""
    import matplotlib
    import numpy
    import PIL

    explorer = registry()[name]
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    grid = [(p.name, p.grid_values()) for p in explorer.params]
    digest.update(repr((name, grid, colors, numpy.__version__, matplotlib.__version__, PIL.__version__)).encode())
    return digest.hexdigest()[:16]


def manifest(name: str) -> dict:
    """탐색기 name의 manifest (그림 파일과 크기는 ``build``가 채운다)."""
    from .widgets import ChoiceParam, format_value

    explorer = registry()[name]
    params = []
    for p in explorer.params:
        grid = p.grid_values()
        params.append({
            "name": p.name,
            "label": p.label,
            "kind": "choice" if isinstance(p, ChoiceParam) else "slider",
            "values": [v if isinstance(v, (int, float, str, bool)) else str(v) for v in grid],
            "texts": [format_value(p, v) for v in grid],
            "default": grid.index(p.default),
        })
    return {"name": name, "title": explorer.title, "params": params}


def _render(name: str, indices: list[int], colors: int, folder: str) -> list[tuple]:
    """일꾼 프로세스: 상태 번호 indices를 그려 folder에 쓰고 (번호, 바이트 수, 너비, 높이, 요약 글, 그 색)들을
    돌려준다."""
    import matplotlib

    matplotlib.use("Agg")
    from .notebook import setup_notebook

    setup_notebook()  # 노트북과 같은 글꼴, 스타일, 스레드 하나
    explorer = registry()[name]
    states = explorer.grid_states()
    renderer = explorer.renderer()   # 기본 상태로 축 배치를 정한다
    width, height = renderer.canvas.figure.canvas.get_width_height()
    done = []
    for index in indices:
        renderer.update(states[index])
        data = renderer.png(colors=colors)
        (Path(folder) / f"f{index}.png").write_bytes(data)
        done.append((index, len(data), width, height, *renderer.caption))
    return done


def build(cache: Path, names: list[str] | None = None, workers: int = 2, colors: int = COLORS,
          log=print) -> dict[str, Path]:
    """탐색기들의 그림을 cache 아래에 (없으면) 그리고 {이름: 폴더}를 돌려준다.

    이미 같은 지문의 폴더가 있으면 그대로 쓴다. 새로 그릴 상태들은 탐색기를 가리지 않고 고르게 나누어
    ``workers``개의 프로세스에서 그린다. 다 그린 폴더만 지문 이름으로 옮기므로, 도중에 멈춰도 반쯤 그린 폴더를
    다음 빌드가 쓰지 않는다.
    """
    cache = Path(cache)
    cache.mkdir(parents=True, exist_ok=True)
    names = list(registry()) if names is None else list(names)
    folders, todo = {}, {}
    for name in names:
        folder = cache / f"{name}-{content_key(name, colors)}"
        folders[name] = folder
        # 같은 탐색기의 예전 지문 폴더는 지운다: 라이브러리를 고칠 때마다 폴더가 쌓이지 않게.
        for old in cache.glob(f"{name}-*"):
            if old != folder and old.name[len(name) + 1:].isalnum() and len(old.name) == len(folder.name):
                shutil.rmtree(old, ignore_errors=True)
        if not (folder / "manifest.json").exists():
            partial = cache / f".{folder.name}.{os.getpid()}"
            shutil.rmtree(partial, ignore_errors=True)
            partial.mkdir()
            todo[name] = partial
    if not todo:
        return folders

    start = time.perf_counter()
    tasks = []
    for name, partial in todo.items():
        count = len(registry()[name].grid_states())
        chunk = max(1, -(-count // (2 * workers)))   # 일꾼마다 두 조각쯤: 빨리 끝난 일꾼이 남은 조각을 가져간다
        tasks += [(name, list(range(i, min(i + chunk, count))), colors, str(partial)) for i in range(0, count, chunk)]
    results: dict[str, list] = {name: [] for name in todo}
    if workers > 1:
        with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
            for task, done in zip(tasks, pool.map(_render, *zip(*tasks))):
                results[task[0]] += done
    else:
        for task in tasks:
            results[task[0]] += _render(*task)

    for name, partial in todo.items():
        done = sorted(results[name])
        info = manifest(name)
        info["size"] = [done[0][2], done[0][3]]
        # 똑같은 그림은 한 파일만 남긴다 (예: 리키 렐루가 아닌 함수는 α를 바꿔도 그림이 같다).
        first: dict[bytes, str] = {}
        info["frames"] = []
        for index, *_ in done:
            path = partial / f"f{index}.png"
            digest = hashlib.sha256(path.read_bytes()).digest()
            if digest in first:
                path.unlink()
            else:
                first[digest] = path.name
            info["frames"].append(first[digest])
        info["bytes"] = sum((partial / file).stat().st_size for file in first.values())
        # 상태마다의 요약 글 (Canvas.caption): HTML 탐색기가 그림 위에 글로 보인다. 요약 글이 없는 탐색기에는 없다.
        if any(caption for _, _, _, _, caption, _ in done):
            info["captions"] = [caption for _, _, _, _, caption, _ in done]
            info["caption_colors"] = [color for _, _, _, _, _, color in done]
        (partial / "manifest.json").write_text(json.dumps(info, ensure_ascii=False, indent=1), encoding="utf-8")
        shutil.rmtree(folders[name], ignore_errors=True)
        partial.rename(folders[name])
        log(f"nnbook.frames: {name}: 상태 {len(done)}개, 파일 {len(first)}개, {info['bytes'] / 1024:.0f} KB")
    log(f"nnbook.frames: 탐색기 {len(todo)}개를 {time.perf_counter() - start:.1f}초에 그렸다 (프로세스 {workers}개)")
    return folders


def load_manifest(folder: Path) -> dict:
    """build가 만든 폴더의 manifest를 읽는다."""
    return json.loads((Path(folder) / "manifest.json").read_text(encoding="utf-8"))


def main(argv=None) -> None:
    """명령줄: ``python -m nnbook.frames 폴더 [이름 …]`` — 그림을 그리고 크기를 보인다."""
    import sys

    argv = sys.argv[1:] if argv is None else argv
    folders = build(Path(argv[0]), argv[1:] or None)
    for name, folder in folders.items():
        info = load_manifest(folder)
        print(f"{name}: {len(info['frames'])} states, {info['bytes'] / 1024:.0f} KB, {info['size']}")


if __name__ == "__main__":
    main()
