"""docstring 속 reStructuredText에서 ``코드``바로 뒤에 한국어 조사가 붙어도 인라인 표기로 읽게 한다.

docutils는 기본적으로 인라인 표기(``…``, *…*) 뒤에 공백이나 문장 부호가 와야 하는데, 한국어는
``forward(x)``는 처럼 조사를 바로 붙여 쓴다. docutils의 character_level_inline_markup 설정이 이를 허용한다.
"""


def _enable(app):
    app.env.settings["character_level_inline_markup"] = True


def setup(app):
    app.connect("builder-inited", _enable)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
