"""한국어 검색: 한글을 음절 두 개씩(바이그램) 잘라 색인해, 어간으로 조사가 붙은 꼴을 찾게 한다.

Sphinx 7.4에는 한국어 검색 언어가 없어 ``language = "ko"``이면 영어 검색으로 돌아간다. 영어 검색은 띄어쓰기로만
낱말을 자르므로 "함수는", "함수를"이 서로 다른 낱말로 색인되고, "함수"를 찾으면 "함수는"만 있는 쪽은 나오지 않는다.

여기서는 한글이 이어진 부분(한글 덩이)을 바이그램으로 자른다. "함수는" → 함수, 수는. 검색어 "함수"는 바이그램
"함수" 하나가 되어 "함수는", "손실함수"가 있는 쪽을 모두 찾는다. 검색어 "퍼셉트론"은 퍼셉, 셉트, 트론이 되고,
Sphinx는 검색어의 모든 낱말이 있는 쪽만 내놓으므로 세 바이그램이 모두 있는 쪽만 나온다. 한 음절 검색어("층")를
위해 음절 하나하나(유니그램)도 색인한다. 영어 낱말은 지금까지처럼 영어 어간 추출(Porter)을 거친다.

Sphinx의 검색 스크립트(searchtools.js)는 세 글자보다 짧은 검색어를 "반드시 있어야 하는 낱말"로 세지 않는다.
그래서 "XOR 문제"를 찾으면 "문제"가 없어도 "xor"만 있는 쪽이 나온다. 이를 막으려고 한글 색인어는 어간 단계에서
자모로 풀어(NFD) 저장한다: "함수"는 ㅎ ㅏ ㅁ ㅅ ㅜ 다섯 글자가 되어 언제나 세 글자보다 길다. 검색어도 같은
어간 함수를 거치므로 서로 맞는다. 검색 결과의 요약문은 색인어로 본문을 찾으므로, 요약문을 만들 때만 다시
NFC로 모은다.

검색어 쪽에서만 한 가지를 더 한다: 세 음절 이상인 한글 낱말 끝의 조사(은, 는, 이, 가, 을, 를, 의, 에서, 으로 …)를
떼고 찾는다. 그래서 "퍼셉트론은"으로 찾아도 "퍼셉트론은"이 있는 쪽만이 아니라 "퍼셉트론"이 있는 모든 쪽이 나온다.
조사를 떼어도 남는 어간은 원래 낱말의 앞부분이므로, 원래 낱말이 있는 쪽은 언제나 함께 찾아진다. 두 음절 낱말
("죽은", "몫의")은 떼지 않는다.

같은 규칙이 두 번 쓰인다: 색인을 만드는 Python(``split``, ``stem``)과 독자의 브라우저에서 검색어를 자르는
JavaScript(``js_splitter_code``). 둘이 다르면 검색이 조용히 실패하므로, 책 빌드 테스트가 브라우저에서
용어집의 모든 표제어를 찾아 본다.
"""

import json
import re
import unicodedata

from sphinx.search.en import SearchEnglish

HANGUL = "\uac00-\ud7a3"  # 완성형 한글 음절 가–힣
_hangul_or_not = re.compile(f"[{HANGUL}]+|[^{HANGUL}]+")
_hangul = re.compile(f"[{HANGUL}]")


def hangul_grams(run: str, unigrams: bool) -> list[str]:
    """한글 덩이 하나를 바이그램으로 자른다. unigrams가 참이면 음절 하나하나도 넣는다 (색인할 때)."""
    if len(run) == 1:
        return [run]
    grams = [run[i:i + 2] for i in range(len(run) - 1)]
    return (list(run) + grams) if unigrams else grams


# 검색어 끝에서 뗄 조사. 긴 것부터 본다. 어간이 두 음절 이상 남을 때만 뗀다 (JS_CODE의 stripKoreanParticle).
PARTICLES = ["에서는", "으로는", "에게는", "에서", "에게", "으로", "부터", "까지", "처럼", "보다", "이란", "이나",
             "은", "는", "이", "가", "을", "를", "의", "에", "와", "과", "도", "로", "만", "란"]


# 브라우저 쪽: language_data.js에 들어가 searchtools.js보다 나중에 실행된다.
# 그래서 splitQuery와 Stemmer를 선언하지 않고 다시 대입한다 (searchtools.js가 이미 선언했다).
JS_CODE = r"""
/* 한국어 검색 (_ext/korean_search.py와 같은 규칙) */
const koreanParticles = PARTICLES_JSON;
const stripKoreanParticle = (word) => {
  for (const particle of koreanParticles)
    if (word.endsWith(particle) && word.length - particle.length >= 2) return word.slice(0, -particle.length);
  return word;
};
splitQuery = (query) => {
  const words = [];
  query
    .split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu)
    .filter((token) => token)
    .forEach((token) => {
      token.match(/[\uac00-\ud7a3]+|[^\uac00-\ud7a3]+/g).forEach((run) => {
        if (/^[\uac00-\ud7a3]/.test(run)) run = stripKoreanParticle(run);
        if (!/^[\uac00-\ud7a3]/.test(run) || run.length === 1) words.push(run);
        else for (let i = 0; i + 1 < run.length; i++) words.push(run.slice(i, i + 2));
      });
    });
  return words;
};
(() => {
  const EnglishStemmer = Stemmer;
  Stemmer = function () {
    const english = new EnglishStemmer();
    this.stemWord = (word) =>
      /[\uac00-\ud7a3]/.test(word) ? word.normalize("NFD") : english.stemWord(word);
  };
  if (typeof Search !== "undefined") {
    const makeSearchSummary = Search.makeSearchSummary;
    Search.makeSearchSummary = (htmlText, keywords, anchor) =>
      makeSearchSummary(htmlText, [...keywords].map((k) => k.normalize("NFC")), anchor);
  }
})();
"""


class SearchKorean(SearchEnglish):
    """한국어 검색 언어: 한글은 바이그램(자모로 풀어 저장), 나머지는 영어 검색과 같다."""

    lang = "ko"
    language_name = "Korean"
    js_splitter_code = JS_CODE.replace("PARTICLES_JSON", json.dumps(PARTICLES, ensure_ascii=False))

    def split(self, input: str) -> list[str]:
        words = []
        for token in self._word_re.findall(input):
            for run in _hangul_or_not.findall(token):
                if _hangul.match(run):
                    words.extend(hangul_grams(run, unigrams=True))
                else:
                    words.append(run)
        return words

    def stem(self, word: str) -> str:
        if _hangul.search(word):
            return unicodedata.normalize("NFD", word)
        return super().stem(word)


def setup(app):
    app.add_search_language(SearchKorean)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
