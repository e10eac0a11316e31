"""독자의 브라우저에서 본 HTML 책: 한국어 화면, 한국어 검색, 한국어 조판, 화면보다 넓지 않은 쪽.

실제 브라우저(데비안의 chromium을 playwright로 움직인다)에서 책의 모든 쪽을 1280 px(데스크톱)과 390 px(휴대폰)
너비로 열어 본다. 책은 conftest.py의 built_book이 한 번만 빌드한 것을 127.0.0.1의 HTTP 서버로 보인다.
환경 변수 BOOK_HTML에 이미 만든 책(_build/html)을 주면 빌드하지 않고 그것을 본다.

모든 쪽의 화면 사진을 남긴다: pytest 임시 폴더의 screenshots*/ 아래 <쪽 이름>-<너비>.png (첫 화면).
환경 변수 BOOK_SCREENSHOTS에 폴더를 주면 그 폴더에 쪽 전체를 JPEG로 찍는다 (쪽마다 몇 초 걸려 기본은 첫 화면만).

검색의 정답은 검색 색인과 따로 만든다: 빌드된 HTML 본문(article)의 글에 표제어가 (조사가 붙든 복합어 속이든)
문자열로 들어 있는 쪽이 모두 찾아져야 한다.
"""

import functools
import http.server
import json
import os
import re
import threading
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
WIDTHS = [1280, 390]
HANGUL = re.compile("[\uac00-\ud7a3]")



