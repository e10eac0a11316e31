#!/usr/bin/env bash
# 가상 환경을 준비하고 모든 테스트를 돌린다:
#   tests/    라이브러리 테스트와 책 빌드 테스트(jupyter-book build --all -W -n --keep-going, 경고 0개).
#             책 빌드는 노트북을 다시 실행하지 않고 nbval이 확인하는 저장된 출력을 그린다 (tests/conftest.py).
#   chapters/ 모든 장 노트북을 nbval로 다시 실행해 저장된 출력과 비교한다 (--nbval, lax 아님)
#   tests/test_html_book.py  책을 실제 브라우저(데비안의 chromium, playwright로 움직인다)로 연다
#   tests/test_pdf.py        PDF 책을 찍는 단계를 작은 쪽 하나로 검사한다 (책 전체의 PDF는 build_book.sh가 만든다)
set -euo pipefail
# 브라우저 테스트와 PDF는 데비안의 chromium을, PDF 검사는 poppler-utils를 쓴다. 없으면 설치한다 (CI는 root로 돈다).
source "$(dirname "${BASH_SOURCE[0]}")/system_packages.sh"
source "$(dirname "${BASH_SOURCE[0]}")/setup_venv.sh"
python -m pytest tests chapters --nbval --nbval-current-env \
  -n 2 --dist loadfile "$@"
