WebAssembly.compileStreaming(fetch("gostart.wasm")).then((m) => postMessage(m));
