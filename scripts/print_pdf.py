"""한 쪽짜리 HTML 책(Sphinx singlehtml)을 데비안의 chromium으로 인쇄해 PDF 책을 만든다.

    python scripts/print_pdf.py _build/singlehtml _build/pdf/neural-networks-ko.pdf

scripts/build_book.sh가 HTML 책을 만든 뒤 부른다. 하는 일:
1. singlehtml의 첫 쪽은 chapters/intro.html에 생기는데, 그 쪽의 주소(_static/, _images/, chapters/intro.html#…)는
   모두 책 폴더 맨 위에 있는 것처럼 쓰여 있다 (Jupyter Book 1의 알려진 문제, jupyter-book issue 2204). 그래서 그 쪽을
   책 폴더 맨 위의 book.html로 복사해 연다. 책 안을 가리키는 링크는 PDF 안의 링크(#앵커)로 바꾼다.
2. 그 쪽을 127.0.0.1의 HTTP 서버로 열고, MathJax가 모든 수식을 조판하고 글꼴과 그림을 다 읽을 때까지 기다린다.
3. 인쇄용 모습으로 바꾼다: 테마의 인쇄용 차례(부와 장)에 절을 덧붙이고, 접힌 풀이를 편다 (종이에서는 누를 수
   없다). 본문 칸보다 넓은 수식과 표는 칸에 맞게 줄인다. 옆 목록, 머리글,
   단추는 _static/print.css의 @media print가 숨기고, 코드 줄은 잘리지 않고 접힌다 (pre-wrap).
4. A4로 인쇄한다: 아래쪽에 쪽 번호, PDF 책갈피(outline)는 장과 절의 제목.
"""

import argparse
import functools
import http.server
import sys
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"

#: 수식 하나의 (너비, 들어갈 칸의 너비). 가운데 수식은 그 상자가 칸이고, 글 속 수식은 둘러싼 문단이 칸이다.
MATH_WIDTH = r"""
const mathWidth = (m) => {
  if (m.getAttribute("display") === "true") {
    const math = m.firstElementChild;
    return [math ? math.getBoundingClientRect().width : 0, m.getBoundingClientRect().width];
  }
  let block = m.parentElement;
  while (block && getComputedStyle(block).display.startsWith("inline")) block = block.parentElement;
  const style = getComputedStyle(block);
  return [m.getBoundingClientRect().width,
          block.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)];
};
"""

