/* 신경망의 이해 — HTML 책의 탐색기.
 *
 * 정지 그림 앞의 div.nnbook-explorer에 슬라이더와 선택지를 만들고, 움직이면 미리 그린 그림(frame)으로 바꾼다.
 * 커널도 인터넷도 쓰지 않는다. manifest는 div의 data 속성에 들어 있어 쪽을 파일로 열어도 움직인다.
 * 그림의 번호는 매개변수 순서의 혼합 기수(mixed radix)다 (nnbook.widgets.Explorer.state_index와 같은 셈).
 *
 * 그림을 바꾸는 데 걸린 시간(입력 → 새 그림이 디코드되어 다음 화면 그리기에 들어감)을 div의 data-swap-ms에 적는다.
 * bench/bench_html_explorers.py가 이것을 읽는다.
 */
(function () {
  "use strict";

  function element(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function setup(root) {
    const manifest = JSON.parse(root.dataset.manifest);
    const base = root.dataset.base;
    const first = JSON.parse(root.dataset.state);
    const state = first.slice();
    const figure = root.closest("figure") || root.parentElement;
    const img = figure.querySelector("img");
    if (!img) return;
    const params = manifest.params;
    const defaultAlt = img.getAttribute("alt") || "";

    const index = () => params.reduce((i, p, k) => i * p.values.length + state[k], 0);
    const describe = () => params.map((p, k) => `${p.label} ${p.texts[state[k]]}`).join(", ");
    const sameAsFirst = () => state.every((v, k) => v === first[k]);

    // 미리 그린 그림을 내려받아 디코드해 둔다 (바꿀 때 기다리지 않게). 같은 파일은 한 번만.
    const cache = new Map();
    const load = (file) => {
      if (!cache.has(file)) {
        const pic = new Image();
        pic.src = base + file;
        cache.set(file, pic.decode().then(() => pic, () => pic));
      }
      return cache.get(file);
    };

    // 상태마다의 요약 글(학습한 뒤의 손실 같은 것): manifest에 있으면 그림 바로 위에 글로 보인다.
    const captions = manifest.captions || null;
    const caption = captions ? element("p", "nnbook-explorer-caption") : null;
    const showCaption = () => {
      if (!caption) return;
      caption.textContent = captions[index()];
      const color = manifest.caption_colors[index()];
      caption.style.color = color === "black" ? "" : color;   // 검정은 쪽의 글자색을 따른다 (어두운 테마)
    };

    let ticket = 0;
    const show = () => {
      const t0 = performance.now();
      const mine = ++ticket;
      const file = manifest.frames[index()];
      load(file).then(() => {
        if (mine !== ticket) return;   // 그새 또 움직였다
        img.src = base + file;
        img.alt = sameAsFirst() ? defaultAlt : `${manifest.title}: ${describe()}`;
        showCaption();
        return img.decode().catch(() => undefined);
      }).then(() => {
        if (mine !== ticket) return;
        // 새 그림이 디코드되어 다음 화면 그리기(animation frame)에 들어갈 때까지의 시간을 적는다.
        requestAnimationFrame(() => {
          if (mine !== ticket) return;
          root.dataset.frame = file;
          root.dataset.swapMs = (performance.now() - t0).toFixed(2);
          root.dispatchEvent(new CustomEvent("nnbook-explorer-swapped", {bubbles: true}));
        });
      });
    };

    const panel = element("div", "nnbook-explorer-controls");
    panel.setAttribute("role", "group");
    panel.setAttribute("aria-label", manifest.title);
    const fixed = [];
    const inputs = [];
    params.forEach((p, k) => {
      if (p.values.length < 2) {
        fixed.push(`${p.label} ${p.texts[state[k]]}`);
        return;
      }
      const label = element("label", "nnbook-explorer-control");
      label.dataset.param = p.name;
      label.append(element("span", "nnbook-explorer-label", p.label));
      let input;
      if (p.kind === "choice") {
        input = element("select");
        p.texts.forEach((text, i) => {
          const option = element("option", "", text);
          option.value = String(i);
          input.append(option);
        });
      } else {
        input = element("input");
        input.type = "range";
        input.min = "0";
        input.max = String(p.values.length - 1);
        input.step = "1";
      }
      input.value = String(state[k]);
      const output = element("output", "nnbook-explorer-value", p.texts[state[k]]);
      const update = () => {
        state[k] = Number(input.value);
        output.textContent = p.texts[state[k]];
        if (p.kind !== "choice") input.setAttribute("aria-valuetext", p.texts[state[k]]);
        show();
      };
      if (p.kind !== "choice") input.setAttribute("aria-valuetext", p.texts[state[k]]);
      input.addEventListener(p.kind === "choice" ? "change" : "input", update);
      // 선택지는 고른 이름이 이미 보이므로 값을 따로 적지 않는다 (output은 화면에서 숨기고 보조 기술에는 남긴다).
      if (p.kind === "choice") output.classList.add("nnbook-explorer-value-hidden");
      label.append(input, output);
      panel.append(label);
      inputs.push({input, k});
    });

    const reset = element("button", "nnbook-explorer-reset", "처음 상태로");
    reset.type = "button";
    reset.addEventListener("click", () => {
      inputs.forEach(({input, k}) => {
        state[k] = first[k];
        input.value = String(first[k]);
        input.dispatchEvent(new Event(input.tagName === "SELECT" ? "change" : "input"));
      });
    });
    panel.append(reset);

    const count = new Set(manifest.frames).size;
    let note = `미리 그린 ${manifest.frames.length}가지 상태 가운데 하나를 보인다 (커널 없이 움직인다).`;
    if (fixed.length) note += ` 고정: ${fixed.join(", ")}. 다른 값은 Jupyter에서 조작기로 볼 수 있다.`;
    root.append(panel, element("p", "nnbook-explorer-note", note));
    if (caption) {
      caption.setAttribute("aria-live", "polite");
      root.append(caption);
    }
    root.dataset.frames = String(count);

    // 첫 그림도 미리 그린 그림으로 바꾼다: 정지 그림(노트북 출력)과 여백이 조금 달라, 움직일 때 그림이 튀지 않게.
    img.width = manifest.size[0];
    img.height = manifest.size[1];
    show();
    const preload = () => manifest.frames.forEach(load);
    if (document.readyState === "complete") preload();
    else window.addEventListener("load", preload);
    root.classList.add("nnbook-explorer-ready");
  }

  const start = () => document.querySelectorAll("div.nnbook-explorer").forEach(setup);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
