"""HTML 책의 탐색기에서 조작기를 움직여 새 그림이 보이기까지 걸리는 시간을 실제 브라우저로 잰다. 목표는 50 ms 이내.

    BOOK_HTML=_build/html python bench/bench_html_explorers.py [반복 수]

빌드된 책을 127.0.0.1에서 HTTP로 보이고, 데비안의 chromium(headless)으로 탐색기가 있는 쪽마다 모든 슬라이더를
방향키로 끝에서 끝까지 오가고 모든 선택지를 고른다. 시간은 쪽의 스크립트가 잰다: 입력 이벤트를 받은 때부터
새 그림이 디코드되어 img에 들어가고 다음 화면 그리기(requestAnimationFrame)에 들어갈 때까지 (div의 data-swap-ms).
그림은 쪽을 연 뒤 미리 내려받아 디코드해 두므로, 이 시간에는 내려받기가 들어가지 않는다 (쪽을 열자마자 움직이면
처음 몇 번은 내려받기를 기다릴 수 있다: 첫 번째 통과를 따로 보인다).
"""

import functools
import http.server
import json
import os
import statistics
import sys
import threading
from pathlib import Path

from bs4 import BeautifulSoup
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def explorer_pages(book: Path) -> list[str]:
    pages = []
    for html in sorted((book / "chapters").glob("*.html")):
        if BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").select("div.nnbook-explorer"):
            pages.append(f"chapters/{html.name}")
    return pages


WAIT = ("(e, n) => new Promise((ok) => { const h = () => { if (e.dataset.count >= n) ok(); }; "
        "e.addEventListener('nnbook-explorer-swapped', () => { e.dataset.count = (+e.dataset.count || 0) + 1; h(); }); h(); })")


def sweep(tab, root, rounds):
    """모든 조작기를 rounds번 끝에서 끝까지 움직이고 잰 시간들을 돌려준다."""
    manifest = json.loads(root.get_attribute("data-manifest"))
    times = []
    for _ in range(rounds):
        for p in manifest["params"]:
            if len(p["values"]) < 2:
                continue
            label = root.locator(f'label[data-param="{p["name"]}"]')
            n = len(p["values"])
            if p["kind"] == "choice":
                moves = [lambda i=i: label.locator("select").select_option(str(i)) for i in list(range(n)) + [p["default"]]]
            else:
                slider = label.locator("input[type=range]")
                moves = [lambda: slider.press("Home")] + [lambda: slider.press("ArrowRight")] * (n - 1) + \
                        [lambda: slider.press("ArrowLeft")] * (n - 1 - p["default"])
            for move in moves:
                root.evaluate("(e) => { e.dataset.count = 0; e.dataset.swapMs = ''; }")
                if p["kind"] != "choice":
                    label.locator("input[type=range]").focus()
                move()
                tab.wait_for_timeout(5)
                value = root.get_attribute("data-swap-ms")
                if value:   # 같은 값을 다시 고르면(끝에서 Home 등) 바뀌지 않으므로 재지 않는다
                    times.append(float(value))
    return times


def main():
    book = Path(os.environ.get("BOOK_HTML", ROOT / "_build" / "html"))
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(book)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    site = f"http://127.0.0.1:{server.server_port}"
    print("| 쪽 | 탐색기 | 잰 횟수 | 중앙값 (ms) | 95번째 백분위 (ms) | 최댓값 (ms) |")
    print("|---|---|---:|---:|---:|---:|")
    everything = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        tab = browser.new_page(viewport={"width": 1280, "height": 900})
        for page in explorer_pages(book):
            tab.goto(f"{site}/{page}", wait_until="load")
            tab.wait_for_load_state("networkidle")   # 미리 내려받기가 끝날 때까지
            roots = tab.locator("div.nnbook-explorer")
            for r in range(roots.count()):
                root = roots.nth(r)
                root.scroll_into_view_if_needed()
                times = sweep(tab, root, rounds)
                everything += times
                q = statistics.quantiles(times, n=20)[-1] if len(times) >= 20 else max(times)
                print(f"| {page} | {root.get_attribute('data-explorer')} | {len(times)} | "
                      f"{statistics.median(times):.1f} | {q:.1f} | {max(times):.1f} |")
        browser.close()
    server.shutdown()
    print(f"\n전체 {len(everything)}번: 중앙값 {statistics.median(everything):.1f} ms, "
          f"95번째 백분위 {statistics.quantiles(everything, n=20)[-1]:.1f} ms, 최댓값 {max(everything):.1f} ms")


if __name__ == "__main__":
    main()