def toc_pages() -> list[str]:
    """목차(_toc.yml)의 모든 쪽. 빌드된 책이 아니라 목차에서 만든다: 목차에 있는데 쪽이 없으면 실패해야 한다."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    pages = [toc["root"]]

    def walk(entries):
        for entry in entries:
            if "file" in entry:
                pages.append(entry["file"])
            walk(entry.get("sections", []))

    for part in toc.get("parts", []):
        walk(part.get("chapters", []))
    walk(toc.get("chapters", []))
    return [str(Path(page).with_suffix("")) for page in pages]


PAGES = toc_pages()


# ---------------------------------------------------------------- 정답: 빌드된 HTML의 본문 글


def article_text(html_file: Path) -> str:
    """쪽 본문(article)의 글. 스크립트, 스타일, 제목 옆 ¶ 링크는 뺀다. 태그 사이에는 아무것도 넣지 않는다."""
    soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.bd-article")
    for tag in article.select("script, style, a.headerlink"):
        tag.decompose()
    return article.get_text("")


def glossary_headwords() -> list[str]:
    """용어집(chapters/glossary.md) 표의 첫 열. 머리 행('용어')과 구분 행은 뺀다."""
    words = []
    for line in (ROOT / "chapters" / "glossary.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("|") and not line.startswith("|---"):
            word = line.split("|")[1].strip()
            if word and word != "용어" and word not in words:
                words.append(word)
    return words


def pages_containing(texts: dict[str, str], word: str) -> set[str]:
    word = word.lower()
    return {doc for doc, text in texts.items() if word in text.lower()}


# ---------------------------------------------------------------- 브라우저와 서버


@pytest.fixture(scope="module")
def site(book_html):
    """책 폴더를 127.0.0.1의 빈 포트에서 HTTP로 보인다."""
    handler = functools.partial(_QuietHandler, directory=str(book_html))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM}이 없다: scripts/test.sh가 데비안의 chromium을 설치한다")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def tabs(browser):
    """너비마다 탭 하나를 만들어 모든 쪽이 함께 쓴다."""
    tabs = {}
    for width in WIDTHS:
        phone = width < 600
        context = browser.new_context(
            viewport={"width": width, "height": 844 if phone else 900},
            is_mobile=phone, has_touch=phone, device_scale_factor=1,
        )
        tabs[width] = context.new_page()
    yield tabs
    for tab in tabs.values():
        tab.context.close()


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory):
    folder = os.environ.get("BOOK_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        return Path(folder)
    return tmp_path_factory.mktemp("screenshots")


def open_page(tab, url):
    tab.goto(url, wait_until="load")
    # MathJax가 수식을 조판해야 쪽의 진짜 너비가 나온다.
    tab.evaluate("() => window.MathJax?.startup?.promise")
    tab.evaluate("() => document.fonts.ready.then(() => true)")


# ---------------------------------------------------------------- 한 쪽의 배치를 재는 JavaScript

MEASURE = r"""
() => {
  const describe = (e) => {
    let name = e.tagName.toLowerCase();
    if (e.id) name += "#" + e.id;
    if (e.classList.length) name += "." + [...e.classList].slice(0, 2).join(".");
    const section = e.closest("section[id]");
    const text = (e.innerText || e.getAttribute("src") || e.getAttribute("alt") || "").replace(/\s+/g, " ").slice(0, 50);
    return `${name} (절 #${section ? section.id : "-"}: "${text}")`;
  };
  const scrollsSideways = (e) => {
    for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
      const x = getComputedStyle(p).overflowX;
      if (x === "auto" || x === "scroll" || x === "hidden") return true;
    }
    return false;
  };
  const viewport = window.innerWidth;
  const article = (document.querySelector("article.bd-article") || document.querySelector(".bd-search-container"));
  const pad = getComputedStyle(article);
  const column = article.clientWidth - parseFloat(pad.paddingLeft) - parseFloat(pad.paddingRight);
  const result = {lang: document.documentElement.lang, viewport, column,
                  pageWidth: document.documentElement.scrollWidth,
                  sticking_out: [], too_wide: [], breaking: [], joins: [], checked: 0,
                  images: [...article.querySelectorAll("img")].map((i) => {
                    const s = i.closest("section[id]");
                    return {section: s ? s.id : "-", natural: i.naturalWidth, shown: Math.round(i.getBoundingClientRect().width)};
                  })};
  if (result.pageWidth > viewport + 1) {
    for (const e of document.body.querySelectorAll("*")) {
      const r = e.getBoundingClientRect();
      if (r.right > viewport + 1 && r.width > 0 && !scrollsSideways(e))
        result.sticking_out.push(`${describe(e)}: 오른쪽 끝 ${Math.round(r.right)} px`);
    }
  }
  for (const e of article.querySelectorAll("table, img, figure, svg.bd-figure")) {
    const w = e.getBoundingClientRect().width;
    if (w > column + 1) result.too_wide.push(`${describe(e)}: ${Math.round(w)} px`);
  }
  const flowing = "p, li, td, th, dd, dt, h1, h2, h3, h4, h5, h6, figcaption, caption, blockquote, .admonition-title, summary";
  for (const e of document.body.querySelectorAll(flowing)) {
    const own = [...e.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join("");
    if (!/[\uac00-\ud7a3]/.test(own)) continue;
    result.checked += 1;
    if (getComputedStyle(e).wordBreak !== "keep-all") result.breaking.push(describe(e));
  }
  // 괄호와 한글, 인라인 수식과 조사 사이는 보이지 않는 WORD JOINER(U+2060)로 이어져 있어야 한다.
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.parentElement.closest("pre, code, .pre, .math, mjx-container, script, style, .cell_output, ul.search")) continue;
    const m = n.textContent.match(/.{0,12}([\uac00-\ud7a3][(\[]|[)\]][\uac00-\ud7a3]).{0,6}/);
    if (m) result.joins.push(`${describe(n.parentElement)}: "${m[0]}"`);
    const prev = n.previousSibling;
    if (prev && prev.nodeType === 1 && prev.matches(".math") && /^[\uac00-\ud7a3]/.test(n.textContent))
      result.joins.push(`${describe(n.parentElement)}: 수식 뒤 "${n.textContent.slice(0, 8)}"`);
  }
  return result;
}
"""


def take_screenshot(tab, folder: Path, page: str, width: int):
    name = f"{page.replace('/', '-')}-{width}"
    if os.environ.get("BOOK_SCREENSHOTS"):
        tab.screenshot(path=folder / f"{name}.jpg", full_page=True, type="jpeg", quality=70)
    else:
        tab.screenshot(path=folder / f"{name}.png")


class ConsoleLog:
    """탭의 콘솔 오류, 잡히지 않은 예외, 실패한 요청, 다른 호스트로 가는 요청을 모은다.

    다른 호스트로 가는 요청은 보내지 않고 끊는다 (책은 인터넷 없이 읽혀야 한다). 끊은 요청도 기록에 남는다.
    """

    def __init__(self, tab, site):
        self.site = site
        self.errors, self.outside = [], []
        tab.on("console", lambda msg: self.errors.append(f"console.{msg.type}: {msg.text}")
               if msg.type in ("error", "assert") else None)
        tab.on("pageerror", lambda exc: self.errors.append(f"예외: {exc}"))
        tab.on("requestfailed", lambda req: None if self._is_outside(req.url)
               else self.errors.append(f"요청 실패: {req.url} ({req.failure})"))
        tab.on("response", lambda res: self.errors.append(f"HTTP {res.status}: {res.url}") if res.status >= 400 else None)
        tab.route("**/*", self._route)

    def _is_outside(self, url):
        return not (url.startswith(self.site + "/") or url.startswith("data:") or url.startswith("blob:"))

    def _route(self, route):
        if self._is_outside(route.request.url):
            self.outside.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    def take(self):
        """지금까지 모은 것을 돌려주고 비운다."""
        found = {"errors": self.errors[:], "outside": self.outside[:]}
        self.errors.clear()
        self.outside.clear()
        return found


@pytest.fixture(scope="module")
def consoles(site, tabs):
    return {width: ConsoleLog(tab, site) for width, tab in tabs.items()}


@pytest.fixture(scope="module")
def layouts(site, tabs, screenshots, consoles):
    """모든 쪽을 두 너비로 한 번씩 열어 재고 화면 사진을 남긴다. {(쪽, 너비): 잰 값}.

    쪽마다 콘솔 오류와 다른 호스트로 간 요청도 함께 기록한다 (잰 값의 "console").
    """
    measured = {}
    for width, tab in tabs.items():
        for page in PAGES + ["search"]:
            query = "?q=퍼셉트론" if page == "search" else ""
            consoles[width].take()
            open_page(tab, f"{site}/{page}.html{query}")
            if page == "search":
                tab.wait_for_function("() => /\\d/.test(document.querySelector('.search-summary')?.innerText || '')")
            measured[page, width] = tab.evaluate(MEASURE)
            take_screenshot(tab, screenshots, page, width)
            # 쪽이 늦게 내려받는 것(탐색기의 그림 등)까지 끝나기를 기다린 뒤 콘솔 기록을 가져간다.
            tab.wait_for_load_state("networkidle")
            measured[page, width]["console"] = consoles[width].take()
    # 그림 글자 크기의 기록 (검사는 하지 않는다): 10 pt 글자(100 dpi에서 13.9 px)가 본문 칸에 줄어 보이는 크기.
    figures = {page: [{**img, "label_px_10pt": round(13.9 * img["shown"] / img["natural"], 1)}
                      for img in m["images"] if img["natural"]]
               for (page, width), m in measured.items() if width == 1280}
    (screenshots / "figures-1280.json").write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")
    return measured


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page", PAGES + ["search"])
def test_page_is_korean_and_fits(layouts, page, width):
    m = layouts[page, width]
    problems = []
    if m["lang"] != "ko":
        problems.append(f'<html lang="{m["lang"]}">, ko가 아니다')
    if m["pageWidth"] > m["viewport"] + 1:
        problems.append(f"쪽이 화면보다 넓다 ({m['pageWidth']} px > {m['viewport']} px). 튀어나온 것: "
                        + "; ".join(m["sticking_out"][:8]))
    if width >= 1000 and m["too_wide"]:
        problems.append(f"본문 칸({m['column']} px)보다 넓다: " + "; ".join(m["too_wide"][:8]))
    if m["breaking"]:
        problems.append(f"한글 낱말 안에서 줄이 바뀔 수 있다 (word-break가 keep-all이 아니다, {len(m['breaking'])}곳): "
                        + "; ".join(m["breaking"][:5]))
    if m["joins"]:
        problems.append(f"괄호나 수식과 한글 사이에서 줄이 바뀔 수 있다 (U+2060이 없다, {len(m['joins'])}곳): "
                        + "; ".join(m["joins"][:5]))
    assert not problems, f"{page}.html @ {width} px\n" + "\n".join(problems)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page", PAGES + ["search"])
def test_page_has_no_console_errors_and_stays_offline(layouts, page, width):
    console = layouts[page, width]["console"]
    assert not console["errors"], f"{page}.html @ {width} px의 콘솔 오류:\n" + "\n".join(console["errors"])
    assert not console["outside"], f"{page}.html @ {width} px가 다른 호스트에 요청했다:\n" + "\n".join(console["outside"])


def test_korean_text_was_checked(layouts):
    # keep-all 검사가 빈 검사가 되지 않도록: 한글 문단이 실제로 있는 쪽에서 잰다.
    assert layouts["chapters/01_perceptron", 1280]["checked"] > 50


# ---------------------------------------------------------------- 한국어 화면 글

UI_ENGLISH = re.compile(r"\b(Search|Contents|Click to (show|hide)|Skip to main content|Back to top|"
                        r"Previous|Next|previous page|next page|Copyright|Copy|Download|Toggle|"
                        r"On this page|Color mode|Light|Dark|System|Fullscreen|Print to PDF|By)\b")


UI_STRINGS = r"""
() => {
  const strings = [];
  const article = (document.querySelector("article.bd-article") || document.querySelector(".bd-search-container"));
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (article.contains(n) && !n.parentElement.closest(".toggle-button, .copybtn, button")) continue;
    if (n.parentElement.closest("script, style, .bd-toc-nav, nav.bd-links")) continue;
    const t = n.textContent.trim();
    if (t) strings.push(t);
  }
  for (const e of document.querySelectorAll("[aria-label], [title], [placeholder], [data-tooltip], [data-bs-title]"))
    for (const a of ["aria-label", "title", "placeholder", "data-tooltip", "data-bs-title"])
      if (e.getAttribute(a) && !article.contains(e)) strings.push(e.getAttribute(a));
  for (const e of article.querySelectorAll("button[aria-label], button[title], .copybtn[data-tooltip]"))
    for (const a of ["aria-label", "title", "data-tooltip"]) if (e.getAttribute(a)) strings.push(e.getAttribute(a));
  return strings;
}
"""


@pytest.mark.parametrize("page", ["chapters/01_perceptron", "search"])
def test_interface_is_korean(site, tabs, page):
    tab = tabs[1280]
    open_page(tab, f"{site}/{page}.html")
    english = sorted({s for s in tab.evaluate(UI_STRINGS) if UI_ENGLISH.search(s)})
    assert not english, f"{page}.html의 화면 글이 영어다: {english}"


# ---------------------------------------------------------------- 휴대폰에서 읽는 용어집


def test_glossary_reads_on_a_phone(site, tabs):
    tab = tabs[390]
    open_page(tab, f"{site}/chapters/glossary.html")
    rows = tab.evaluate(r"""
    () => [...document.querySelectorAll("article table tbody tr")].map((tr) => {
      const term = tr.querySelector("td");
      const r = term.getBoundingClientRect();
      const tops = new Set();
      const walker = document.createTreeWalker(term, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const range = document.createRange(); range.selectNodeContents(n);
        for (const q of range.getClientRects()) if (q.width > 0) tops.add(Math.round(q.top));
      }
      const lines = tops.size;
      return {term: term.innerText.trim(), lines, right: tr.getBoundingClientRect().right};
    })
    """)
    assert len(rows) > 100, "용어집의 표 행을 찾지 못했다"
    # 표제어는 한 줄에 다 보인다 (한 음절씩 쌓이지 않는다), 행은 화면 안에 있다.
    broken = [f"{r['term']}({r['lines']}줄)" for r in rows if r["lines"] != 1]
    outside = [f"{r['term']}({r['right']:.0f} px)" for r in rows if r["right"] > 391]
    assert not broken, f"390 px에서 표제어가 낱말 안에서 갈라진다: {broken[:10]}"
    assert not outside, f"390 px에서 용어집 행이 화면 밖으로 나간다: {outside[:10]}"


# ---------------------------------------------------------------- 한국어 검색

RESULTS = r"""
(query) => {
  const [q, terms, excluded, highlight, objects] = Search._parseQuery(query);
  return Search._performSearch(q, terms, excluded, highlight, objects).map((r) => r[0]);
}
"""


@pytest.fixture(scope="module")
def search(browser, site, book_html):
    """검색 쪽을 한 번 열고 색인을 읽힌 뒤, 검색어 → 찾은 쪽(docname)의 집합을 주는 함수를 준다.

    검색 쪽의 JavaScript(searchtools.js와 책의 language_data.js)가 그대로 검색한다. 결과를 화면에 그리는
    단계만 건너뛴다 (그 단계는 test_search_page_shows_results가 본다).
    """
    tab = browser.new_page()
    open_page(tab, f"{site}/search.html")
    tab.wait_for_function("() => Search.hasIndex()")
    docnames = tab.evaluate("() => Search._index.docnames")
    texts = {doc: article_text(book_html / f"{doc}.html") for doc in docnames}
    yield (lambda query: set(tab.evaluate(RESULTS, query))), texts
    tab.close()


def recall(search_fn, texts, words):
    """표제어마다 (본문에 들어 있는 쪽, 찾은 쪽, 놓친 쪽)."""
    report = {}
    for word in words:
        truth = pages_containing(texts, word)
        found = search_fn(word)
        report[word] = (truth, found, truth - found)
    return report


def test_search_finds_every_page_for_every_glossary_headword(search, screenshots):
    search_fn, texts = search
    words = glossary_headwords()
    assert len(words) > 100
    report = recall(search_fn, texts, words)
    pairs = sum(len(t) for t, _, _ in report.values())
    missed = {w: sorted(m) for w, (_, _, m) in report.items() if m}
    (screenshots / "search-recall.json").write_text(json.dumps({
        "headwords": len(words), "pages_with_headword": pairs,
        "missed": sum(len(m) for m in missed.values()), "missed_by_word": missed,
    }, ensure_ascii=False, indent=1), encoding="utf-8")
    assert pairs > 300, "정답이 너무 적다: 본문 글을 읽지 못했다"
    assert not missed, f"{len(missed)}개 표제어가 그 말이 있는 쪽을 놓친다: {dict(list(missed.items())[:10])}"


def test_stem_finds_particle_forms(search):
    search_fn, texts = search
    with_particle = {doc for doc, t in texts.items() if "함수는" in t}
    assert with_particle and with_particle <= search_fn("함수")
    # 조사가 붙은 검색어는 조사를 떼고 찾는다: "퍼셉트론은"으로 "퍼셉트론"이 있는 모든 쪽을 찾는다.
    perceptron = pages_containing(texts, "퍼셉트론")
    assert len(perceptron) > len(pages_containing(texts, "퍼셉트론은"))
    assert perceptron <= search_fn("퍼셉트론은")
    assert pages_containing(texts, "학습률") <= search_fn("학습률이")


@pytest.mark.parametrize("query", ["퍼셉트론 학습", "XOR 문제", "sigmoid 미분", "기울기 소실 ReLU"])
def test_multi_word_query_requires_every_word(search, query):
    search_fn, texts = search
    words = query.split()
    found = search_fn(query)
    truth = set.intersection(*(pages_containing(texts, w) for w in words))
    assert truth, f"'{query}'의 모든 낱말이 있는 쪽이 없다: 다른 검색어를 고르라"
    assert found == truth, (f"'{query}': 모든 낱말이 있는 쪽 {sorted(truth)}, "
                            f"찾은 쪽 {sorted(found)}")


@pytest.mark.parametrize("word", ["perceptron", "gradient", "softmax", "backpropagation"])
def test_english_terms_still_work(search, word):
    search_fn, texts = search
    truth = pages_containing(texts, word)
    assert truth and truth <= search_fn(word)
    # 영어 어간 추출도 그대로다: 복수형으로 찾아도 같은 쪽이 나온다.
    assert truth <= search_fn(word + "s")


def test_search_page_shows_results_in_korean(site, browser):
    tab = browser.new_page()
    open_page(tab, f"{site}/search.html?q=함수")
    tab.wait_for_function("() => /\\d/.test(document.querySelector('.search-summary')?.innerText || '')")
    tab.wait_for_function("() => document.querySelectorAll('ul.search li p.context').length > 0")
    summary = tab.inner_text(".search-summary")
    count = tab.locator("ul.search li").count()
    contexts = tab.locator("ul.search li p.context").all_inner_texts()
    tab.close()
    assert HANGUL.search(summary), f"검색 결과 안내가 한국어가 아니다: {summary}"
    assert count >= 5, f"'함수'로 찾은 쪽이 {count}개뿐이다"
    # 요약문은 검색어가 있는 자리에서 잘라 보인다 (색인어를 자모로 풀어 두어도).
    assert contexts and all("함수" in c for c in contexts), contexts[:3]


# ---------------------------------------------------------------- HTML 책의 탐색기 (커널 없이 미리 그린 그림을 바꾼다)

from nnbook.frames import registry as explorer_registry  # noqa: E402

EXPLORERS = sorted(explorer_registry())


def explorer_pages(book_html: Path) -> dict[str, list[str]]:
    """빌드된 책에서 {탐색기 이름: 그 탐색기가 있는 쪽들}."""
    found: dict[str, list[str]] = {}
    for page in PAGES:
        soup = BeautifulSoup((book_html / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
        for div in soup.select("div.nnbook-explorer"):
            found.setdefault(div["data-explorer"], []).append(page)
    return found


def frame_of(manifest: dict, state: list[int]) -> str:
    """상태(매개변수마다 격자 속 위치)의 그림 파일. 파이썬 쪽의 혼합 기수 셈 (스크립트의 셈과 견준다)."""
    index = 0
    for p, k in zip(manifest["params"], state):
        index = index * len(p["values"]) + k
    return manifest["frames"][index]


class ExplorerOnPage:
    """쪽 위의 탐색기 하나를 실제 입력(키보드, 선택)으로 움직이고 결과를 읽는다."""

    def __init__(self, tab, root):
        self.tab, self.root = tab, root
        self.manifest = json.loads(root.get_attribute("data-manifest"))
        self.state = json.loads(root.get_attribute("data-state"))
        self.first = list(self.state)
        self.img = root.locator("xpath=ancestor::figure[1]//img")
        self.swaps: list[float] = []

    def control(self, k):
        return self.root.locator(f'label[data-param="{self.manifest["params"][k]["name"]}"]')

    def move(self, k, target):
        """매개변수 k를 격자의 target번째 값으로 옮긴다: 슬라이더는 방향키로, 선택지는 고르기로."""
        p, label = self.manifest["params"][k], self.control(k)
        if p["kind"] == "choice":
            label.locator("select").select_option(str(target))
        else:
            slider = label.locator("input[type=range]")
            slider.focus()
            key, steps = ("ArrowRight", target - self.state[k]) if target > self.state[k] else \
                ("ArrowLeft", self.state[k] - target)
            for _ in range(steps):
                slider.press(key)
        self.state[k] = target
        return self.wait()

    def wait(self):
        """스크립트가 지금 상태의 그림을 보일 때까지 기다리고, 그 그림 파일을 돌려준다."""
        expected = frame_of(self.manifest, self.state)
        self.root.evaluate("(e, f) => new Promise((ok) => { const done = () => e.dataset.frame === f; "
                           "if (done()) return ok(); e.addEventListener('nnbook-explorer-swapped', "
                           "function h() { if (done()) { e.removeEventListener('nnbook-explorer-swapped', h); ok(); } }); })",
                           expected)
        self.swaps.append(float(self.root.get_attribute("data-swap-ms")))
        return expected

    def shown(self):
        """보이는 그림의 (파일 이름, 실제 너비, 다 내려받았는가)."""
        return self.img.evaluate("(i) => [i.getAttribute('src').split('/').pop(), i.naturalWidth, i.complete]")

    def caption_ok(self):
        """요약 글이 있는 탐색기이면, 그림 위의 글이 manifest의 지금 상태의 글과 같은가. 없으면 글 자리도 없는가."""
        caption = self.root.locator("p.nnbook-explorer-caption")
        if "captions" not in self.manifest:
            return caption.count() == 0
        index = 0
        for p, k in zip(self.manifest["params"], self.state):
            index = index * len(p["values"]) + k
        return caption.text_content() == self.manifest["captions"][index]

    def value_text(self, k):
        return self.control(k).locator("output").inner_text() if self.manifest["params"][k]["kind"] != "choice" \
            else self.control(k).locator("output").text_content()


@pytest.fixture(scope="module")
def explorer_tab(browser, site):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, device_scale_factor=1)
    tab = context.new_page()
    console = ConsoleLog(tab, site)
    yield tab, console
    context.close()


SWAPS: dict[str, list[float]] = {}


@pytest.mark.parametrize("name", EXPLORERS)
def test_explorer_moves_in_the_browser(book_html, site, explorer_tab, screenshots, name):
    """쪽의 탐색기에서 모든 조작기를 움직이면 보이는 값과 그림이 바뀐다 (그 값의 그림이 다른 그림이면).

    그림이 같은 파일인 값도 있다 (예: 리키 렐루가 아닌 함수에서 α). 그래서 매개변수마다, 처음 상태에서 또는 다른
    선택지를 고른 상태에서 그 매개변수만 바꾸어 그림이 바뀌는 경우가 적어도 하나 있어야 한다.
    """
    tab, console = explorer_tab
    pages = explorer_pages(book_html).get(name)
    assert pages, f"탐색기 {name}이(가) 책의 어느 쪽에도 없다 (정지 그림과 같은 인자의 .live() 셀이 짝이어야 한다)"
    for page in pages:
        console.take()
        open_page(tab, f"{site}/{page}.html")
        roots = tab.locator(f'div.nnbook-explorer[data-explorer="{name}"]')
        for r in range(roots.count()):
            ex = ExplorerOnPage(tab, roots.nth(r))
            ex.root.scroll_into_view_if_needed()
            start = ex.wait()
            # XOR 탐색기는 학습 결과를 그림 위의 글(요약 글)로 보인다
            assert ("captions" in ex.manifest) == (name == "xor_trainer_explorer")
            assert ex.caption_ok(), f"{page}: 첫 상태의 요약 글이 다르다"
            file, width, complete = ex.shown()
            assert (file, width, complete) == (start, ex.manifest["size"][0], True), \
                f"{page}: 첫 그림이 {start}이 아니거나 내려받지 못했다: {file}, 너비 {width}"
            params = ex.manifest["params"]
            movable = [k for k, p in enumerate(params) if len(p["values"]) > 1]
            assert movable, f"{name}: 움직일 수 있는 매개변수가 없다"
            assert ex.root.locator("label[data-param]").count() == len(movable)
            for k in movable:
                p = params[k]
                assert ex.control(k).locator(".nnbook-explorer-label").inner_text() == p["label"]
                contexts = [None] + [(j, v) for j in movable if j != k and params[j]["kind"] == "choice"
                                     for v in range(len(params[j]["values"]))]
                changed = False
                for ctx in contexts:
                    if ctx is not None:
                        ex.move(*ctx)
                    for target in range(len(p["values"])):
                        if target == ex.state[k]:
                            continue
                        before = ex.shown()[0]
                        after = ex.move(k, target)
                        assert ex.value_text(k) == p["texts"][target], \
                            f"{page}: {p['label']}을(를) {p['texts'][target]}로 옮겼는데 보이는 값이 {ex.value_text(k)}"
                        file, width, complete = ex.shown()
                        assert (file, width, complete) == (after, ex.manifest["size"][0], True), \
                            f"{page}: {p['label']} = {p['texts'][target]}의 그림 {after}이(가) 보이지 않는다: {file}"
                        assert ex.caption_ok(), f"{page}: {p['label']} = {p['texts'][target]}의 요약 글이 다르다"
                        if after != before:
                            changed = True
                            break
                    if changed:
                        break
                assert changed, f"{page}: {p['label']}을(를) 어떻게 움직여도 그림이 바뀌지 않는다"
                take_screenshot(tab, screenshots, f"explorer-{name}-{p['name']}", 1280)
            ex.root.locator("button.nnbook-explorer-reset").click()
            ex.state = list(ex.first)
            assert ex.wait() == start, f"{page}: '처음 상태로'가 첫 그림으로 돌아가지 않는다"
            SWAPS.setdefault(name, []).extend(ex.swaps)
        found = console.take()
        assert not found["errors"] and not found["outside"], found
    # 그림을 바꾸는 데 걸린 시간은 기록만 한다 (시간은 테스트에서 검사하지 않는다: bench/bench_html_explorers.py).
    (screenshots / "explorer-swaps.json").write_text(json.dumps(SWAPS, indent=1), encoding="utf-8")


def test_explorer_works_opened_as_a_file(browser, book_html):
    """책을 서버 없이 파일로 열어도 탐색기가 움직인다 (manifest가 쪽에 들어 있어 fetch를 쓰지 않는다)."""
    page = explorer_pages(book_html)["xor_trainer_explorer"][0]
    tab = browser.new_page()
    errors = []
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.goto((book_html / f"{page}.html").resolve().as_uri(), wait_until="load")
    ex = ExplorerOnPage(tab, tab.locator("div.nnbook-explorer").first)
    start = ex.wait()
    k = next(k for k, p in enumerate(ex.manifest["params"]) if len(p["values"]) > 1)
    after = ex.move(k, 0 if ex.state[k] else 1)
    file, width, complete = ex.shown()
    tab.close()
    assert after != start and (file, width, complete) == (after, ex.manifest["size"][0], True)
    assert not errors, errors
