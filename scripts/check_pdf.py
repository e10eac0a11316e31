"""PDF 책을 검사한다: 쪽 수, 한글 글꼴(NanumGothic)이 PDF에 들어 있는지, 한글 글이 뽑히는지, 장 제목과 차례가 있는지.

    python scripts/check_pdf.py _build/pdf/neural-networks-ko.pdf [--min-pages 300]

poppler-utils의 pdfinfo, pdffonts, pdftotext를 쓴다 (scripts/build_book.sh가 없으면 설치한다).
tests/test_pdf.py도 같은 함수로 작은 PDF를 검사한다.
"""

import argparse
import re
import subprocess
import sys
from pathlib import Path

HANGUL = re.compile("[\uac00-\ud7a3]")


def _run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def inspect_pdf(path: Path) -> dict:
    """pdfinfo의 쪽 수, pdffonts의 (글꼴 이름, 들어 있는가), pdftotext의 글."""
    info = _run("pdfinfo", str(path))
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    fonts = []
    for line in _run("pdffonts", str(path)).splitlines()[2:]:
        # 이름 종류… 인코딩 emb sub uni 객체 번호: 뒤에서 다섯째가 emb(yes/no)
        parts = line.split()
        if len(parts) >= 6:
            fonts.append((parts[0].split("+")[-1], parts[-5] == "yes"))
    text = _run("pdftotext", "-enc", "UTF-8", str(path), "-")
    return {"pages": pages, "fonts": fonts, "text": text}


def problems(report: dict, *, min_pages: int, expect: list[str]) -> list[str]:
    """PDF 책이 지켜야 할 것 가운데 어긋난 것들."""
    found = []
    if report["pages"] < min_pages:
        found.append(f"쪽이 {report['pages']}쪽뿐이다 ({min_pages}쪽 이상이어야 한다)")
    nanum = [name for name, embedded in report["fonts"] if name.startswith("NanumGothic")]
    if not nanum:
        found.append(f"NanumGothic 글꼴이 없다: {sorted({n for n, _ in report['fonts']})}")
    not_embedded = sorted({name for name, embedded in report["fonts"] if not embedded})
    if not_embedded:
        found.append(f"PDF에 들어 있지 않은 글꼴: {not_embedded}")
    hangul = len(HANGUL.findall(report["text"]))
    if hangul < 50 * min(report["pages"], 10):
        found.append(f"뽑힌 한글 글자가 {hangul}자뿐이다")
    missing = [word for word in expect if word not in report["text"]]
    if missing:
        found.append(f"PDF의 글에 없다: {missing}")
    if "127.0.0.1" in report["text"]:
        found.append("인쇄할 때 쓴 서버 주소(127.0.0.1)가 PDF에 찍혔다")
    return found


#: 책 PDF에 있어야 할 글: 차례, 부와 장의 제목, 부록.
BOOK_EXPECT = ["차례", "Ⅰ. 퍼셉트론", "1. 뉴런과 퍼셉트론", "8. 기울기 소실", "용어집", "nnbook API 참고서"]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", type=Path)
    parser.add_argument("--min-pages", type=int, default=300)
    args = parser.parse_args(argv)
    report = inspect_pdf(args.pdf)
    found = problems(report, min_pages=args.min_pages, expect=BOOK_EXPECT)
    fonts = sorted({name for name, _ in report["fonts"]})
    print(f"PDF 검사: {report['pages']}쪽, 글꼴 {fonts}, 한글 {len(HANGUL.findall(report['text']))}자")
    if found:
        print("PDF 책이 잘못되었다:\n  " + "\n  ".join(found), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
