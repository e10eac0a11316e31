"""API 참고서에 클래스의 진짜 생성자 시그니처를 보인다.

``nnbook.layers.Layer``는 저장할 때 생성자 인자를 기억하려고 ``__new__(cls, *args, **kwargs)``를 정의한다.
autodoc은 ``__new__``가 있으면 ``__init__``보다 그것을 먼저 읽으므로, 모든 층이 ``Dense(*args, **kwargs)``로
보였다. 시그니처가 ``(*args, **kwargs)``뿐이고 클래스가 자기 ``__init__``을 가지면, 그 ``__init__``의
시그니처(self를 뺀 것)를 autodoc과 같은 형식으로 쓴다.
"""

from sphinx.util.inspect import signature as sphinx_signature
from sphinx.util.inspect import stringify_signature

GENERIC = "(*args, **kwargs)"


def constructor_signature(app, what, name, obj, options, signature, return_annotation):
    if what != "class" or signature != GENERIC:
        return None
    init = getattr(obj, "__init__", None)
    if init is None or init is object.__init__ or not hasattr(init, "__code__"):
        return None
    sig = sphinx_signature(init, bound_method=True, type_aliases=app.config.autodoc_type_aliases)
    kwargs = {}
    if app.config.autodoc_typehints in ("none", "description"):
        kwargs["show_annotation"] = False
    if app.config.autodoc_typehints_format == "short":
        kwargs["unqualified_typehints"] = True
    text = stringify_signature(sig, show_return_annotation=False, **kwargs)
    return (None, return_annotation) if text == GENERIC else (text, return_annotation)


def setup(app):
    app.setup_extension("sphinx.ext.autodoc")
    app.connect("autodoc-process-signature", constructor_signature)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
