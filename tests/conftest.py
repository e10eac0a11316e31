import fcntl
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

import nnbook  # noqa: E402

nnbook.plotting.use_book_style()

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def built_book(tmp_path_factory, worker_id):
    """책을 한 번만 빌드한다: jupyter-book build --all -W -n --keep-going. (빌드 결과, html 폴더)를 준다.

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
            proc = subprocess.run(
                [jupyter_book, "build", str(ROOT), "--all", "-W", "-n", "--keep-going",
                 "--path-output", str(out)],
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
