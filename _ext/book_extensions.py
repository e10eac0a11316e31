"""이 책의 Sphinx 확장.

1. docstring 속 reStructuredText에서 ``코드``바로 뒤에 한국어 조사가 붙어도 인라인 표기로 읽게 한다.
   docutils는 기본적으로 인라인 표기(``…``, *…*) 뒤에 공백이나 문장 부호가 와야 하는데, 한국어는
   ``forward(x)``는 처럼 조사를 바로 붙여 쓴다. docutils의 character_level_inline_markup 설정이 이를 허용한다.

2. HTML 쪽에 움직이지 않는 슬라이더를 싣지 않는다. 책을 만들 때 노트북을 실행하면 탐색기의 ipywidgets 상태가
   노트북에 저장되고, myst-nb는 그 상태와 위젯 관리자 JavaScript를 쪽에 싣는다. 그러나 커널이 없는 정적 쪽에서는
   슬라이더를 움직여도 그림이 바뀌지 않는다. 탐색기의 조작기 셀은 출력을 지우고(remove-output) 정지 그림을
   따로 보이므로, 그 상태와 스크립트도 싣지 않는다.

3. 한국어 화면 글(korean_ui), 한국어 검색(korean_search), 괄호·수식에 붙은 조사의 줄바꿈(korean_typography), API 참고서의 생성자 시그니처(api_signatures), HTML 책의 탐색기(html_explorers), 콘솔 오류 없는 쪽(clean_console)을 켠다. 각 모듈의 docstring을 보라.
"""


def _enable_korean_inline_markup(app):
    app.env.settings["character_level_inline_markup"] = True


def _drop_widget_scripts(app, env):
    for page in getattr(env, "nb_metadata", {}).values():
        js_files = page.get("js_files", {})
        for key in [k for k in js_files if k.startswith("ipywidgets")]:
            del js_files[key]


def setup(app):
    app.setup_extension("korean_ui")
    app.setup_extension("korean_search")
    app.setup_extension("korean_typography")
    app.setup_extension("api_signatures")
    app.setup_extension("html_explorers")
    app.setup_extension("clean_console")
    app.connect("builder-inited", _enable_korean_inline_markup)
    app.connect("env-updated", _drop_widget_scripts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