#: 인쇄하기 전에 쪽에서 돌리는 JavaScript. 차례를 채우고 접힌 풀이를 편다. 차례 항목 수를 돌려준다.
PREPARE = r"""
(original) => {
  MATH_WIDTH
  // 접힌 풀이(sphinx-togglebutton의 드롭다운 상자)와 접힌 셀 출력(hide-output)을 편다.
  // 그림을 그리는 코드(hide-input)는 화면에서처럼 접어 둔다: 그 아래의 그림과 설명이 본문이다.
  for (const e of document.querySelectorAll(".toggle-hidden")) e.classList.remove("toggle-hidden");
  for (const d of document.querySelectorAll("details")) {
    if (!d.closest(".tag_hide-input, .tag_hide-cell")) d.open = true;
  }
  // 책 안의 링크: 이 쪽(원래 자리 chapters/intro.html)을 가리키면 PDF 안의 앵커로, 다른 파일(내려받을 노트북,
  // 색인 쪽)을 가리키면 글자만 남긴다. 127.0.0.1의 주소가 PDF에 남지 않는다.
  for (const a of document.querySelectorAll("a[href]")) {
    const url = new URL(a.getAttribute("href"), location.href);
    if (url.origin !== location.origin) continue;
    if (url.pathname === location.pathname || url.pathname.endsWith("/" + original)) {
      a.setAttribute("href", url.hash || "#jb-print-docs-body");
    } else {
      a.removeAttribute("href");
    }
  }
  // print.css로도 본문 칸보다 넓은 표(칸마다 수식이 든 표 같은)는 글자를 줄여 칸에 맞춘다.
  const article = document.querySelector("article.bd-article") || document.body;
  for (const t of article.querySelectorAll("table")) {
    for (let i = 0; i < 4; i += 1) {
      const box = t.getBoundingClientRect(), room = article.getBoundingClientRect().right - box.left;
      if (box.width <= room + 1) break;
      t.style.fontSize = `${parseFloat(getComputedStyle(t).fontSize) * 0.98 * room / box.width}px`;
    }
  }
  // 본문 칸보다 넓은 수식은 칸에 맞게 줄인다 (MathJax 3은 수식 안에서 줄을 바꾸지 않는다; 종이에서는 잘린다).
  for (const m of document.querySelectorAll("mjx-container")) {
    const [width, column] = mathWidth(m);
    if (width > column + 1) m.style.fontSize = `${Math.floor(1000 * column / width) / 10}%`;
  }
  // 차례: 테마가 인쇄할 때만 보이는 차례(#jb-print-toc, 부와 장)에 장마다 절의 제목을 덧붙인다.
  // singlehtml에서는 여러 장의 절이 같은 id(id1 같은)를 가질 수 있으므로, 절마다 새 앵커를 붙여 그리로 잇는다.
  let count = 0;
  for (const a of document.querySelectorAll("#jb-print-toc a[href^='#document-']")) {
    count += 1;
    const marker = document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
    const chapter = marker?.nextElementSibling;
    if (!chapter || chapter.tagName !== "SECTION") continue;
    const list = document.createElement("ul");
    list.className = "print-toc-sections";
    for (const heading of chapter.querySelectorAll(":scope > section > h3")) {
      const anchor = document.createElement("span");
      anchor.id = `print-section-${count}`;
      heading.parentElement.prepend(anchor);
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = "#" + anchor.id;
      link.textContent = [...heading.childNodes]
        .filter((n) => !(n.nodeType === 1 && n.matches("a.headerlink"))).map((n) => n.textContent).join("").trim();
      item.appendChild(link);
      list.appendChild(item);
      count += 1;
    }
    a.parentElement.appendChild(list);
  }
  return count;
}
"""

PREPARE = PREPARE.replace("MATH_WIDTH", MATH_WIDTH)

#: 인쇄할 준비가 되었는가: MathJax가 다 조판했고, 글꼴과 그림을 다 읽었다.
READY = r"""
async () => {
  MATH_WIDTH
  if (window.MathJax?.startup?.promise) await MathJax.startup.promise;
  await document.fonts.ready;
  const images = [...document.images];
  await Promise.all(images.map((i) => i.complete ? null : new Promise((ok) => { i.onload = i.onerror = ok; })));
  // 코드와 출력의 줄, 수식, 표가 쪽 너비에서 잘리지 않는가: 칸보다 넓은 것이 없어야 한다 (print.css).
  const clipped = [...document.querySelectorAll("pre")].filter((p) => p.offsetParent && p.scrollWidth > p.clientWidth + 1)
    .map((p) => p.textContent.split("\n").reduce((a, b) => (b.length > a.length ? b : a), "").slice(0, 60));
  const article = document.querySelector("article.bd-article") || document.body;
  for (const t of article.querySelectorAll("table")) {
    if (t.offsetParent && t.getBoundingClientRect().right > article.getBoundingClientRect().right + 1)
      clipped.push("표: " + t.innerText.replace(/\s+/g, " ").slice(0, 60));
  }
  for (const m of document.querySelectorAll("mjx-container")) {
    const [width, column] = mathWidth(m);
    if (m.offsetParent && width > column + 1)
      clipped.push("수식: " + (m.querySelector("mjx-assistive-mml")?.textContent || "").slice(0, 60));
  }
  return {
    clipped,
    math: document.querySelectorAll("mjx-container").length,
    mathErrors: document.querySelectorAll("mjx-merror").length,
    images: images.length,
    brokenImages: images.filter((i) => !i.naturalWidth).map((i) => i.getAttribute("src")),
  };
}
"""

