#!/usr/bin/env bash
# 가상 환경을 준비하고, 모든 노트북을 실행해 HTML 책을 _build/html에, 같은 책의 PDF를 _build/pdf에 만든다.
# 경고가 하나라도 있으면 실패한다.
#
# PDF는 한 쪽짜리 HTML 책(Sphinx singlehtml)을 데비안의 chromium으로 인쇄해 만든다 (scripts/print_pdf.py).
# singlehtml 빌드는 HTML 빌드가 남긴 환경(_build/.doctrees)을 그대로 쓰므로 노트북을 다시 실행하지 않는다:
# HTML과 PDF는 같은 실행의 출력을 싣는다. 한글은 NanumGothic(fonts-nanum)으로 찍힌다.
set -euo pipefail
# PDF를 찍을 chromium과 한글 글꼴, PDF를 검사할 poppler-utils가 없으면 설치한다 (root 권한이 필요하다).
source "$(dirname "${BASH_SOURCE[0]}")/system_packages.sh"
source "$(dirname "${BASH_SOURCE[0]}")/setup_venv.sh"
jupyter-book build . --all -W -n --keep-going
jupyter-book build . --builder singlehtml -W -n --keep-going
pdf=_build/pdf/neural-networks-ko.pdf
python scripts/print_pdf.py _build/singlehtml "$pdf"
python scripts/check_pdf.py "$pdf"
echo "책을 만들었다: $PWD/_build/html/index.html"
echo "PDF 책을 만들었다: $PWD/$pdf"
