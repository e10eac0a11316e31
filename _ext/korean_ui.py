"""책의 화면 글(단추, 안내, 메뉴)을 한국어로 한다.

``language = "ko"``이면 Sphinx와 sphinx-book-theme은 자기 한국어 번역을 쓴다. 그러나 화면 틀을 그리는
pydata-sphinx-theme에는 한국어 번역이 없어 "Back to top", "On this page", "Color mode" 같은 글이 영어로 남고,
sphinx-book-theme의 번역 가운데 몇은 어색하다("Contents" → "내용"). 여기서 그 글들의 한국어를 준다: 템플릿이
쓰는 번역기(sphinx 카탈로그)와 sphinx-book-theme의 번역기 앞에 이 표를 끼운다. 표에 없는 글은 원래 번역을 쓴다.

JavaScript가 만드는 글(sphinx-copybutton의 "Copy", sphinx-togglebutton의 aria-label)은 번역 카탈로그를 쓰지 않으므로,
모든 쪽에 짧은 인라인 스크립트를 넣어 고친다.
"""

import gettext

from sphinx.locale import translators

KOREAN_UI = {
    # pydata-sphinx-theme (sphinx 카탈로그)
    "Skip to main content": "본문으로 건너뛰기",
    "Back to top": "맨 위로",
    "Color mode": "색 모드",
    "Light": "밝게",
    "Dark": "어둡게",
    "System Settings": "시스템 설정",
    "On this page": "이 쪽의 차례",
    "Site navigation": "책 차례",
    "Main": "주 메뉴",
    "Page": "쪽",
    "Version warning": "판 경고",
    "Search": "검색",
    "Search the docs ...": "책에서 찾기…",
    "Toggle primary sidebar": "왼쪽 차례 열고 닫기",
    "Toggle secondary sidebar": "오른쪽 차례 열고 닫기",
    "previous page": "이전 쪽",
    "next page": "다음 쪽",
    "previous": "이전",
    "next": "다음",
    "Copyright %(copyright)s": "%(copyright)s",
    "© Copyright %(copyright)s.": "© %(copyright)s",
    "Created using": "만든 도구:",
    "Built with the": "만든 테마:",
    # sphinx-book-theme (booktheme 카탈로그): 어색한 번역을 바꾼다.
    "Contents": "차례",
    "By": "지은이:",
    "By the": "지은이:",
    "Download this page": "이 쪽 내려받기",
    "Download source file": "원본 파일 내려받기",
    "Download notebook file": "노트북 파일 내려받기",
    "Fullscreen mode": "전체 화면",
    "Print to PDF": "PDF로 인쇄",
}

SEARCH_BAR_TEXT = "이 책에서 찾기…"

# sphinx-copybutton은 <html lang>에 맞는 메시지를 자기 표(messages)에서 고르는데 ko가 없다. 그 표와 고른 언어(locale)는
# 스크립트 맨 위의 const/let이라 다른 스크립트에서 보인다. 단추는 DOMContentLoaded에 만들어지므로 그 전에 ko를 넣는다.
# 복사 아이콘의 <title>은 이미 영어로 만들어졌으므로 단추가 생긴 뒤 바꾼다.
INLINE_JS = r"""
(() => {
  const ko = {copy: "복사", copy_to_clipboard: "클립보드에 복사", copy_success: "복사했다!", copy_failure: "복사하지 못했다"};
  if (typeof messages !== "undefined" && document.documentElement.lang === "ko") {
    messages.ko = ko;
    locale = "ko";
  }
  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll(".copybtn svg title").forEach((t) => { t.textContent = ko.copy_to_clipboard; });
    document.querySelectorAll("button.toggle-button").forEach((b) => b.setAttribute("aria-label", "숨긴 내용 열고 닫기"));
  });
})();
"""


class _KoreanFirst(gettext.NullTranslations):
    """KOREAN_UI에 있는 글은 그 한국어로, 없는 글은 원래 번역기로 옮긴다."""

    def __init__(self, original):
        super().__init__()
        self._original = original

    def gettext(self, message):
        return KOREAN_UI.get(message) or self._original.gettext(message)

    def ngettext(self, singular, plural, n):
        return KOREAN_UI.get(singular if n == 1 else plural) or self._original.ngettext(singular, plural, n)

    def pgettext(self, context, message):
        return self._original.pgettext(context, message)

    def npgettext(self, context, singular, plural, n):
        return self._original.npgettext(context, singular, plural, n)


def _set_search_bar_text(app, config):
    if config.language == "ko":
        config.html_theme_options = {**config.html_theme_options, "search_bar_text": SEARCH_BAR_TEXT}


def _install(app):
    if app.config.language != "ko":
        return
    for catalog in ("sphinx", "booktheme"):
        key = ("general", catalog)
        if key in translators and not isinstance(translators[key], _KoreanFirst):
            translators[key] = _KoreanFirst(translators[key])
    templates = getattr(app.builder, "templates", None)
    if templates is not None and hasattr(templates, "environment"):
        templates.environment.install_gettext_translations(translators[("general", "sphinx")])


def setup(app):
    app.connect("config-inited", _set_search_bar_text)
    app.connect("builder-inited", _install)
    app.add_js_file(None, body=INLINE_JS, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