READY = READY.replace("MATH_WIDTH", MATH_WIDTH)

FOOTER = """
<div style="width: 100%; font-size: 8px; color: #555; text-align: center; font-family: NanumGothic, sans-serif;">
  <span class="pageNumber"></span> / <span class="totalPages"></span>
</div>
"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def root_page(folder: Path) -> Path:
    """singlehtml의 첫 쪽: 책 폴더의 index.html이 가리키는 쪽 (이 책에서는 chapters/intro.html)."""
    pages = [p for p in folder.rglob("*.html")
             if p.name not in {"index.html", "book.html"} and "_static" not in p.parts]
    if len(pages) != 1:
        raise SystemExit(f"{folder}에 singlehtml 쪽이 하나가 아니다: {[str(p) for p in pages]}")
    return pages[0]


def copy_to_top(folder: Path, page: Path) -> Path:
    """jupyter-book issue 2204: 쪽의 주소가 책 폴더 맨 위를 기준으로 쓰였으므로, 쪽을 맨 위(book.html)에 둔다."""
    top = folder / "book.html"
    top.write_bytes(page.read_bytes())
    return top


def print_pdf(folder: Path, output: Path) -> dict:
    original = root_page(folder)
    page_file = copy_to_top(folder, original)
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/{page_file.relative_to(folder).as_posix()}"
    started = time.monotonic()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM,
                                        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            # 창의 너비를 A4의 본문 너비(210 mm − 여백 32 mm = 178 mm ≈ 673 px)로 두어, 인쇄할 때와 같은 너비에서 잰다.
            tab = browser.new_page(viewport={"width": 673, "height": 950})
            errors = []
            tab.on("pageerror", lambda e: errors.append(str(e)))
            tab.goto(url, wait_until="load", timeout=300_000)
            tab.emulate_media(media="print")
            ready = tab.evaluate(READY)
            times = {"loaded": time.monotonic() - started}
            ready["toc_entries"] = tab.evaluate(PREPARE, original.relative_to(folder).as_posix())
            ready["clipped"] = tab.evaluate(READY)["clipped"]  # 펼친 풀이 속 그림까지 기다리고 다시 잰다
            times["prepared"] = time.monotonic() - started
            output.parent.mkdir(parents=True, exist_ok=True)
            tab.pdf(path=str(output), format="A4", print_background=True, outline=True, tagged=True,
                    margin={"top": "16mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
                    display_header_footer=True, header_template="<span></span>", footer_template=FOOTER)
            times["printed"] = time.monotonic() - started
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    ready["seconds"] = {k: round(v, 1) for k, v in times.items()}
    ready["page_errors"] = errors
    return ready


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("singlehtml", type=Path, help="jupyter-book build --builder singlehtml이 만든 폴더")
    parser.add_argument("output", type=Path, help="만들 PDF 파일")
    args = parser.parse_args(argv)
    report = print_pdf(args.singlehtml.resolve(), args.output.resolve())
    problems = []
    if report["mathErrors"]:
        problems.append(f"MathJax가 조판하지 못한 수식 {report['mathErrors']}개")
    if report["brokenImages"]:
        problems.append(f"읽지 못한 그림: {report['brokenImages'][:5]}")
    if report["clipped"]:
        problems.append(f"쪽 너비에서 잘리는 코드 줄, 수식, 표 {len(report['clipped'])}개: {report['clipped'][:3]}")
    if report["toc_entries"] < 10:
        problems.append(f"차례 항목이 {report['toc_entries']}개뿐이다")
    print(f"PDF: {args.output} (수식 {report['math']}개, 그림 {report['images']}개, 차례 {report['toc_entries']}항목, "
          f"걸린 시간 {report['seconds']} 초)")
    if problems:
        print("PDF를 만들지 못했다: " + "; ".join(problems), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
