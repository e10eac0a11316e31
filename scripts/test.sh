#!/usr/bin/env bash
# 가상 환경을 준비하고 모든 테스트를 돌린다:
#   tests/    라이브러리 테스트와 책 빌드 테스트(jupyter-book build --all -W -n --keep-going, 경고 0개)
#   chapters/ 모든 장 노트북을 nbval로 다시 실행해 저장된 출력과 비교한다 (--nbval, lax 아님)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup_venv.sh"
python -m pytest tests chapters --nbval --nbval-current-env \
  -n 2 --dist loadfile "$@"
