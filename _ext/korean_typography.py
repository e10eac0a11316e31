"""한국어 줄바꿈: 괄호나 수식에 붙은 조사가 다음 줄로 떨어지지 않게 한다.

CSS ``word-break: keep-all``(_static/book.css)은 한글 글자 사이의 줄바꿈을 막는다. 그러나 괄호와 한글 사이는
막지 않는다: "퍼셉트론(perceptron)은"은 ")"와 "은" 사이에서, "퍼셉트론(perceptron)"은 "론"과 "(" 사이에서
줄이 바뀔 수 있다. 인라인 수식(MathJax가 그리는 상자) 바로 뒤의 조사("$x$를")도 마찬가지다.

여기서는 그런 자리에 보이지 않는 낱말 잇기 문자(U+2060 WORD JOINER)를 넣는다. 이 문자 앞뒤에서는 줄이 바뀌지
않는다. 코드, 수식, 날 HTML 안의 글은 건드리지 않는다.
"""

import re

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

WORD_JOINER = "\u2060"
HANGUL = "\uac00-\ud7a3"
OPENING = "([{“‘「『〈《"
CLOSING = ")]}”’」』〉》"
# 한글 바로 뒤의 여는 괄호, 닫는 괄호 바로 뒤의 한글.
_JOINS = re.compile(f"(?<=[{HANGUL}])(?=[{re.escape(OPENING)}])|(?<=[{re.escape(CLOSING)}])(?=[{HANGUL}])")
_SKIP = (nodes.FixedTextElement, nodes.literal, nodes.math, nodes.math_block, nodes.raw, nodes.comment)


def join_korean(text: str) -> str:
    """괄호와 한글이 맞붙은 자리에 WORD JOINER를 넣는다."""
    return _JOINS.sub(WORD_JOINER, text)


class KoreanLineBreaks(SphinxPostTransform):
    default_priority = 900
    formats = ("html",)

    def run(self, **kwargs):
        for parent in list(self.document.findall(nodes.Element)):
            if isinstance(parent, _SKIP) or any(isinstance(a, _SKIP) for a in _ancestors(parent)):
                continue
            # 같은 글의 Text 노드는 서로 같다고 비교되므로(str), 자리(i)로 다룬다.
            for i, child in enumerate(parent.children):
                if not isinstance(child, nodes.Text):
                    continue
                new = join_korean(str(child))
                # 인라인 수식 바로 뒤에 붙은 한글 (예: "$x$를")
                if i > 0 and isinstance(parent[i - 1], nodes.math) and re.match(f"[{HANGUL}]", new):
                    new = WORD_JOINER + new
                if new != str(child):
                    parent[i] = nodes.Text(new)


def _ancestors(node):
    node = node.parent
    while node is not None:
        yield node
        node = node.parent


def setup(app):
    app.add_post_transform(KoreanLineBreaks)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
