#!/usr/bin/env bash
# 가상 환경 .venv를 만들고 requirements.txt(모든 버전 고정)와 nnbook을 설치한다.
# requirements.txt가 바뀌지 않았으면 설치를 건너뛴다. 다른 스크립트가 source 해서 쓴다.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.requirements.sha256
want=$(cat requirements.txt pyproject.toml | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
  echo "$want" > "$stamp"
fi
# JupyterLab을 한국어 화면으로 연다 (jupyterlab-language-pack-ko-KR). 사용자가 설정에서 바꾸면 그쪽이 이긴다.
overrides=.venv/share/jupyter/lab/settings/overrides.json
if [ ! -f "$overrides" ]; then
  mkdir -p "$(dirname "$overrides")"
  echo '{"@jupyterlab/translation-extension:plugin": {"locale": "ko_KR"}}' > "$overrides"
fi
export PATH="$PWD/.venv/bin:$PATH"
# 노트북과 테스트가 같은 결과를 내도록 해시 씨앗을 고정한다.
export PYTHONHASHSEED=0
