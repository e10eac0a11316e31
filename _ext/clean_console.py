"""모든 쪽의 브라우저 콘솔을 깨끗하게 한다: 오류 0개, 다른 호스트로 가는 요청 0개.

기본 Jupyter Book 1 빌드는 모든 쪽에서 콘솔 오류 세 가지를 낸다. 여기서 셋 다 없앤다.

1. "Identifier 'THEBE_JS_URL' has already been declared": sphinx-thebe의 설정 줄(``const THEBE_JS_URL = …``)이
   두 번 실린다. 본문만 있는 스크립트가 한 번은 파일 이름 None으로, 한 번은 ''로 등록되어 Sphinx의 중복 검사를
   빠져나가기 때문이다 (sphinx-togglebutton의 설정 줄도 같다). html-page-context에서 파일 이름과 속성(본문)이 같은
   스크립트를 하나만 남긴다.
2. "Got invalid theme mode: . Resetting to auto.": pydata-sphinx-theme의 ``default_mode``가 비어 있으면 처음 온
   독자의 쪽에서 오류를 낸다. 테마가 어차피 쓰는 값 ``auto``(시스템 설정을 따른다)를 적어 둔다.
3. favicon.ico 404: 브라우저는 아이콘이 적혀 있지 않으면 /favicon.ico를 요청한다. 빈 아이콘(data: URL)을 적는다.
"""


def _theme_mode(app, config):
    context = dict(config.html_context or {})
    context.setdefault("default_mode", "auto")   # pydata-sphinx-theme은 이 값을 html_context에서 읽는다
    config.html_context = context


def _dedupe_and_icon(app, pagename, templatename, context, doctree):
    if "script_files" in context:
        seen, kept = set(), []
        for script in context["script_files"]:
            key = (str(getattr(script, "filename", script) or ""),
                   tuple(sorted(getattr(script, "attributes", {}).items())))
            if key not in seen:
                seen.add(key)
                kept.append(script)
        context["script_files"][:] = kept
    if not context.get("favicon_url"):
        context["metatags"] = context.get("metatags", "") + '\n<link rel="icon" href="data:,">'


def setup(app):
    app.connect("config-inited", _theme_mode)
    app.connect("html-page-context", _dedupe_and_icon)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
