"""HTML 책의 탐색기: 정지 그림 자리에 슬라이더와 선택지를 달아, 미리 그린 그림(frame)을 바꿔 보인다.

커널도 인터넷도 없이 움직인다. 하는 일은 넷이다.

1. 그림 미리 그리기 (builder-inited): ``nnbook.frames.build``가 ``nnbook.explorers``의 모든 탐색기를 격자의
   모든 상태에서 그린다. 결과는 책 폴더의 ``.explorer-cache/<이름>-<지문>/``에 두고 다음 빌드가 다시 쓴다
   (내용이 같으면 아무것도 계산하지 않는다). 새로 그릴 때는 프로세스 2개로 나누어 그린다.
2. 쪽에 달기 (doctree-resolved): 노트북에서 ``X.show_static(…)`` 셀과 같은 인자의 ``X.live(…)`` 셀이 함께 있으면,
   그 정지 그림이 탐색기 ``X``의 그림이다. 그림(figure) 안, 그림 바로 앞에 ``div.nnbook-explorer``를 넣는다.
   div에는 manifest(격자, 이름표, 파일 이름)와 첫 상태(정지 그림의 인자)가 data 속성으로 들어 있어, 쪽을 파일로
   열어도(fetch 없이) 움직인다. 정지 그림, 캡션, 대체 글(alt)은 그대로 남아 JavaScript가 없는 독자의 그림이 된다.
3. 스크립트는 탐색기가 있는 쪽에만 싣는다 (html-page-context에서 ``add_js_file``). 스크립트 폴더
   ``_ext/explorer_static``은 config-inited에서 ``html_static_path``에 더한다. ``_static/``에 .js를 두면
   Jupyter Book 1이 모든 쪽에 싣기 때문이다.
4. 그림 옮기기 (build-finished): 쓰인 탐색기의 폴더를 ``_build/html/_explorers/<이름>/``으로 복사한다.
"""

from __future__ import annotations

import ast
import html
import json
import shutil
from pathlib import Path

from docutils import nodes
from sphinx.util import logging
from sphinx.util.osutil import relative_uri

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
STATIC = HERE / "explorer_static"
CACHE_NAME = ".explorer-cache"
OUT_NAME = "_explorers"


def _add_static_path(app, config):
    config.html_static_path = [*config.html_static_path, str(STATIC)]
    config.exclude_patterns = [*config.exclude_patterns, CACHE_NAME]


def _precompute(app):
    app.nnbook_frames = {}
    app.nnbook_used = set()
    # 여러 쪽으로 된 HTML 책에만 단다. 한 쪽짜리 HTML(singlehtml)은 PDF판을 찍는 데 쓰므로 정지 그림만 남긴다.
    if app.builder.name not in ("html", "dirhtml"):
        return
    from nnbook import frames

    app.nnbook_frames = frames.build(Path(app.srcdir) / CACHE_NAME, workers=2, log=logger.info)
    app.nnbook_manifests = {name: frames.load_manifest(folder) for name, folder in app.nnbook_frames.items()}


def _explorer_calls(source: str, method: str) -> list[tuple[str, dict]]:
    """셀 코드에서 ``이름.method(키=리터럴, …)`` 호출들을 (이름, 인자)로 찾는다."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    calls = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == method
                and isinstance(node.func.value, ast.Name) and not node.args):
            try:
                kwargs = {k.arg: ast.literal_eval(k.value) for k in node.keywords}
            except ValueError:
                continue
            calls.append((node.func.value.id, kwargs))
    return calls


def _notebook_cells(app, docname: str) -> list[str] | None:
    path = Path(app.env.doc2path(docname))
    if path.suffix != ".ipynb":
        return None
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"] for c in notebook["cells"]]


def _attach(app, doctree, docname):
    manifests = getattr(app, "nnbook_manifests", None)
    if not manifests:
        return
    cells = _notebook_cells(app, docname)
    if cells is None:
        return
    from nnbook import frames

    explorers = frames.registry()
    live = {(name, json.dumps(kw, sort_keys=True)) for src in cells for name, kw in _explorer_calls(src, "live")}
    for cell in doctree.findall(nodes.container):
        if cell.get("nb_element") != "cell_code" or cell.get("cell_index") is None:
            continue
        for name, kwargs in _explorer_calls(cells[cell["cell_index"]], "show_static"):
            if name not in explorers or (name, json.dumps(kwargs, sort_keys=True)) not in live:
                continue
            explorer = explorers[name]
            try:
                values = explorer.resolve(**kwargs)
                explorer.state_index(values)
            except ValueError as exc:
                logger.warning(f"{docname}: 탐색기 {name}의 정지 그림을 HTML 탐색기로 만들 수 없다: {exc}",
                               location=cell)
                continue
            image = next(iter(cell.findall(nodes.image)), None)
            if image is None:
                logger.warning(f"{docname}: 탐색기 {name}의 정지 그림 셀에 그림 출력이 없다.", location=cell)
                continue
            manifest = manifests[name]
            state = [p["values"].index(values[p["name"]]) for p in manifest["params"]]
            base = relative_uri(app.builder.get_target_uri(docname), f"{OUT_NAME}/{name}/")
            attrs = {"data-explorer": name, "data-base": base, "data-state": json.dumps(state),
                     "data-manifest": json.dumps(manifest, ensure_ascii=False, separators=(",", ":"))}
            markup = "<div class=\"nnbook-explorer\" " + " ".join(
                f'{k}="{html.escape(v, quote=True)}"' for k, v in attrs.items()) + "></div>"
            image.parent.insert(image.parent.index(image), nodes.raw("", markup, format="html"))
            app.nnbook_used.add(name)


def _page_assets(app, pagename, templatename, context, doctree):
    if 'class="nnbook-explorer"' in context.get("body", ""):
        app.add_css_file("nnbook-explorer.css")
        app.add_js_file("nnbook-explorer.js", defer="defer")


def _copy_frames(app, exception):
    if exception is not None or not getattr(app, "nnbook_used", None):
        return
    out = Path(app.outdir) / OUT_NAME
    shutil.rmtree(out, ignore_errors=True)
    for name in sorted(app.nnbook_used):
        shutil.copytree(app.nnbook_frames[name], out / name, ignore=shutil.ignore_patterns("manifest.json"))


def setup(app):
    app.connect("config-inited", _add_static_path)
    app.connect("builder-inited", _precompute)
    app.connect("doctree-resolved", _attach)
    app.connect("html-page-context", _page_assets)
    app.connect("build-finished", _copy_frames)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
