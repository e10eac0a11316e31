import fcntl
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import matplotlib
import pytest
import yaml

matplotlib.use("Agg")

import nnbook  # noqa: E402

nnbook.plotting.use_book_style()

ROOT = Path(__file__).resolve().parents[1]


def stored_outputs_config(path: Path) -> Path:
    """_config.yml과 같되 노트북을 실행하지 않고 저장된 출력을 그리는 설정 파일을 path에 쓴다.

    jupyter-book은 local_extensions의 경로를 설정 파일이 있는 폴더에서 찾으므로 절대 경로로 바꾼다.
    나머지 상대 경로(references.bib, _templates)는 Sphinx가 원본 폴더(ROOT)에서 찾는다.
    """
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert config["execute"]["execute_notebooks"] == "force", "책 명령은 모든 노트북을 새로 실행해야 한다"
    config["execute"]["execute_notebooks"] = "off"
    extensions = config["sphinx"]["local_extensions"]
    for name, folder in extensions.items():
        extensions[name] = str((ROOT / folder).resolve())
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path



@pytest.fixture(scope="session")
def built_book(tmp_path_factory, worker_id):
    """책을 한 번만 빌드한다: jupyter-book build --all -W -n --keep-going. (빌드 결과, html 폴더)를 준다.

    노트북은 테스트 실행마다 한 번만 실행된다: nbval(`--nbval`)이 모든 장 노트북을 다시 실행해 저장된 출력과
    비교하므로, 이 빌드는 노트북을 또 실행하지 않고 저장된 출력(nbval이 확인하는 바로 그 출력)을 그린다.
    _config.yml을 복사해 execute_notebooks만 off로 바꾼 설정(stored_outputs_config)으로 빌드한다. 경고(-W -n)와
    저장된 출력 속 stderr(stderr_output: warn)는 그대로 실패다. 책 명령(scripts/build_book.sh)은 여전히
    _config.yml의 force로 모든 노트북을 새로 실행한다.

    pytest-xdist의 일꾼들은 각자 세션을 가지므로, 일꾼들이 함께 쓰는 임시 폴더에 잠금을 걸고 처음 온 일꾼만
    빌드한다. 나머지는 그 결과(로그와 html)를 읽는다.
    """
    shared = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        shared = shared.parent  # 이번 실행의 모든 일꾼이 함께 쓰는 폴더
    out, record = shared / "book", shared / "book.json"
    with open(shared / "book.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not record.exists():
            jupyter_book = shutil.which("jupyter-book", path=str(Path(sys.executable).parent))
            assert jupyter_book, "가상 환경에 jupyter-book이 없다"
            env = {**os.environ, "PYTHONHASHSEED": "0"}
            config = stored_outputs_config(shared / "book-config.yml")
            proc = subprocess.run(
                [jupyter_book, "build", str(ROOT), "--all", "-W", "-n", "--keep-going",
                 "--config", str(config), "--path-output", str(out)],
                capture_output=True, text=True, env=env, timeout=1200,
            )
            record.write_text(json.dumps([proc.args, proc.returncode, proc.stdout, proc.stderr]))
    proc = subprocess.CompletedProcess(*json.loads(record.read_text()))
    return proc, out / "_build" / "html"


@pytest.fixture(scope="session")
def book_html(request):
    """HTML 책 폴더. 환경 변수 BOOK_HTML이 있으면 이미 만든 책을 쓴다 (브라우저 테스트만 빨리 다시 돌릴 때)."""
    if os.environ.get("BOOK_HTML"):
        return Path(os.environ["BOOK_HTML"])
    return request.getfixturevalue("built_book")[1]
