// What the large payload's viewer and the textarea show.
() => {
  const i = document.querySelector("#input"), v = document.querySelector("#large-scroll");
  return {inputHidden: i.offsetParent === null, inputValue: i.value.length, viewerHidden: v.offsetParent === null,
    label: (document.querySelector("#large-label") || {textContent: ""}).textContent,
    text: document.querySelector("#large-text").textContent, numbers: document.querySelector("#large-lines").textContent,
    scrollTop: Math.round(v.scrollTop), height: v.scrollHeight};
}
