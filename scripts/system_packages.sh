#!/usr/bin/env bash
# 책과 테스트가 쓰는 데비안 패키지가 없으면 apt-get으로 설치한다 (root 권한이 필요하다; CI는 root로 돈다).
#   chromium       브라우저 테스트와 PDF 인쇄 (playwright가 브라우저를 내려받게 하지 않는다)
#   fonts-nanum    PDF와 브라우저의 한글 글꼴 NanumGothic
#   poppler-utils  PDF 검사 (pdfinfo, pdffonts, pdftotext)
# scripts/build_book.sh와 scripts/test.sh가 source 해서 쓴다.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -f /usr/share/fonts/truetype/nanum/NanumGothic.ttf ] || missing+=(fonts-nanum)
command -v pdffonts > /dev/null || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq && apt-get install -y -qq "${missing[@]}"
fi
