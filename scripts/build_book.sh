#!/usr/bin/env bash
# 가상 환경을 준비하고, 모든 노트북을 실행해 HTML 책을 _build/html에 만든다. 경고가 하나라도 있으면 실패한다.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup_venv.sh"
jupyter-book build . --all -W -n --keep-going
echo "책을 만들었다: $PWD/_build/html/index.html"
